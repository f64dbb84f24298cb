/**
 * Every prompt the tool shows goes through this module, so tests can script answers
 * and Ctrl-C is handled once. Callers decide whether to prompt at all: with --yes or
 * no TTY they must not call these.
 */
import { CancelledError } from './errors.js';

export interface Choice<T> {
  value: T;
  name: string;
  description?: string;
  checked?: boolean;
}

export interface Prompter {
  input(message: string, options?: { default?: string; validate?: (value: string) => true | string }): Promise<string>;
  /** A number typed as text and checked by numberAnswer, so "12%" works and errors read well. */
  number(message: string, options?: NumberOptions): Promise<number>;
  confirm(message: string, options?: { default?: boolean }): Promise<boolean>;
  select<T>(message: string, choices: Choice<T>[], options?: { default?: T }): Promise<T>;
  checkbox<T>(message: string, choices: Choice<T>[], options?: { required?: boolean }): Promise<T[]>;
}

export interface NumberOptions {
  default?: number;
  min?: number;
  max?: number;
  /** Whole numbers only. */
  integer?: boolean;
  /** A percentage: a trailing % is accepted. */
  percent?: boolean;
}

/** The number a typed answer means, or the message to show under the prompt; pure. */
export function numberAnswer(text: string, options: NumberOptions = {}): number | string {
  const raw = text.trim().replace(/,/g, '');
  const cleaned = options.percent ? raw.replace(/\s*%$/, '') : raw;
  const { min, max } = options;
  const range =
    min !== undefined && max !== undefined ? `from ${min} to ${max}` : min !== undefined ? `of ${min} or more` : max !== undefined ? `of ${max} or less` : '';
  const what = `${options.integer ? 'a whole number' : 'a number'}${range ? ` ${range}` : ''}${options.percent ? ' (a percentage; the % sign is optional)' : ''}`;
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return `Enter ${what}`;
  const n = Number(cleaned);
  if (options.integer && !Number.isInteger(n)) return `Enter ${what}`;
  if ((min !== undefined && n < min) || (max !== undefined && n > max)) return `Enter ${what}; ${n} is outside that range`;
  return n;
}

async function guarded<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    // @inquirer/prompts throws ExitPromptError on Ctrl-C; AbortPromptError when aborted
    if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) {
      throw new CancelledError();
    }
    throw error;
  }
}

/** The real prompts, loaded only when a prompt is actually shown. */
export const inquirerPrompter: Prompter = {
  async input(message, options = {}) {
    const { input } = await import('@inquirer/prompts');
    return guarded(() => input({ message, default: options.default, validate: options.validate }));
  },
  async number(message, options = {}) {
    const { input } = await import('@inquirer/prompts');
    const check = (text: string) => {
      const n = numberAnswer(text, options);
      return typeof n === 'number' ? true : n;
    };
    const text = await guarded(() => input({ message, default: options.default === undefined ? undefined : String(options.default), validate: check }));
    return numberAnswer(text, options) as number;
  },
  async confirm(message, options = {}) {
    const { confirm } = await import('@inquirer/prompts');
    return guarded(() => confirm({ message, default: options.default }));
  },
  async select(message, choices, options = {}) {
    const { select } = await import('@inquirer/prompts');
    return guarded(() => select({ message, choices, default: options.default }));
  },
  async checkbox(message, choices, options = {}) {
    const { checkbox } = await import('@inquirer/prompts');
    return guarded(() => checkbox({ message, choices, required: options.required }));
  },
};

let current: Prompter = inquirerPrompter;

export function prompter(): Prompter {
  return current;
}

/** For tests: replace the prompter; returns a function that restores the previous one. */
export function setPrompter(next: Prompter): () => void {
  const previous = current;
  current = next;
  return () => {
    current = previous;
  };
}

/** Prompt only when a person can answer: a TTY on stdin and no --yes. */
export function canPrompt(options: { yes?: boolean } = {}): boolean {
  return !options.yes && Boolean(process.stdin.isTTY) && process.env.CI !== 'true';
}

export interface LineReader {
  /** Print text above the input line, then redraw the prompt and whatever has been typed so far. */
  print(text: string): void;
  /**
   * Hand the terminal to another prompt (e.g. a select) and take it back afterwards; lines typed
   * meanwhile belong to that prompt.
   */
  suspend<T>(ask: () => Promise<T>): Promise<T>;
  /** Stop reading; the `close` handler is not called. */
  close(): void;
}

export interface LineHandlers {
  line(text: string): void;
  interrupt(): void;
  close(): void;
  /** Called with true when the first character of a line is typed, false when the line is emptied again. */
  typing?(active: boolean): void;
}

/**
 * Free-text lines typed in the terminal, for live exercises (e.g. `ptk simulate`). Ctrl-C calls
 * `interrupt` instead of killing the process, so the caller can finish cleanly; Ctrl-D calls `close`.
 */
export async function readLines(handlers: LineHandlers, options: { prompt?: string; output?: NodeJS.WriteStream } = {}): Promise<LineReader> {
  const readline = await import('node:readline');
  const output = options.output ?? process.stdout;
  const input = process.stdin;
  let closing = false;
  let suspended = false;
  let typing = false;
  let rl: import('node:readline').Interface;

  const setTyping = (active: boolean) => {
    if (active === typing) return;
    typing = active;
    handlers.typing?.(active);
  };
  // readline's own keypress listener runs first, so rl.line already holds the key just typed
  const onKeypress = (_s: string, key: { name?: string } | undefined) => {
    if (suspended || closing || key?.name === 'return' || key?.name === 'enter') return;
    setTyping(rl.line.length > 0);
  };

  const open = () => {
    rl = readline.createInterface({ input, output, prompt: options.prompt ?? '> ', terminal: Boolean(input.isTTY) });
    const own = rl;
    own.on('line', (text) => {
      setTyping(false);
      handlers.line(text);
      if (!closing && !suspended && rl === own) own.prompt();
    });
    own.on('SIGINT', () => handlers.interrupt());
    own.on('close', () => {
      if (!closing && !suspended) handlers.close();
    });
    input.on('keypress', onKeypress);
    own.prompt();
  };
  const shut = () => {
    input.removeListener('keypress', onKeypress);
    if (output.isTTY) {
      readline.clearLine(output, 0);
      readline.cursorTo(output, 0);
    }
    rl.close();
  };
  open();
  return {
    print(text) {
      if (closing || suspended) {
        output.write(text.endsWith('\n') ? text : `${text}\n`);
        return;
      }
      if (output.isTTY) {
        readline.clearLine(output, 0);
        readline.cursorTo(output, 0);
      }
      output.write(text.endsWith('\n') ? text : `${text}\n`);
      rl.prompt(true);
    },
    async suspend(ask) {
      suspended = true;
      shut();
      try {
        return await ask();
      } finally {
        suspended = false;
        if (!closing) open();
      }
    },
    close() {
      if (closing) return;
      closing = true;
      if (!suspended) shut();
    },
  };
}
