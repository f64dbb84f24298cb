// Micro-benchmark: scoreSentiment (dist/analysis/sentiment.js) vs `new Sentiment().analyze(text)`.
// Run after a build: `npx tsc -p tsconfig.json && node bench/sentiment.js [--seconds 2]`.
// Prints calls/s for each on the same corpus: real short sentences (the package's 3,000 labelled
// fixtures, Polis statements) and those sentences joined into 10-300-word cells like survey answers.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { scoreSentiment } from '../dist/analysis/sentiment.js';
import { benchArgs, positiveNumber } from './args.js';

const require = createRequire(import.meta.url);
const Sentiment = require('sentiment');
const { parse } = require('csv-parse/sync');

const USAGE = `Usage: node bench/sentiment.js [--seconds S]

Calls per second of scoreSentiment (dist/analysis/sentiment.js) and of new Sentiment().analyze() on
the same texts: the sentiment package's labelled sentences, the Polis statements in ../shared/data,
and both joined into 10 to 300-word answers. Build first (npx tsc -p tsconfig.json).

Options:
  --seconds S  time per measurement (default 2)
  -h, --help   show this help
`;
const { values } = benchArgs(USAGE, { seconds: { type: 'string' } });
const secondsPerRun = positiveNumber(values, 'seconds', 2, USAGE);

function loadSentences() {
  const sentences = [];
  for (const name of ['amazon', 'imdb', 'yelp']) {
    const file = require.resolve(`sentiment/test/fixtures/${name}.json`);
    for (const row of JSON.parse(readFileSync(file, 'utf8'))) sentences.push(row.text);
  }
  for (const name of ['bowling-green_comments.csv', 'canadian-electoral-reform_comments.csv']) {
    const url = new URL(`../../shared/data/polis/${name}`, import.meta.url);
    for (const row of parse(readFileSync(url), { columns: true })) sentences.push(row['comment-body']);
  }
  return sentences;
}

// Deterministic cells of 10-300 words built from the real sentences.
function buildCells(sentences, count) {
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const cells = [];
  for (let c = 0; c < count; c++) {
    const targetWords = 10 + Math.floor(random() * 291);
    let cell = '';
    while (cell.split(' ').length < targetWords) cell += sentences[Math.floor(random() * sentences.length)] + ' ';
    cells.push(cell.trim());
  }
  return cells;
}

function measure(label, texts, score) {
  let sink = 0;
  for (const text of texts) sink += score(text).score; // warm-up
  let calls = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(secondsPerRun * 1e9));
  let elapsed = 0n;
  while (elapsed < budget) {
    for (const text of texts) sink += score(text).comparative;
    calls += texts.length;
    elapsed = process.hrtime.bigint() - start;
  }
  const perSecond = calls / (Number(elapsed) / 1e9);
  console.log(`${label.padEnd(44)} ${Math.round(perSecond).toLocaleString('en-GB').padStart(12)} calls/s  (checksum ${sink.toFixed(2)})`);
  return perSecond;
}

const analyser = new Sentiment();
const byPackage = (text) => analyser.analyze(text);
const sentences = loadSentences();
const cells = buildCells(sentences, 2000);
const meanWords = (texts) => (texts.reduce((sum, t) => sum + t.split(/\s+/).length, 0) / texts.length).toFixed(0);

console.log(`node ${process.version}; ${secondsPerRun}s per measurement`);
for (const [name, texts] of [
  [`sentences (n=${sentences.length}, ~${meanWords(sentences)} words)`, sentences],
  [`cells (n=${cells.length}, ~${meanWords(cells)} words)`, cells],
]) {
  console.log(name);
  const pkg = measure('  sentiment@5.0.2 analyze()', texts, byPackage);
  const ours = measure('  scoreSentiment()', texts, scoreSentiment);
  console.log(`  speed-up x${(ours / pkg).toFixed(1)}`);
}
