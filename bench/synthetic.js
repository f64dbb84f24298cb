// Deterministic synthetic consultation responses (seeded PRNG), for examples/consultation and the bench.
// One row at a time, so a million rows can be streamed to disk without holding them in memory.

/** mulberry32, the project's seeded PRNG (built into dist/ by npm run build, which the bench runs first). */
import { seededRandom as prng } from '../dist/lib/random.js';

export { prng };

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

// Sentence templates: {place}, {n}, {years}, {pence}, {drink}, {role} are filled at random, so two
// people rarely write the same sentence, as in real consultations (where identical long answers are
// campaign copies, not chance).
const SUPPORT = [
  'Cheap, strong {drink} does real harm in {place} and a minimum price would {help}',
  'I have seen what drink does to {group}, and anything that makes the cheapest {drink} dearer is {welcome}',
  'The evidence from Scotland is {encouraging}: deaths fell after minimum unit pricing was introduced there',
  'This is a {sensible} measure that protects the heaviest drinkers without hurting {group}',
  'As a nurse in {place} I see the damage {when}; please go ahead with this',
  'It is a {good} idea and long overdue, and {pence}p a unit sounds about right',
  'Pubs cannot compete with supermarket prices, so this would support {places} like {place}',
  '{Group} in {place} buy the cheapest {drink}, and a floor price would protect them',
  'Hospital admissions for liver disease have gone up for {n} years in a row in {place}, so something has to change',
  'A floor price of {pence}p would hardly touch a glass of wine in a pub but would end {drink} sold for pocket money',
];
const OPPOSE = [
  'This punishes responsible drinkers on low incomes and will not stop {group} who are dependent',
  'I am against it, it is another tax on {ordinary} people and the money goes to retailers, not the NHS',
  'It will not work: people in {place} will buy online, cross the border or brew at home',
  'The proposal is {unfair} and badly thought out, and I worry about the cost of living in {place}',
  'Minimum pricing is a blunt tool; better to fund treatment services in {place} properly',
  '{Terrible} idea. {Group} who enjoy a glass of wine will pay more for nothing',
  'I do not agree, the evidence is {weak} and the problem in {place} is culture, not price',
  'My weekly shop already costs {n} pounds more than last year and this would add to it',
  'At {pence}p a unit a bottle of {drink} goes up for everyone, including {group}',
];
const NEUTRAL = [
  'I can see both sides of this, as {group} in {place} will tell you',
  'It depends on the level the price is set at, which the document does not say',
  'Please publish the impact assessment for small shops in places like {place} before deciding',
  'The consultation document was {long} and I was not sure what the options meant',
  'Treatment waiting lists in {place} are about {n} weeks',
  'I would like to know how this interacts with the duty system and with {drink}',
  'Whether {pence}p is right depends on how often the level is reviewed',
];
const EXTRA = [
  'Thank you for asking {group} like us.',
  'Please consider rural areas like {place}, where there is often only one shop.',
  'My brother died of liver disease at {years}, so this matters to me.',
  'Support services in {place} have been cut, and people wait {n} months for help.',
  'Labels should say how many units are in a bottle of {drink}, in large print.',
  'Why is this being decided now, before the review is finished?',
  'Enforcement of existing licensing law in {place} would be a better start.',
  'The online form kept timing out; I had to start again {n} times.',
  'Happy to be contacted about this by {when}.',
  'Our members, including "small, independent" retailers in {place}, are worried about the cost of compliance.',
];
// Word choices that make two people's sentences differ, as they do in real answers.
const WORDS = {
  help: ['help', 'make a difference', 'save lives', 'help a lot', 'be a start', 'reduce the harm'],
  group: ['young people', 'families', 'pensioners', 'students', 'moderate drinkers', 'people on benefits', 'carers', 'shift workers', 'teenagers', 'older people', 'single parents', 'my neighbours'],
  welcome: ['welcome', 'a good thing', 'worth trying', 'long overdue', 'to be encouraged'],
  encouraging: ['encouraging', 'clear', 'convincing', 'strong', 'hard to ignore'],
  sensible: ['sensible, targeted', 'fair', 'proportionate', 'well designed', 'simple'],
  when: ['every weekend', 'every night', 'most Fridays', 'after every match', 'all through December'],
  good: ['good', 'sensible', 'brave', 'simple', 'necessary'],
  places: ['local communities', 'small towns', 'high streets', 'villages', 'market towns'],
  ordinary: ['ordinary', 'working', 'hard-pressed', 'decent', 'struggling'],
  unfair: ['unfair', 'rushed', 'patronising', 'misguided', 'unworkable'],
  terrible: ['terrible', 'silly', 'pointless', 'nanny-state', 'cynical'],
  weak: ['weak', 'mixed', 'thin', 'disputed', 'out of date'],
  long: ['long', 'confusing', 'hard to follow', 'full of jargon', 'very technical'],
};
const CONTACTS = ['You can reach me at jane.doe@example.org.', 'Call me on 07700 900123 if you want to discuss.', 'I live in Leeds, LS6 2AB, near three off-licences.', 'My email is m.smith@example.com and my postcode is SW1A 1AA.'];
// Two organised campaigns: most copies are exact, some have a personal sentence added.
const CAMPAIGNS = [
  {
    weight: 3,
    q5: 'I support the Alcohol Health Alliance campaign. Minimum unit pricing saves lives, reduces hospital admissions and cuts crime. The evidence from Scotland is clear: since it was introduced there, deaths caused by alcohol have fallen and the heaviest drinkers have cut down the most, while moderate drinkers have hardly noticed. Cheap, strong drink is sold for less than the price of a bottle of water, and it is our families, our hospitals and our police who pay for it. Introduce minimum unit pricing now, at 65p per unit, and review it after five years.',
    q6: 'Please also restrict alcohol marketing to children and fund treatment services properly.',
  },
  {
    weight: 1,
    q5: 'As a member of the Save Our Local campaign I oppose minimum unit pricing. It is a tax on responsible drinkers that hands extra profit to supermarkets and does nothing for people who are dependent on alcohol. Families on low incomes will pay more for the same shopping, and pubs, which are the safest place to drink, will not see a penny of the money. People who need help will still buy what they need and cut back on food instead. Fund treatment and support services properly instead, and leave moderate drinkers alone.',
    q6: 'Please protect community pubs, which are the safest place to drink.',
  },
];
const PERSONAL = [
  'I have lived in {place} for {years} years.',
  'My father drank himself to death at {years}.',
  'I work in a pub in {place}.',
  'I have been sober for {n} years.',
  'We lost a neighbour in {place} to drink last year.',
  'I am a GP in {place} and see this every week.',
];

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

