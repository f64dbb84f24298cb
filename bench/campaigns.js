// Benchmark: campaign detection (signatures + grouping) and theme coding on synthetic rows.
// Run after a build: `npx tsc -p tsconfig.json && node bench/campaigns.js [--rows 1000000]`.
// Rows are 10-300 words drawn from a 20,000-word Zipf-like vocabulary; 15% are copies of 20 campaign
// templates (70% exact, 30% with a personal sentence added). Texts are generated on the fly and not
// kept, so peak RSS is the detector's own state plus the generator. Single thread: in `ptk analyse`
// signatures and coding run in worker threads and only grouping runs in the main thread.
import { CampaignDetector } from '../dist/analysis/campaigns/detector.js';
import { SIGNATURE_WORDS, signatureInto } from '../dist/analysis/campaigns/signature.js';
import { compileCodeframe } from '../dist/analysis/themes/matcher.js';
import { benchArgs, wholeNumber } from './args.js';

const USAGE = `Usage: node bench/campaigns.js [--rows N]

Times campaign detection (signatures and grouping) and theme coding, single thread, on N synthetic
answers (default 1,000,000). Build first (npx tsc -p tsconfig.json).

Options:
  --rows N    number of answers (default 1000000)
  -h, --help  show this help
`;
const { values } = benchArgs(USAGE, { rows: { type: 'string' } });
const total = wholeNumber(values, 'rows', 1_000_000, USAGE);

let seed = 7;
const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const vocabulary = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}`);
const sentence = (words) => {
  const parts = [];
  for (let i = 0; i < words; i++) parts.push(vocabulary[Math.floor(random() * random() * vocabulary.length)]);
  return parts.join(' ');
};
const templates = Array.from({ length: 20 }, () => `${sentence(80 + Math.floor(random() * 150))}.`);
const nextText = () => {
  if (random() < 0.15) {
    const template = templates[Math.floor(random() * templates.length)];
    return random() < 0.3 ? `${template} ${sentence(8)}` : template;
  }
  return sentence(10 + Math.floor(random() * 290));
};

// A codeframe of 12 themes x 6 patterns (stems, wildcards, two-word phrases) over the same vocabulary.
const codeframe = {
  questions: {
    q: Array.from({ length: 12 }, (_, t) => ({
      id: `t${t}`,
      label: `Theme ${t}`,
      include: [vocabulary[t * 7], vocabulary[t * 7 + 1], `${vocabulary[t * 7 + 2]}*`, `${vocabulary[t * 7 + 3]} ${vocabulary[t * 7 + 4]}`, vocabulary[200 + t], vocabulary[500 + t]],
      exclude: [`${vocabulary[t * 7]} ${vocabulary[t * 7 + 5]}`],
    })),
  },
};
const matcher = compileCodeframe(codeframe).get('q');

const detector = new CampaignDetector();
const sig = new Uint32Array(SIGNATURE_WORDS);
let signatureMs = 0;
let addMs = 0;
let codingMs = 0;
let chars = 0;
let coded = 0;
let peak = 0;
for (let row = 0; row < total; row++) {
  const text = nextText();
  chars += text.length;
  const a = performance.now();
  signatureInto(text, sig, 0);
  const b = performance.now();
  detector.addSignature(row, `resp-${row}`, sig, 0, text);
  const c = performance.now();
  if (matcher.codeResponse(text).length > 0) coded++;
  codingMs += performance.now() - c;
  signatureMs += b - a;
  addMs += c - b;
  if ((row & 65535) === 0) peak = Math.max(peak, process.memoryUsage().rss);
}
const f = performance.now();
const result = detector.finish();
const finishMs = performance.now() - f;
peak = Math.max(peak, process.memoryUsage().rss);
const perSecond = (ms) => Math.round((total / ms) * 1000).toLocaleString('en-GB');
console.log(`rows: ${total.toLocaleString('en-GB')}, average ${Math.round(chars / total)} characters`);
console.log(`signatures: ${(signatureMs / 1000).toFixed(1)} s (${perSecond(signatureMs)} rows/s, one thread)`);
console.log(`detector add (main thread): ${(addMs / 1000).toFixed(1)} s; finish (LSH + grouping): ${(finishMs / 1000).toFixed(1)} s`);
console.log(`campaigns: ${result.campaigns.length}, rows in campaigns: ${result.rowsInCampaigns.toLocaleString('en-GB')}, pairs verified: ${result.pairsVerified.toLocaleString('en-GB')}`);
console.log(`theme coding: ${(codingMs / 1000).toFixed(1)} s (${perSecond(codingMs)} rows/s, one thread), ${coded.toLocaleString('en-GB')} rows coded`);
console.log(`peak RSS: ${Math.round(peak / 1048576)} MB (typed arrays: ${Math.round(process.memoryUsage().arrayBuffers / 1048576)} MB)`);
