// Regenerates examples/consultation/responses.csv (deterministic): `node examples/consultation/generate.js`.
import { writeFileSync } from 'node:fs';
import { COLUMNS, csvLine, responses } from '../../bench/synthetic.js';

const ROWS = 3000;
let text = `${COLUMNS.map((c) => (/[",\r\n]/.test(c) ? `"${c}"` : c)).join(',')}\r\n`;
for (const row of responses(ROWS, { seed: 42, campaign: 0.1, wordsMax: 160, injection: 17 })) text += csvLine(row);
writeFileSync(new URL('./responses.csv', import.meta.url), text);
console.log(`wrote examples/consultation/responses.csv: ${ROWS} rows, ${(text.length / 1024).toFixed(0)} KB`);
