// Start-up time: `ptk techniques list` against `node -e 0` (Node starting and doing nothing), each run
// as a child process, in turns so that both see the same drift of a shared machine, after one
// warm-up run of each. The figure is the ratio of the medians; the target is at most 2. Where Linux's
// /proc is there, the children's CPU time (user + system, from /proc/self/stat, in clock ticks) is
// summed per command too: on a busy shared machine it moves less than the wall time.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const STARTUP_TARGET = 2;

/** CPU seconds used by waited-for children so far (cutime + cstime), or undefined without /proc. */
function childrenCpuSeconds() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // the fields after the command name in parentheses: cutime and cstime are fields 16 and 17
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

function timeRun(command, args, cwd, env, cpu) {
  const cpuBefore = childrenCpuSeconds();
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${[command, ...args].join(' ')} exited with ${result.status}: ${result.stderr}`);
  const cpuAfter = childrenCpuSeconds();
  if (cpu && cpuBefore !== undefined && cpuAfter !== undefined) cpu.seconds += cpuAfter - cpuBefore;
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
  const nodeCpu = { seconds: 0 };
  const ptkCpu = { seconds: 0 };
  for (let i = 0; i < runs; i++) {
    nodeMs.push(timeRun(...node, root, env, nodeCpu));
    ptkMs.push(timeRun(...ptk, root, env, ptkCpu));
  }
  const nodeMedian = median(nodeMs);
  const ptkMedian = median(ptkMs);
  const cpu = childrenCpuSeconds() === undefined ? undefined : { nodeMs: (1000 * nodeCpu.seconds) / runs, ptkMs: (1000 * ptkCpu.seconds) / runs };
  return { runs, nodeMs, ptkMs, nodeMedian, ptkMedian, ratio: ptkMedian / nodeMedian, cpu };
}

export function startupLines(s) {
  const ms = (v) => `${v.toFixed(0)} ms`;
  return [
    `start-up (median of ${s.runs} runs each, in turns):`,
    `  node -e 0              ${ms(s.nodeMedian).padStart(7)}  (${s.nodeMs.map((v) => v.toFixed(0)).join(', ')})`,
    `  ptk techniques list    ${ms(s.ptkMedian).padStart(7)}  (${s.ptkMs.map((v) => v.toFixed(0)).join(', ')})`,
    `  ratio ${s.ratio.toFixed(2)}x (target <= ${STARTUP_TARGET}x${s.ratio <= STARTUP_TARGET ? ': met' : ': NOT met'})`,
    ...(s.cpu && s.cpu.nodeMs > 0
      ? [`  CPU time, mean per run: node -e 0 ${ms(s.cpu.nodeMs)}, ptk techniques list ${ms(s.cpu.ptkMs)} (${(s.cpu.ptkMs / s.cpu.nodeMs).toFixed(2)}x)`]
      : []),
  ];
}
