/** Progress bar on stderr (rows/s, percent of bytes, ETA), only when stderr is a terminal. */
import cliProgress from 'cli-progress';

export interface Progress {
  update: (bytesRead: number, totalBytes: number, rows: number) => void;
  stop: () => void;
}

export function startProgress(enabled: boolean): Progress {
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  const started = Date.now();
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: 'analysing [{bar}] {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  let begun = false;
  return {
    update(bytesRead, totalBytes, rows) {
      const seconds = Math.max(0.001, (Date.now() - started) / 1000);
      const payload = { rows: rows.toLocaleString('en-GB'), rate: Math.round(rows / seconds).toLocaleString('en-GB') };
      if (!begun) {
        bar.start(Math.max(1, totalBytes), bytesRead, payload);
        begun = true;
      } else bar.update(bytesRead, payload);
    },
    stop() {
      if (begun) bar.stop();
    },
  };
}