const PLACES = ['Leeds', 'Cardiff', 'the Highlands', 'our village', 'Belfast', 'east London', 'Hull', 'Cornwall', 'Newcastle', 'Swindon', 'Norwich', 'Stoke', 'Dundee', 'Swansea', 'Derry', 'Bradford', 'Plymouth', 'Ipswich', 'Carlisle', 'Wrexham', 'Luton', 'Blackpool', 'Inverness', 'Margate', 'Barrow', 'Hastings', 'Rhyl', 'Oldham', 'Grimsby', 'Truro', 'Aberdeen', 'Lincoln', 'Exeter', 'Bolton', 'Wigan', 'Sunderland', 'Peterborough', 'Gateshead', 'Crawley', 'Telford'];
const DRINKS = ['cider', 'vodka', 'lager', 'white cider', 'wine', 'spirits', 'super-strength lager', 'alcopops'];
const ROLES = ['a parent of {n}', 'a retired teacher', 'a shop owner', 'a GP in a busy practice', 'someone in recovery', 'a pub landlord', 'a carer', 'a student', 'a paramedic', 'a youth worker', 'a pensioner', 'a nurse', 'a social worker', 'a police officer', 'a councillor', 'a farmer', 'a pharmacist', 'a bus driver', 'a grandparent of {n}', 'a volunteer at a food bank'];
const OPENERS = [
  'I have lived in {place} for {years} years and I am {role}. ',
  'As {role} in {place} for {years} years, ',
  'Speaking as {role} with {years} years in {place}, ',
  'After {years} years as {role} in {place}, ',
  'In {place}, where I have been {role} for {years} years, ',
  'Honestly, after {years} years as {role} in {place}: ',
  'I have been {role} in {place} for {years} years. ',
]
const OBSERVATIONS = [
  'in {place} the corner shops sell {n} litres of {drink} for a few pounds',
  'A&E in {place} is full of alcohol-related injuries on Friday nights',
  'nobody in {place} was told this consultation was happening',
  'the pubs in {place} are closing one by one, {n} in the last year alone',
  'people in {place} already struggle with food and energy bills',
  'support groups in {place} are excellent but have waiting lists of {n} weeks',
];

function fill(random, template) {
  return template.replace(/\{(\w+)\}/g, (_, name) => {
    const slot = name.toLowerCase();
    const capital = name !== slot;
    const word = fillSlot(random, slot);
    return capital ? word.charAt(0).toUpperCase() + word.slice(1) : word;
  });
}

