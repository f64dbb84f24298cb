// `npm run bench [-- --rows 2000000] [-- --repeat N] [-- --skip-naive] [-- --clean] [-- --startup-only]`
// (`node bench/run.js --help` for every option). First the start-up time: `ptk techniques list` against
// `node -e 0`, ten runs each taken in turns, the medians and their ratio (target: at most 2). Then, on
// the same generated file in one run, each as a child process:
//   (a) the naive pipeline (csv-parse stream + new Sentiment().analyze() per open-text cell);
//   (b) `ptk analyse` with the example config minus its codeframe and campaign detection (tallies,
//       sentiment and all reports: the analysis issue's target);
//   (c) `ptk analyse` with the full example config (also theme coding with the example's 16-theme
//       codeframe on both open questions and campaign detection over 15% campaign copies).
// Prints rows/s, MB/s, peak RSS, the share of CPU time the hypervisor gave to other guests during each
// run ("CPU stolen", from /proc/stat) and the speed ratio of (b) and (c) against (a). Build first (npm run
// bench does). The generated file (~740 MB per million rows) is kept in bench/out for the next run
// unless --clean is given. The three runs are repeated in rounds (a, b, c, a, b, c...; three unless
// --repeat N says otherwise) and each pipeline's fastest run counts: on a shared machine whose speed
// drifts over minutes, rounds give each pipeline the same chances and the best runs are the least
// disturbed ones. The ratio within each round is printed as well.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parse as csvParse } from 'csv-parse/sync';
import { parse, stringify } from 'yaml';
import { benchArgs, wholeNumber } from './args.js';
import { generate } from './generate.js';
import { measureStartup, startupLines } from './startup.js';
import { COLUMNS } from './synthetic.js';

const USAGE = `Usage: node bench/run.js [options]   (npm run bench -- [options] builds first)

Start-up: the median time of \`ptk techniques list\` and of \`node -e 0\` over ten runs each, and their
ratio (target: at most 2). Then speed and memory of \`ptk analyse\` against a naive pipeline on a
generated export (bench/out/consultation-N.csv, about 740 MB per million rows, kept for the next run).

Options:
  --rows N          rows in the generated export (default 1000000)
  --repeat N        rounds of the analysis runs; each pipeline's fastest run counts (default 3)
  --skip-naive      leave out the naive pipeline (no ratios then)
  --startup-only    only the start-up figure: no export is generated, nothing is analysed
  --skip-startup    leave out the start-up figure
  --startup-runs N  runs of each command for the start-up medians (default 10)
  --themes          also time \`ptk themes suggest\` on the export's Q5 (target: peak RSS < 512 MB) and
                    print the macro F1 of \`ptk themes learn\` from 200 labelled answers of the
                    known-themes fixture (test/fixtures/themes/known) on the other 460
  --themes-only     only those two steps (after the export is generated), no analysis runs
  --clean           remove the generated export and the reports afterwards
  -h, --help        show this help
`;
const { values } = benchArgs(USAGE, {
  rows: { type: 'string' },
  repeat: { type: 'string' },
  'skip-naive': { type: 'boolean' },
  'startup-only': { type: 'boolean' },
  'skip-startup': { type: 'boolean' },
  'startup-runs': { type: 'string' },
  clean: { type: 'boolean' },
  themes: { type: 'boolean' },
  'themes-only': { type: 'boolean' },
});
const rows = wholeNumber(values, 'rows', 1_000_000, USAGE);
const repeat = wholeNumber(values, 'repeat', 3, USAGE);
const startupRuns = wholeNumber(values, 'startup-runs', 10, USAGE);
const skipNaive = values['skip-naive'] === true;
const clean = values.clean === true;
if (values['startup-only'] && values['skip-startup']) {
  process.stderr.write('run.js: --startup-only and --skip-startup leave nothing to run\n');
  process.exit(2);
}
const root = fileURLToPath(new URL('..', import.meta.url));

if (!values['skip-startup']) {
  const startup = measureStartup(root, startupRuns);
  process.stdout.write(`${startupLines(startup).join('\n')}\n`);
}
if (values['startup-only']) process.exit(0);

const file = await generate(rows);
const bytes = statSync(file).size;

/**
 * CPU time the hypervisor gave to other guests ("steal", /proc/stat) as a share of all CPU time, from
 * a reading taken before; undefined where /proc/stat has no steal column. On a shared virtual
 * machine it explains runs that are slower for no reason in the code: it takes more from a run that
 * keeps both cores busy than from the one-thread naive pipeline.
 */
function cpuTimes() {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return fields.length >= 8 ? { steal: fields[7], total: fields.reduce((a, b) => a + b, 0) } : undefined;
  } catch {
    return undefined;
  }
}

