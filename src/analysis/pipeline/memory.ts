/** Memory: the peak resident set size per phase (sampled, for --debug and the bench) and a forced collection between passes. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export type Phase = 'signatures' | 'grouping' | 'analysis';

/** Highest resident set size seen in each phase, in bytes, sampled every 100 ms and at each change of phase. */
export class PeakRss {
  readonly peaks: Record<Phase, number> = { signatures: 0, grouping: 0, analysis: 0 };
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(private phase: Phase) {
    this.timer = setInterval(() => this.sample(), 100);
    this.timer.unref();
  }

  sample(): void {
    this.peaks[this.phase] = Math.max(this.peaks[this.phase], process.memoryUsage.rss());
  }

  /** Sample the phase ending, then count samples towards `next`. */
  enter(next: Phase): void {
    this.sample();
    this.phase = next;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/**
 * Ask V8 for a full garbage collection. The campaign detector's typed arrays (a few hundred MB for
 * millions of rows) are unreachable once the roles are known, but the analysis pass allocates little
 * in this thread, so V8 would keep them until much later: collecting now keeps the peak down. Uses
 * the documented `--expose-gc` flag in a fresh context; does nothing if that is not possible.
 */
export function collectGarbage(): void {
  try {
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as (() => void) | undefined)?.();
  } catch {
    // not essential
  }
}
