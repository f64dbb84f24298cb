import { buildProgram } from './cli.js';
import { EXIT_BAD_INPUT, EXIT_OK, PtkError, ProblemsError } from './errors.js';
import { CommanderError } from 'commander';

/** The only place that sets the exit code. */
export async function main(argv: string[]): Promise<void> {
  const debug = argv.includes('--debug') || process.env.PTK_DEBUG === '1';
  // `ptk ... | head` closes the pipe early: that is not an error
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_OK);
    throw error;
  });
  try {
    const program = buildProgram();
    await program.parseAsync(argv);
    if (process.exitCode === undefined) process.exitCode = EXIT_OK;
  } catch (error) {
    process.exitCode = reportError(error, debug);
  }
}

function reportError(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    // commander already printed its message (or help/version); map its own exit codes
    if (error.exitCode === 0) return EXIT_OK;
    return EXIT_BAD_INPUT;
  }
  if (error instanceof ProblemsError) {
    for (const line of error.problems) process.stderr.write(`${line}\n`);
    process.stderr.write(`${error.message}\n`);
    if (debug) process.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  if (error instanceof PtkError) {
    if (error.message !== '') process.stderr.write(`ptk: ${error.message}\n`);
    if (debug) process.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const err = error as NodeJS.ErrnoException;
  if (err && typeof err === 'object' && err.code === 'EPIPE') return EXIT_OK;
  if (err && typeof err === 'object' && (err.code === 'ENOENT' || err.code === 'EACCES' || err.code === 'EISDIR')) {
    process.stderr.write(`ptk: ${err.path ?? ''}: ${err.code === 'ENOENT' ? 'no such file or folder' : err.code === 'EISDIR' ? 'is a folder, expected a file' : 'permission denied'}\n`);
    if (debug) process.stderr.write(`${err.stack}\n`);
    return EXIT_BAD_INPUT;
  }
  process.stderr.write(`ptk: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.stderr.write(debug && err instanceof Error ? `${err.stack}\n` : 'Run again with --debug for the stack trace, and please report it.\n');
  return 70;
}
