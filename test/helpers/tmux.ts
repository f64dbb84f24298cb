/** Drive a command in a real terminal under tmux, for the interactive tests. */
import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/** In CI (PTK_REQUIRE_TMUX=1) a missing tmux fails the tests instead of skipping them. */
export const hasTmux = spawnSync('tmux', ['-V']).status === 0 || process.env.PTK_REQUIRE_TMUX === '1';

export class Terminal {
  private constructor(readonly session: string) {}

  /** Run `command` in a new 120x50 session; it prints EXIT=<code> when done and stays readable for a minute.
   *  CI is unset inside: the tool treats CI=true as "never prompt", and this terminal is meant to be a person's. */
  static start(command: string): Terminal {
    const session = `ptk-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const r = spawnSync('tmux', ['new-session', '-d', '-s', session, '-x', '120', '-y', '50', `unset CI; ${command}; echo EXIT=$?; sleep 60`]);
    if (r.status !== 0) throw new Error(`tmux failed: ${r.stderr}`);
    return new Terminal(session);
  }

  /** The visible screen plus scrollback, wrapped lines joined. */
  screen(): string {
    return spawnSync('tmux', ['capture-pane', '-p', '-J', '-S', '-500', '-t', this.session], { encoding: 'utf8' }).stdout;
  }

  async waitFor(text: string | RegExp, timeoutMs = 20_000): Promise<string> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      if (typeof text === 'string' ? screen.includes(text) : text.test(screen)) return screen;
      if (Date.now() > until) throw new Error(`timed out waiting for ${String(text)}; screen:\n${screen}`);
      await sleep(100);
    }
  }

  /** Send keys one at a time (tmux key names such as Enter, Down, C-c, or literal text). */
  async send(...keys: string[]): Promise<void> {
    for (const key of keys) {
      spawnSync('tmux', ['send-keys', '-t', this.session, key]);
      await sleep(120);
    }
  }

  /** Answer the inquirer prompt showing `question`, then wait for it to be marked done. */
  async answer(question: string, ...keys: string[]): Promise<void> {
    await this.waitFor(`? ${question}`);
    await this.send(...keys);
    await this.waitFor(`✔ ${question}`);
  }

  kill(): void {
    spawnSync('tmux', ['kill-session', '-t', this.session]);
  }
}
