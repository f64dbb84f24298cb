import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

describe('the library entry', () => {
  it('imports without printing, writing or exiting, and exposes the core', () => {
    const script = `
      const lib = await import('./dist/lib.js');
      const names = Object.keys(lib).sort();
      process.stdout.write(JSON.stringify({ names, redacted: lib.redact('mail me at a.person@example.org').text }));
    `;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout) as { names: string[]; redacted: string };
    expect(out.names).toEqual(expect.arrayContaining(['loadToolkit', 'recommend', 'redact', 'scoreSentiment', 'searchTechniques']));
    expect(out.redacted).toBe('mail me at [email]');
  });
});
