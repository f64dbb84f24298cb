// Deterministic synthetic consultation responses (seeded PRNG), for examples/consultation and the bench.
// One row at a time, so a million rows can be streamed to disk without holding them in memory.

/** mulberry32: a small, fast, seedable PRNG. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const COLUMNS = [
  'Response ID',
  'Submitted',
  'Are you responding as an individual or on behalf of an organisation?',
  'Organisation name',
  'Region',
  'Q1. To what extent do you agree with the proposal to introduce a minimum unit price for alcohol?',
  'Q2. Should the policy apply to online sales?',
  'Q3. Which of these would help most? (select all that apply)',
  'Q4. How satisfied are you with current local alcohol support services?',
  'Q5. Please explain your answer to question 1.',
  'Q6. Is there anything else you would like to tell us?',
];

const REGIONS = ['North East', 'North West', 'Yorkshire and the Humber', 'East Midlands', 'West Midlands', 'East of England', 'London', 'South East', 'South West', 'Scotland', 'Wales', 'Northern Ireland'];
const REGION_WEIGHTS = [4, 11, 8, 7, 9, 9, 16, 14, 9, 6, 4, 3];
const LIKERT = ['Strongly agree', 'Agree', 'Neither agree nor disagree', 'Disagree', 'Strongly disagree', "Don't know"];
const YES_NO = ['Yes', 'No', "Don't know"];
const HELPS = ['Better treatment services', 'Education in schools', 'Labelling on products', 'Support for families', 'Licensing enforcement', 'Community projects'];
const SATISFACTION = ['Very satisfied', 'Satisfied', 'Neither satisfied nor dissatisfied', 'Dissatisfied', 'Very dissatisfied'];
const ORGS = ['Alcohol Concern North', 'Royal College of Nursing', 'Local Government Association', 'British Beer and Pub Association', 'Citizens Advice', 'Turning Point', 'National Farmers Union', 'Drinkaware Trust', 'Scottish Grocers Federation', 'Public Health Wales', 'Mind', 'Age UK'];

const SUPPORT = [
  'Cheap, strong alcohol does real harm in our town and a minimum price would help',
  'I have seen what drink does to families, and anything that makes the cheapest drinks dearer is welcome',
  'The evidence from Scotland is encouraging: deaths fell after minimum unit pricing was introduced',
  'This is a sensible, targeted measure that protects the heaviest drinkers without hurting moderate ones',
  'As a nurse I see the damage every weekend; please go ahead with this',
  'It is a good idea and long overdue',
  'Pubs cannot compete with supermarket prices, so this would support local communities',
  'Young people buy the cheapest cider, and a floor price would protect them',
];
const OPPOSE = [
  'This punishes responsible drinkers on low incomes and will not stop people who are dependent',
  'I am against it, it is another tax on ordinary people and the money goes to retailers, not the NHS',
  'It will not work: people will buy online, cross the border or brew at home',
  'The proposal is unfair and badly thought out, and I worry about the cost of living',
  'Minimum pricing is a blunt tool; better to fund treatment services properly',
  'Terrible idea. Pensioners who enjoy a glass of wine will pay more for nothing',
  'I do not agree, the evidence is weak and the problem is culture, not price',
];
const NEUTRAL = [
  'I can see both sides of this',
  'It depends on the level the price is set at, which the document does not say',
  'Please publish the impact assessment for small shops before deciding',
  'The consultation document was long and I was not sure what the options meant',
  'Treatment waiting lists in my area are about six months',
  'I would like to know how this interacts with the duty system',
];
const EXTRA = [
  'Thank you for asking.',
  'Please consider rural areas, where there is often only one shop.',
  'My brother died of liver disease at 52, so this matters to me.',
  'Support services have been cut, and people wait months for help.',
  'Labels should say how many units are in a bottle, in large print.',
  'Why is this being decided now, before the review is finished?',
  'Enforcement of existing licensing law would be a better start.',
  'The online form kept timing out; I had to start again twice.',
  'Happy to be contacted about this.',
  'Our members, including "small, independent" retailers, are worried about the cost of compliance.',
];
const CONTACTS = ['You can reach me at jane.doe@example.org.', 'Call me on 07700 900123 if you want to discuss.', 'I live in Leeds, LS6 2AB, near three off-licences.', 'My email is m.smith@example.com and my postcode is SW1A 1AA.'];
const CAMPAIGN_Q5 = 'I support the Alcohol Health Alliance campaign. Minimum unit pricing saves lives, reduces hospital admissions and cuts crime. The evidence from Scotland is clear: introduce it now, at 65p per unit, and review it after five years.';
const CAMPAIGN_Q6 = 'Please also restrict alcohol marketing to children and fund treatment services properly.';

function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

function weighted(random, list, weights) {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = random() * total;
  for (let i = 0; i < list.length; i++) {
    r -= weights[i];
    if (r < 0) return list[i];
  }
  return list[list.length - 1];
}

const OPENERS = ['', '', '', 'As a parent, ', 'As a GP in a busy practice, ', 'Speaking as a shop owner, ', 'Honestly, ', 'In my experience, ', 'As someone in recovery, ', 'Living in a small town, ', 'Frankly, '];
const PLACES = ['Leeds', 'Cardiff', 'the Highlands', 'our village', 'Belfast', 'east London', 'Hull', 'Cornwall', 'Newcastle', 'Swindon'];
const OBSERVATIONS = [
  'in {place} the corner shops sell three litres of cider for a few pounds',
  'A&E in {place} is full of alcohol-related injuries on Friday nights',
  'nobody in {place} was told this consultation was happening',
  'the pubs in {place} are closing one by one',
  'people in {place} already struggle with food and energy bills',
  'support groups in {place} are excellent but have long waiting lists',
];

/** A free-text answer of about `words` words from the phrase banks, sometimes over two lines. */
function freeText(random, stance, words) {
  const bank = stance > 0 ? SUPPORT : stance < 0 ? OPPOSE : NEUTRAL;
  const sentences = [];
  const used = new Set();
  let count = 0;
  while (count < words) {
    const roll = random();
    let sentence =
      roll < 0.2
        ? pick(random, OBSERVATIONS).replace('{place}', pick(random, PLACES))
        : pick(random, roll < 0.75 ? bank : roll < 0.9 ? EXTRA : NEUTRAL);
    // a sentence is repeated only once the banks run dry (very long answers)
    if (used.has(sentence) && used.size < 12) continue;
    used.add(sentence);
    const opener = sentences.length === 0 ? pick(random, OPENERS) : '';
    sentence = opener && !/^I /.test(sentence) ? opener + sentence.charAt(0).toLowerCase() + sentence.slice(1) : opener + sentence;
    sentence = sentence.charAt(0).toUpperCase() + sentence.slice(1);
    if (!/[.!?]$/.test(sentence)) sentence += '.';
    sentences.push(sentence);
    count += sentence.split(' ').length;
  }
  let text = sentences.join(random() < 0.15 ? '\n' : ' ');
  if (random() < 0.04) text += ` ${pick(random, CONTACTS)}`;
  return text;
}

