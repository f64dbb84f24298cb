// The naive pipeline the bench compares against: csv-parse stream + new Sentiment().analyze() on
// every open-text cell, with simple tallies. Prints a JSON line with the counts.
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'csv-parse';
import { benchArgs } from './args.js';

const USAGE = `Usage: node bench/naive.js FILE [TEXT_COLUMN...]

The baseline npm run bench compares ptk analyse with: reads the CSV FILE with a csv-parse stream and
scores every cell of each TEXT_COLUMN with new Sentiment().analyze(). Prints {"rows", "scoreSum"}.

Options:
  -h, --help  show this help
`;

const require = createRequire(import.meta.url);
const Sentiment = require('sentiment');

const [file, ...textColumns] = benchArgs(USAGE, {}, { positionals: [1, Infinity] }).positionals;
const sentiment = new Sentiment();
let rows = 0;
let scoreSum = 0;
const parser = createReadStream(file).pipe(parse({ columns: true, bom: true, relax_column_count: true }));
for await (const record of parser) {
  rows++;
  for (const column of textColumns) {
    const text = record[column];
    if (text) scoreSum += sentiment.analyze(text).score;
  }
}
process.stdout.write(`${JSON.stringify({ rows, scoreSum })}\n`);