function fillSlot(random, slot) {
  {
    if (WORDS[slot]) return pick(random, WORDS[slot]);
    if (slot === 'place') return pick(random, PLACES);
    if (slot === 'drink') return pick(random, DRINKS);
    if (slot === 'role') return fill(random, pick(random, ROLES));
    if (slot === 'years') return String(2 + Math.floor(random() * 58));
    if (slot === 'pence') return String(40 + 5 * Math.floor(random() * 9));
    return String(2 + Math.floor(random() * 40));
  }
}

/** A free-text answer of about `words` words from the sentence templates, sometimes over two lines. */
function freeText(random, stance, words) {
  const bank = stance > 0 ? SUPPORT : stance < 0 ? OPPOSE : NEUTRAL;
  const sentences = [];
  const used = new Set();
  let count = 0;
  while (count < words) {
    const roll = random();
    const template = roll < 0.2 ? pick(random, OBSERVATIONS) : pick(random, roll < 0.75 ? bank : roll < 0.9 ? EXTRA : NEUTRAL);
    // a template is repeated only once the banks run dry (very long answers)
    if (used.has(template) && used.size < 14) continue;
    used.add(template);
    let sentence = fill(random, template);
    if (sentences.length === 0) {
      const opener = fill(random, pick(random, OPENERS));
      // after "As a nurse in Hull, " the sentence goes on in lower case (but "I" stays a capital)
      const first = (opener.endsWith(', ') || opener.endsWith(': ')) && !/^(?:I|A&E|Pubs|Young|Hospital)\b/.test(sentence) ? sentence.charAt(0).toLowerCase() : sentence.charAt(0).toUpperCase();
      sentence = opener + first + sentence.slice(1);
    }
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
 * `options.campaign` (0.1 = 10% of all responses are copies of one of two campaign templates, about
 * 30% of them edited with a personal sentence).
 */
export function* responses(count, options = {}) {
  const random = prng(options.seed ?? 2024);
  const campaign = options.campaign ?? 0.1;
  const wordsMin = options.wordsMin ?? 10;
  const wordsMax = options.wordsMax ?? 120;
  const start = Date.UTC(2025, 0, 6);
  for (let i = 1; i <= count; i++) {
    // campaign copies are `campaign` of all responses, all from individuals
    const isCampaign = random() < campaign;
    const organisation = !isCampaign && random() < 0.12;
    const submitted = new Date(start + Math.floor(random() * 84 * 86400000)).toISOString().slice(0, 16).replace('T', ' ');
    const which = isCampaign ? weighted(random, CAMPAIGNS, CAMPAIGNS.map((c) => c.weight)) : undefined;
    // a stance drives consistent answers
    const stance = which ? (which === CAMPAIGNS[0] ? 1 : -1) : random() < 0.55 ? 1 : random() < 0.75 ? -1 : 0;
    const likertIndex = which ? (stance > 0 ? 0 : 4) : stance > 0 ? (random() < 0.5 ? 0 : 1) : stance < 0 ? (random() < 0.5 ? 4 : 3) : random() < 0.7 ? 2 : 5;
    const row = [
      `R${String(i).padStart(7, '0')}`,
      submitted,
      organisation ? 'On behalf of an organisation' : 'As an individual',
      organisation ? pick(random, ORGS) : '',
      weighted(random, REGIONS, REGION_WEIGHTS),
      random() < 0.03 ? '' : LIKERT[likertIndex],
      random() < 0.06 ? '' : which ? (stance > 0 ? 'Yes' : 'No') : stance > 0 ? (random() < 0.85 ? 'Yes' : "Don't know") : stance < 0 ? (random() < 0.8 ? 'No' : "Don't know") : pick(random, YES_NO),
      random() < 0.1 ? '' : HELPS.filter(() => random() < 0.35).join('; ') || pick(random, HELPS),
      random() < 0.08 ? '' : SATISFACTION[Math.min(4, Math.floor(random() * 3) + (stance < 0 ? 2 : 0))],
      '',
      '',
    ];
    const skew = random();
    const words = wordsMin + Math.floor((wordsMax - wordsMin) * skew * skew * skew);
    if (which) {
      // 30% edit the template: a personal sentence added before or after it
      const edit = random() < 0.3 ? fill(random, pick(random, PERSONAL)) : '';
      row[9] = edit === '' ? which.q5 : random() < 0.7 ? `${which.q5} ${edit}` : `${edit} ${which.q5}`;
      row[10] = which.q6;
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