/** Excel-style CSV quoting. */
export function csvField(value) {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Generator of rows (arrays of strings). `options.wordsMax` caps free-text length; campaign share is
 * `options.campaign` (0.1 = 10% template copies, a third of them lightly edited).
 */
export function* responses(count, options = {}) {
  const random = prng(options.seed ?? 2024);
  const campaign = options.campaign ?? 0.1;
  const wordsMin = options.wordsMin ?? 10;
  const wordsMax = options.wordsMax ?? 120;
  const start = Date.UTC(2025, 0, 6);
  for (let i = 1; i <= count; i++) {
    const organisation = random() < 0.12;
    const submitted = new Date(start + Math.floor(random() * 84 * 86400000)).toISOString().slice(0, 16).replace('T', ' ');
    // a stance drives consistent answers
    const stance = random() < 0.55 ? 1 : random() < 0.75 ? -1 : 0;
    const likertIndex = stance > 0 ? (random() < 0.5 ? 0 : 1) : stance < 0 ? (random() < 0.5 ? 4 : 3) : random() < 0.7 ? 2 : 5;
    const isCampaign = !organisation && random() < campaign;
    const row = [
      `R${String(i).padStart(7, '0')}`,
      submitted,
      organisation ? 'On behalf of an organisation' : 'As an individual',
      organisation ? pick(random, ORGS) : '',
      weighted(random, REGIONS, REGION_WEIGHTS),
      random() < 0.03 ? '' : isCampaign ? 'Strongly agree' : LIKERT[likertIndex],
      random() < 0.06 ? '' : isCampaign ? 'Yes' : stance > 0 ? (random() < 0.85 ? 'Yes' : "Don't know") : stance < 0 ? (random() < 0.8 ? 'No' : "Don't know") : pick(random, YES_NO),
      random() < 0.1 ? '' : HELPS.filter(() => random() < 0.35).join('; ') || pick(random, HELPS),
      random() < 0.08 ? '' : SATISFACTION[Math.min(4, Math.floor(random() * 3) + (stance < 0 ? 2 : 0))],
      '',
      '',
    ];
    const skew = random();
    const words = wordsMin + Math.floor((wordsMax - wordsMin) * skew * skew * skew);
    if (isCampaign) {
      const edited = random() < 0.3;
      row[9] = edited ? `${CAMPAIGN_Q5} ${pick(random, EXTRA)}` : CAMPAIGN_Q5;
      row[10] = random() < 0.7 ? CAMPAIGN_Q6 : '';
    } else {
      row[9] = random() < 0.12 ? '' : freeText(random, stance, words);
      row[10] = random() < 0.5 ? '' : freeText(random, 0, Math.max(wordsMin, Math.floor(words / 2)));
    }
    if (options.injection && i === options.injection) row[10] = 'Wonderful, excellent, brilliant idea! <script>alert("pwned")</script> <b>Great</b> work, thank you & well done. Write to me at jane.doe@example.org or call 07700 900123.';
    if (options.formula && i === options.formula) row[0] = '=HYPERLINK("http://example.com","click")';
    yield row;
  }
}

export function csvLine(row) {
  return `${row.map(csvField).join(',')}\r\n`;
}
