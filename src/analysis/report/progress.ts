/**
 * Progress on stderr, only when stderr is a terminal: one bar per pass, labelled ("reading 1/2",
 * "analysing 2/2"), each counting the bytes and rows of its own pass, so the second pass does not
 * look like the first one restarting.
 */
import cliProgress from 'cli-progress';
import type { PassProgress } from '../pipeline/run.js';

export interface Progress {
  update: (progress: PassProgress) => void;
  stop: () => void;
}

/** What a pass does: with campaign detection the first pass only reads (signatures), the last analyses. */
export function passLabel(pass: number, passes: number): string {
  return `${pass < passes ? 'reading' : 'analysing'} ${pass}/${passes}`;
}

/** The text after the bar: rows of this pass and their rate. */
export function passPayload(rows: number, seconds: number): { rows: string; rate: string } {
  return { rows: rows.toLocaleString('en-GB'), rate: Math.round(rows / Math.max(0.001, seconds)).toLocaleString('en-GB') };
}

export function startProgress(enabled: boolean, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  let bar: cliProgress.SingleBar | undefined;
  let current = 0;
  let started = Date.now();
  const finish = (): void => {
    bar?.stop();
    bar = undefined;
  };
  return {
    update({ pass, passes, bytesRead, totalBytes, rows }) {
      if (pass !== current) {
        // the previous pass is complete: leave its bar full on its own line
        finish();
        if (current !== 0) started = Date.now();
        current = pass;
        bar = new cliProgress.SingleBar(
          {
            stream,
            format: `${passLabel(pass, passes).padEnd(13)} [{bar}] {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}`,
            hideCursor: true,
            clearOnComplete: false,
            etaBuffer: 20,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(Math.max(1, totalBytes), Math.min(bytesRead, totalBytes), passPayload(rows, (Date.now() - started) / 1000));
        return;
      }
      bar?.update(Math.min(bytesRead, totalBytes), passPayload(rows, (Date.now() - started) / 1000));
    },
    stop: finish,
  };
}