/** Run a command, timing it and taking its peak RSS from /usr/bin/time -v (or /proc polling). */
function measure(label, command, commandArgs) {
  return new Promise((resolve, reject) => {
    const useTime = existsSync('/usr/bin/time');
    const child = useTime
      ? spawn('/usr/bin/time', ['-v', command, ...commandArgs], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(command, commandArgs, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let polledKb = 0;
    const poll = useTime
      ? undefined
      : setInterval(() => {
          try {
            const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (match) polledKb = Math.max(polledKb, Number(match[1]));
          } catch {
            /* exited */
          }
        }, 50);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const started = process.hrtime.bigint();
    const cpuBefore = cpuTimes();
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const cpuAfter = cpuTimes();
      const steal = cpuBefore && cpuAfter && cpuAfter.total > cpuBefore.total ? (cpuAfter.steal - cpuBefore.steal) / (cpuAfter.total - cpuBefore.total) : undefined;
      if (poll) clearInterval(poll);
      const rssKb = useTime ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? 0) : polledKb;
      if (code !== 0) reject(new Error(`${label} exited with ${code}:\n${stderr.slice(-2000)}`));
      else resolve({ label, seconds, rssMb: rssKb / 1024, steal, stdout, stderr });
    });
  });
}

const mb = bytes / 1e6;
const line = (r) =>
  `${r.label.padEnd(34)} ${r.seconds.toFixed(2).padStart(7)} s  ${Math.round(rows / r.seconds).toLocaleString('en-GB').padStart(9)} rows/s  ${(mb / r.seconds).toFixed(1).padStart(6)} MB/s  peak RSS ${r.rssMb.toFixed(0).padStart(5)} MB${r.steal === undefined ? '' : `  CPU stolen ${(100 * r.steal).toFixed(0)}%`}`;

process.stdout.write(`bench: ${rows.toLocaleString('en-GB')} rows, ${mb.toFixed(0)} MB, ${cpus().length} cores, node ${process.version}${repeat > 1 ? `, best of ${repeat} rounds` : ''}\n`);

/** Theme steps (--themes): suggest on the export, and learned coding on the known-themes fixture against its gold labels. */
async function themeSteps() {
  const suggest = await measure('ptk themes suggest (Q5)', process.execPath, ['bin/ptk.js', 'themes', 'suggest', file, '--question', COLUMNS[9], '-o', 'bench/out/suggested-codeframe.yaml', '--force']);
  process.stdout.write(`${line(suggest)}\n`);
  process.stdout.write(`themes suggest: peak RSS ${suggest.rssMb.toFixed(0)} MB (target < 512 MB${suggest.rssMb < 512 ? ': met' : ': NOT met'})\n`);
  const known = `${root}test/fixtures/themes/known`;
  const csv = (name) => csvParse(readFileSync(`${known}/${name}`), { columns: true });
  const gold = new Map(csv('gold.csv').map((r) => [r.id, r.themes.split(';').filter(Boolean)]));
  const ids = [...gold.keys()];
  const sheet = `${root}bench/out/known-coding.csv`;
  writeFileSync(sheet, `response_id,analyst_codes\n${ids.slice(0, 200).map((id) => `${id},${gold.get(id).join(';') || 'none'}`).join('\n')}\n`);
  const learnedFile = `${root}bench/out/known-learned.csv`;
  const learn = await measure('ptk themes learn (fixture)', process.execPath, ['bin/ptk.js', 'themes', 'learn', `${known}/answers.csv`, '--config', `${known}/analysis.yaml`, '--codeframe', `${known}/codeframe.yaml`, '--sheet', sheet, '-o', learnedFile, '--force', '--json']);
  const learned = new Map(csvParse(readFileSync(learnedFile), { columns: true }).map((r) => [r.response_id, r.codes.split(';').filter(Boolean)]));
  const themes = [...new Set([...gold.values()].flat())].sort();
  let f1 = 0;
  for (const theme of themes) {
    let tp = 0, fp = 0, fn = 0;
    for (const id of ids.slice(200)) {
      const has = (learned.get(id) ?? []).includes(theme);
      const want = gold.get(id).includes(theme);
      if (has && want) tp++;
      else if (has) fp++;
      else if (want) fn++;
    }
    f1 += (2 * tp) / Math.max(1, 2 * tp + fp + fn);
  }
  const cv = JSON.parse(learn.stdout).answer.learned;
  process.stdout.write(`themes learn: 200 labelled fixture answers -> macro F1 ${(f1 / themes.length).toFixed(3)} on the other ${ids.length - 200} (target >= 0.8${f1 / themes.length >= 0.8 ? ': met' : ': NOT met'}); 5-fold CV on the 200: F1 ${cv.macro.f1.toFixed(3)}, kappa ${cv.kappa.toFixed(3)}; ${learn.seconds.toFixed(2)} s\n`);
}
if (values.themes || values['themes-only']) await themeSteps();
if (values['themes-only']) process.exit(0);

