/**
 * What the global flags asked of output (--quiet, --no-color), set once by src/cli.ts before a command
 * runs. Kept apart from lib/output.ts so that registering commands does not load chalk.
 */
export const outputMode = { quiet: false, colour: true };

export function setOutputMode(settings: { quiet: boolean; colour: boolean }): void {
  outputMode.quiet = settings.quiet;
  outputMode.colour = settings.colour;
}
