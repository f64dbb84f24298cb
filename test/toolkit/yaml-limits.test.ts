/** YAML inputs: duplicate keys found in linear time, alias bombs and oversized files refused with the file named. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/toolkit/yaml-file.js';
import { runPtk, tempDir } from '../helpers/cli.js';

const BOMB = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].join('\n');

describe('YAML limits', () => {
  it('names a duplicate key with its line', () => {
    const { problems } = parseYaml('a: 1\nb:\n  c: 1\n  c: 2\na: 3\n', 'f.yaml');
    expect(problems.map((p) => [p.line, p.message]).sort()).toEqual([
      [4, 'YAML syntax error: Map keys must be unique ("c" is given twice)'],
      [5, 'YAML syntax error: Map keys must be unique ("a" is given twice)'],
    ]);
  });

  // the yaml package's uniqueKeys check took 22 s for 40,000 keys: four times the keys took sixteen times as long
  it('checks keys in time that grows with their number, not its square', () => {
    const timed = (n: number) => {
      const text = Array.from({ length: n }, (_, i) => `key${i}: ${i}`).join('\n');
      const started = performance.now();
      const { parsed, problems } = parseYaml(`${text}\nkey7: again\n`, 'big.yaml');
      expect(parsed).toBeUndefined();
      expect(problems.map((p) => p.line)).toEqual([n + 1]);
      return performance.now() - started;
    };
    timed(2_000); // warm up
    const small = timed(10_000);
    const large = timed(40_000);
    expect(large).toBeLessThan(8 * small + 1000);
  });

  it('refuses an alias bomb without expanding it', () => {
    const { parsed, problems } = parseYaml(BOMB, 'bomb.yaml');
    expect(parsed).toBeUndefined();
    expect(problems[0]!.message).toMatch(/too many YAML aliases/);
  });

  it('gives exit 2 and one line naming the file for --config, --codeframe and --topics', () => {
    const dir = tempDir();
    const bomb = join(dir, 'bomb.yaml');
    writeFileSync(bomb, BOMB);
    for (const args of [
      ['analyse', 'examples/consultation/responses.csv', '--config', bomb, '--out', join(dir, 'a')],
      ['analyse', 'examples/consultation/responses.csv', '--codeframe', bomb, '--out', join(dir, 'b')],
      ['monitor', 'examples/social/posts.csv', '--topics', bomb, '--out', join(dir, 'c')],
    ]) {
      const r = runPtk(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).not.toMatch(/internal error|    at /);
      expect(r.stderr, args.join(' ')).toMatch(/bomb\.yaml.*too many YAML aliases/);
    }
  });
});