const fullConfig = 'examples/consultation/analysis.yaml';
// (b) the same config without theme coding and campaign detection
const plainConfig = fileURLToPath(new URL('./out/analysis-plain.yaml', import.meta.url));
const plain = parse(readFileSync(new URL(`../${fullConfig}`, import.meta.url), 'utf8'));
delete plain.codeframe;
plain.campaigns = { detect: false };
writeFileSync(plainConfig, stringify(plain));
const ptkArgs = (config, out) => ['bin/ptk.js', 'analyse', file, '--config', config, '--out', out, '--force', '--quiet', '--debug'];
const runs = [
  ...(skipNaive ? [] : [{ label: 'naive (csv-parse + sentiment)', args: ['bench/naive.js', file, COLUMNS[9], COLUMNS[10]] }]),
  { label: 'ptk analyse (tallies + sentiment)', args: ptkArgs(plainConfig, 'bench/out/report-plain') },
  { label: 'ptk analyse (themes + campaigns)', args: ptkArgs(fullConfig, 'bench/out/report') },
];
/** Per run: its fastest measurement so far, and its time in each round. */
const best = runs.map(() => undefined);
const seconds = runs.map(() => []);
for (let round = 1; round <= repeat; round++) {
  for (const [k, run] of runs.entries()) {
    const result = await measure(run.label, process.execPath, run.args);
    process.stdout.write(`${repeat > 1 ? `[${round}] ` : ''}${line(result)}\n`);
    if (!best[k] || result.seconds < best[k].seconds) best[k] = result;
    seconds[k].push(result.seconds);
  }
}
if (repeat > 1) for (const result of best) process.stdout.write(`best ${line(result)}\n`);
const naiveBest = skipNaive ? undefined : best[0];
const [basic, ptk] = best.slice(skipNaive ? 0 : 1);
// --debug: phases with their times and peak RSS, as ptk measured them
for (const debug of ptk.stderr.split('\n').filter((l) => l.startsWith('debug: '))) process.stdout.write(`  ${debug}\n`);
const summary = JSON.parse(readFileSync(new URL('./out/report/summary.json', import.meta.url), 'utf8'));
const n = (value) => value.toLocaleString('en-GB');
process.stdout.write(`ptk read ${n(summary.rows.read)} rows (analysed ${n(summary.rows.analysed)}, rejected ${summary.rows.rejected})\n`);
for (const question of summary.themes?.questions ?? []) {
  process.stdout.write(`themes: ${question.column.slice(0, 40)}: ${n(question.answered)} answers coded, ${n(question.codes.rule)} codes, ${n(question.uncoded.count)} uncoded\n`);
}
if (summary.campaigns) {
  const c = summary.campaigns;
  process.stdout.write(`campaigns: ${n(c.count)} found, ${n(c.responsesInCampaigns)} responses in campaigns (${((100 * c.responsesInCampaigns) / summary.rows.analysed).toFixed(1)}%), ${n(c.copies)} copies; largest ${c.campaigns.slice(0, 3).map((x) => `${x.id} ${n(x.size)} (${n(x.standardCopies)} standard + ${n(x.editedCopies)} edited)`).join(', ')}\n`);
}
if (naiveBest) {
  for (const run of [basic, ptk]) {
    const ratio = naiveBest.seconds / run.seconds;
    process.stdout.write(`ratio: ${run.label} is ${ratio.toFixed(2)}x faster than the naive pipeline (target >= 3x${ratio >= 3 ? ': met' : ': NOT met'}); peak RSS ${run.rssMb.toFixed(0)} MB (target < 512 MB${run.rssMb < 512 ? ': met' : ': NOT met'})\n`);
    // the headline compares fastest runs; the ratio within each round shows how much the machine moved
    if (repeat > 1) {
      const k = runs.findIndex((r) => r.label === run.label);
      process.stdout.write(`  within each round: ${seconds[k].map((s, round) => `${(seconds[0][round] / s).toFixed(2)}x`).join(', ')}\n`);
    }
  }
}
if (clean) {
  rmSync(file, { force: true });
  rmSync(new URL('./out/report', import.meta.url), { recursive: true, force: true });
  rmSync(new URL('./out/report-plain', import.meta.url), { recursive: true, force: true });
  process.stdout.write(`removed ${file}, bench/out/report and bench/out/report-plain\n`);
}
