/**
 * Typed errors. Only src/index.ts turns them into exit codes:
 * 0 ok, 1 findings or a threshold crossed, 2 bad usage, config or input.
 */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_CANCELLED = 130;

export class PtkError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT_BAD_INPUT) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/**
 * Findings: the command ran and reported, and what it found (a failed criterion, a missed target)
 * makes the exit code 1. An empty message means the report already said so and nothing more is printed.
 */
export class FindingsError extends PtkError {
  constructor(message = '') {
    super(message, EXIT_FINDINGS);
  }
}

/** Wrong flags, arguments or answers. */
export class UsageError extends PtkError {}

/** A file the user gave us is unreadable or malformed. `where` is `file`, `file:line` or `file:line: field`. */
export class InputError extends PtkError {
  constructor(
    readonly where: string,
    readonly problem: string,
  ) {
    super(`${where}: ${problem}`);
  }
}

/** Several problems at once, e.g. toolkit validation; each printed on its own line. */
export class ProblemsError extends PtkError {
  constructor(
    readonly problems: readonly string[],
    summary: string,
  ) {
    super(summary);
  }
}

/** The user pressed Ctrl-C or closed a prompt. */
export class CancelledError extends PtkError {
  constructor() {
    super('Cancelled: nothing was written.', EXIT_CANCELLED);
  }
}

/** A refusal to overwrite an existing file or folder. */
export class WouldOverwriteError extends PtkError {
  constructor(path: string) {
    super(`${path} already exists: pass --force to overwrite it.`);
  }
}
