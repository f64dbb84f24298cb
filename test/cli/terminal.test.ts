/**
 * What a person sees in a real terminal (tmux): colour only where wanted, progress bars per pass.
 * `capture-pane -e` keeps the escape sequences, so colour is checked on the bytes themselves.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, ROOT, runPtk, tempDir } from '../helpers/cli.js';
import { hasTmux, Terminal } from '../helpers/tmux.js';

const ESC = '\u001b[';

function screenWithEscapes(terminal: Terminal): string {
  return spawnSync('tmux', ['capture-pane', '-p', '-e', '-J', '-S', '-200', '-t', terminal.session], { encoding: 'utf8' }).stdout;
}

describe.skipIf(!hasTmux)('in a real terminal (tmux)', () => {
  let terminal: Terminal | undefined;
  afterEach(() => terminal?.kill());

  it('colours a terminal by default', async () => {
    terminal = Terminal.start(`cd ${ROOT} && env -u NO_COLOR -u FORCE_COLOR TERM=xterm-256color node ${BIN} techniques list --stage 1`);
    await terminal.waitFor('EXIT=0');
    expect(screenWithEscapes(terminal)).toContain(ESC);
  });

  it.each([
    ['NO_COLOR=1', ''],
    ['FORCE_COLOR=0', ''],
    ['TERM=dumb', ''],
    ['', '--no-color'],
  ])('no colour with %s %s', async (env, flag) => {
    terminal = Terminal.start(`cd ${ROOT} && env -u NO_COLOR -u FORCE_COLOR TERM=xterm-256color ${env} node ${BIN} techniques list --stage 1 ${flag}`);
    await terminal.waitFor('EXIT=0');
    const screen = screenWithEscapes(terminal);
    expect(screen).toContain('influencer');
    expect(screen).not.toContain(ESC);
  });

  it('shows one labelled bar per pass, each counting its own rows', async () => {
    const out = join(tempDir(), 'report');
    terminal = Terminal.start(`cd ${ROOT} && node ${BIN} analyse examples/consultation/responses.csv --config examples/consultation/analysis.yaml --out ${out}`);
    const screen = await terminal.waitFor('EXIT=0', 60_000);
    // the demo config detects campaigns, so it reads the file twice: both bars end full at 3,000 rows
    expect(screen).toMatch(/reading 1\/2 +\[[^\]]+\] 100% \| 3,000 rows/);
    expect(screen).toMatch(/analysing 2\/2 +\[[^\]]+\] 100% \| 3,000 rows/);
    expect(screen.indexOf('reading 1/2')).toBeLessThan(screen.indexOf('analysing 2/2'));
  });

  it('shows no bar with --quiet, and prints errors only', async () => {
    const out = join(tempDir(), 'report');
    terminal = Terminal.start(`cd ${ROOT} && node ${BIN} analyse examples/consultation/responses.csv --out ${out} -q; node ${BIN} analyse nothing.csv -q`);
    const screen = await terminal.waitFor(/EXIT=\d/, 60_000);
    expect(screen).not.toMatch(/analysing|reading|Analysed|Report written/);
    expect(screen).toMatch(/ptk: .*nothing\.csv/);
  });
});

describe('without a terminal', () => {
  it('never draws a progress bar on stderr', () => {
    const out = join(tempDir(), 'report');
    const result = runPtk(['analyse', 'examples/consultation/responses.csv', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/analysing|reading|█/);
  });

  it('never colours, even when the environment would allow it', () => {
    const result = runPtk(['techniques', 'list'], { env: { NO_COLOR: '' } });
    expect(result.stdout).not.toContain(ESC);
  });
});
