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

  // the yaml package's uniqueKeys check took 22 s for these 40,000 keys (quadratic); parsing alone takes ~1 s
  it('checks 40,000 keys in seconds', () => {
    const text = Array.from({ length: 40_000 }, (_, i) => `key${i}: ${i}`).join('\n');
    const started = performance.now();
    const { parsed, problems } = parseYaml(`${text}\nkey7: again\n`, 'big.yaml');
    expect(parsed).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]!.line).toBe(40_001);
    expect(performance.now() - started).toBeLessThan(10_000);
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
