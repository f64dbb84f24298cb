// Writes the bench input (synthetic consultation export) to bench/out/, streaming row by row.
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { COLUMNS, csvLine, responses } from './synthetic.js';

export function benchFile(rows) {
  return new URL(`./out/consultation-${rows}.csv`, import.meta.url).pathname;
}

export async function generate(rows) {
  const file = benchFile(rows);
  if (existsSync(file)) return file;
  mkdirSync(new URL('./out/', import.meta.url), { recursive: true });
  const temp = `${file}.partial`;
  const out = createWriteStream(temp);
  const started = Date.now();
  out.write(`${COLUMNS.map((c) => (/[",]/.test(c) ? `"${c}"` : c)).join(',')}\r\n`);
  let batch = '';
  let n = 0;
  // 10 to 300 words per answer, 15% campaign copies, a formula injection on one row
  for (const row of responses(rows, { seed: 1, campaign: 0.15, wordsMin: 10, wordsMax: 300, injection: 99, formula: 123 })) {
    batch += csvLine(row);
    if (++n % 2000 === 0) {
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
    }
  }
  out.write(batch);
  out.end();
  await once(out, 'finish');
  renameSync(temp, file);
  process.stderr.write(`generated ${file}: ${rows.toLocaleString('en-GB')} rows, ${(statSync(file).size / 1e6).toFixed(0)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return file;
}

const USAGE = `Usage: node bench/generate.js [--rows N]

Writes bench/out/consultation-N.csv, a synthetic consultation export of N rows (default 1,000,000:
about 740 MB), unless that file already exists. npm run bench calls it.

Options:
  --rows N    number of rows (default 1000000)
  -h, --help  show this help
`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const { benchArgs, wholeNumber } = await import('./args.js');
  const { values } = benchArgs(USAGE, { rows: { type: 'string' } });
  const file = await generate(wholeNumber(values, 'rows', 1_000_000, USAGE));
  process.stdout.write(`${file}\n`);
}
