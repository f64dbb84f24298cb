/**
 * "No response ever leaves the machine": no source file can reach the network, and the commands that
 * read responses and posts run to the end with every network entry point replaced by one that ends
 * the process. (A preload does not reach worker threads, hence the source scan too.)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runPtk, tempDir } from '../helpers/cli.js';

const GUARD = join(ROOT, 'test/fixtures/privacy/no-network.mjs');
const env = { NODE_OPTIONS: `--import=${GUARD}` };

const NETWORK_MODULES = /from ['"](?:node:)?(?:http|https|http2|net|tls|dgram|dns)(?:\/promises)?['"]|\bfetch\(|\bWebSocket\b|\bXMLHttpRequest\b/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('no network at run time', () => {
  it('no source file imports a network module or calls fetch', () => {
    const files = sourceFiles(join(ROOT, 'src'));
    expect(files.length).toBeGreaterThan(50);
    // the one exception: `ptk simulate --serve`, a local web server for a training room (no consultation
    // data, bound to 127.0.0.1 by default), and the page script it serves, which fetches from it only
    const SIMULATOR = [join(ROOT, 'src/simulate/server.ts'), join(ROOT, 'src/simulate/web-assets.ts')];
    const offenders = files.filter((file) => !SIMULATOR.includes(file) && NETWORK_MODULES.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
    // and nothing reaches the server but the simulate command, by a dynamic import under --serve
    const importers = files.filter((file) => /simulate\/server\.js|\.\/server\.js/.test(readFileSync(file, 'utf8')));
    expect(importers).toEqual([join(ROOT, 'src/commands/simulate.ts')]);
    expect(readFileSync(importers[0]!, 'utf8')).toContain("if (options.serve) {\n    const { serve } = await import('../simulate/server.js');");
  });

  it('the guard itself stops a process that tries to connect', () => {
    const probe = runPtk(['--version'], { env: { NODE_OPTIONS: `--import=${GUARD} --import=data:text/javascript,fetch('http://127.0.0.1:9')` } });
    expect(probe.code).toBe(99);
    expect(probe.stderr).toContain('NETWORK ATTEMPT: fetch');
  });

  const out = tempDir();
  const runs: [string, string[], string][] = [
    ['analyse', ['analyse', 'examples/consultation/responses.csv', '--config', 'examples/consultation/analysis.yaml', '--out', join(out, 'analysis'), '-q'], 'analysis/summary.json'],
    ['themes suggest', ['themes', 'suggest', 'examples/consultation/responses.csv', '--question', 'Q5. Please explain your answer to question 1.', '-o', join(out, 'codeframe.yaml')], 'codeframe.yaml'],
    ['influence', ['influence', 'examples/social/posts.csv', '--accounts', 'examples/social/accounts.csv', '--out', join(out, 'influence')], 'influence/influence.json'],
    ['monitor', ['monitor', 'examples/social/posts.csv', '--topics', 'examples/social/topics.yaml', '--out', join(out, 'briefing')], 'briefing/briefing.json'],
  ];
  for (const [name, args, written] of runs) {
    it(`${name} runs to the end without trying to connect`, () => {
      const result = runPtk(args, { env });
      expect(result.stderr).not.toContain('NETWORK ATTEMPT');
      expect(result.code).toBe(0);
      expect(existsSync(join(out, written))).toBe(true);
    });
  }
});
