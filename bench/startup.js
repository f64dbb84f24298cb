// Start-up time: `ptk techniques list` against `node -e 0` (Node starting and doing nothing), each run
// as a child process, in turns so that both see the same drift of a shared machine, after one
// warm-up run of each. The figure is the ratio of the medians; the target is at most 2.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const STARTUP_TARGET = 2;

function timeRun(command, args, cwd, env) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${[command, ...args].join(' ')} exited with ${result.status}: ${result.stderr}`);
  return ms;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** `runs` timed runs of each command; times in milliseconds. */
export function measureStartup(root, runs = 10) {
  // the built-in toolkit only, as a new user has it
  const env = { ...process.env, NO_COLOR: '1' };
  delete env.PTK_TOOLKIT;
  const node = [process.execPath, ['-e', '0']];
  const ptk = [process.execPath, [join(root, 'bin/ptk.js'), 'techniques', 'list']];
  timeRun(...node, root, env);
  timeRun(...ptk, root, env);
  const nodeMs = [];
  const ptkMs = [];
  for (let i = 0; i < runs; i++) {
    nodeMs.push(timeRun(...node, root, env));
    ptkMs.push(timeRun(...ptk, root, env));
  }
  const nodeMedian = median(nodeMs);
  const ptkMedian = median(ptkMs);
  return { runs, nodeMs, ptkMs, nodeMedian, ptkMedian, ratio: ptkMedian / nodeMedian };
}

export function startupLines(s) {
  const ms = (v) => `${v.toFixed(0)} ms`;
  return [
    `start-up (median of ${s.runs} runs each, in turns):`,
    `  node -e 0              ${ms(s.nodeMedian).padStart(7)}  (${s.nodeMs.map((v) => v.toFixed(0)).join(', ')})`,
    `  ptk techniques list    ${ms(s.ptkMedian).padStart(7)}  (${s.ptkMs.map((v) => v.toFixed(0)).join(', ')})`,
    `  ratio ${s.ratio.toFixed(2)}x (target <= ${STARTUP_TARGET}x${s.ratio <= STARTUP_TARGET ? ': met' : ': NOT met'})`,
  ];
}
