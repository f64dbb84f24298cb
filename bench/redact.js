// `npm run bench:redact [-- --answers N] [-- --seed S]`: how well redaction holds on consultation text.
// Generates N answers (default 10,000) from UK and US consultation sentences with personal data of
// every type planted at known places, beside look-alikes that are not personal data (policy reference
// numbers, prices, meeting dates, street names used as places, words that are also surnames), runs the
// recognisers and prints recall and precision per type.
//
// Honesty: the names, street names and sentence templates below are the benchmark's own, held out from
// the recogniser (src/analysis/redact.ts has no name or street-name lists at all: it finds names by
// titles, "my name is", family words, sign-offs and the export's own name columns, and streets by a house
// number and a street type word). Tune the recogniser against new sentences, not against these.
//
// Scoring, per type: recall = planted items wholly covered by a redaction of that type; precision =
// redactions of that type that overlap an item planted as that type. "Any" recall counts an item covered
// by a redaction of any type (what matters for privacy).
import { prng } from './synthetic.js';

const FIRST = ['Priya', 'Oluwaseun', 'Siobhan', 'Tomasz', 'Aoife', 'Declan', 'Marisol', 'Keisha', 'Rhiannon', 'Dmitri', 'Imogen', 'Callum', 'Yusuf', 'Esther', 'Bronwen', 'Jamal', 'Ingrid', 'Fergus', 'Leticia', 'Anwen', 'Hamish', 'Ngozi', 'Crispin', 'Tamsin', 'Rafael', 'Zainab', 'Eilidh', 'Desmond', 'Wanjiru', 'Lorcan'];
const LAST = ['Okonkwo', 'Fitzgerald', 'Nowak', 'Pritchard', 'Achterberg', 'Castellano', 'McAllister', 'Raghunathan', 'Thistlethwaite', 'Ojukwu', 'Blackwood', 'Llewellyn', 'Haverford', 'Kowalczyk', 'Abernethy', 'Delacroix', 'Mwangi', 'Trevelyan', 'Oyelaran', 'Greenhalgh', 'Szabo', 'Vanterpool', 'Hollingworth', 'Adeyemi', 'Quigley', 'Featherstone', 'Babatunde', 'Lindqvist', 'Pemberton', 'Ramaswamy'];
// names of people no export column holds (for the answers that name someone with no cue at all)
const OTHER_FIRST = ['Gwendolyn', 'Bartholomew', 'Saoirse', 'Emeka', 'Thandiwe', 'Cormac'];
const OTHER_LAST = ['Ashdown', 'Okafor', 'Ventress', 'Mulcahy', 'Dunleavy', 'Strachan'];
// words that are also surnames, used as words
const SURNAME_WORDS = ['baker', 'green', 'mill', 'rose', 'hill', 'brown', 'wood', 'banks', 'marsh', 'fisher', 'cook', 'mason', 'bishop', 'long', 'little'];
const STREETS = ['Cobblers', 'Juniper', 'Tanners', 'Heron', 'Quarry', 'Foxglove', 'Lamplighter', 'Wheelwright', 'Bramblefield', 'Kestrel', 'Sycamore Ridge', 'Old Ropewalk', 'Magnolia', 'Sandpiper', 'Cranbourne', 'Larkspur', 'Beckett', 'Pinecrest', 'Ironbridge', 'Willowmere'];
const UK_TYPES = ['Lane', 'Road', 'Close', 'Crescent', 'Street', 'Grove', 'Terrace', 'Gardens', 'Way', 'Avenue', 'Mews', 'Drive'];
const US_TYPES = ['Street', 'Avenue', 'Boulevard', 'Drive', 'Court', 'Road', 'Lane', 'Place', 'Parkway', 'St', 'Ave', 'Blvd', 'Dr'];
const TOWNS = ['Rotherham', 'Kettering', 'Aberystwyth', 'Dundee', 'Harrogate', 'Swindon'];
const US_CITIES = [['Dayton', 'OH'], ['Tacoma', 'WA'], ['Boise', 'ID'], ['Macon', 'GA'], ['Eugene', 'OR'], ['Provo', 'UT'], ['Albany', 'NY'], ['Tulsa', 'OK']];
const US_STATES = ['Ohio', 'Texas', 'Oregon', 'Vermont', 'Maryland', 'Nevada'];
const MONTHS = ['January', 'March', 'April', 'June', 'August', 'October', 'November', 'December', 'Feb', 'Sept'];
const NI_FIRST = 'ABCEGHJKLMNOPRSTWXYZ';
const NI_SECOND = 'ABCEGHJKLMNPRSTWXYZ';

/** What each planted type is called in the report, in order; structured types first. */
export const TYPES = ['email', 'phone', 'nhs-number', 'ni-number', 'card', 'iban', 'ip', 'ssn', 'postcode', 'zip', 'identifier', 'date-of-birth', 'name', 'address'];
export const STRUCTURED = ['email', 'phone', 'nhs-number', 'ni-number', 'card', 'iban', 'ip', 'ssn', 'postcode', 'zip'];
export const TARGETS = { structured: { recall: 0.99, precision: 0.95 }, fuzzy: { recall: 0.9, precision: 0.8 } };

function generators(random) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  const digits = (n) => Array.from({ length: n }, () => int(0, 9)).join('');
  const luhnComplete = (partial) => {
    for (let d = 0; d <= 9; d++) {
      const s = partial + d;
      let sum = 0;
      for (let i = 0; i < s.length; i++) {
        let v = Number(s[s.length - 1 - i]);
        if (i % 2 === 1) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
        sum += v;
      }
      if (sum % 10 === 0) return s;
    }
    return null;
  };
  const nhs = (valid) => {
    for (;;) {
      const nine = String(int(100_000_000, 999_999_999));
      let sum = 0;
      for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
      const check = 11 - (sum % 11);
      if (check === 10) continue;
      const good = check === 11 ? 0 : check;
      const last = valid ? good : (good + int(1, 9)) % 10;
      return nine + last;
    }
  };
  const iban = (country, bban) => {
    const numeric = `${bban}${country}00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
    let r = 0;
    for (const ch of numeric) r = (r * 10 + Number(ch)) % 97;
    return `${country}${String(98 - r).padStart(2, '0')}${bban}`;
  };
  const letters = (n) => Array.from({ length: n }, () => String.fromCharCode(65 + int(0, 25))).join('');
  const postcodeOutward = () => pick([`${pick(['LS', 'M', 'B', 'SW', 'EH', 'CF', 'BS', 'NE', 'G', 'SE'])}${int(1, 19)}`, `SW1A`, `EC${int(1, 4)}A`]);
  const postcodeInward = () => `${int(0, 9)}${pick('ABDEFGHJLNPQRSTUWXYZ'.split(''))}${pick('ABDEFGHJLNPQRSTUWXYZ'.split(''))}`;
  const spaced = (s, sizes, sep) => {
    const out = [];
    let at = 0;
    for (const size of sizes) {
      out.push(s.slice(at, at + size));
      at += size;
    }
    if (at < s.length) out.push(s.slice(at));
    return out.join(sep);
  };
  const name = () => ({ first: pick(FIRST), last: pick(LAST) });
  const nanp = () => `${int(2, 9)}${digits(2)}${int(2, 9)}${digits(2)}${digits(4)}`;

  // Each: () => a list of pieces: strings, or [type, value] for planted personal data.
  return {
    email: () => {
      const n = name();
      const f = n.first.toLowerCase();
      const l = n.last.toLowerCase();
      const domain = pick(['example.com', 'mail.co.uk', 'inbox.org', 'post.net', 'example.org.uk']);
      const value = pick([
        `${f}.${l}@${domain}`,
        `${f}${int(1, 99)}@${domain}`,
        `${f} dot ${l} at ${domain.replace(/\./g, ' dot ')}`,
        `${f}.${l} [at] ${domain}`,
        `${f}(at)${domain.replace(/\./g, '(dot)')}`,
        `${f}_${l} at ${domain}`,
      ]);
      return pick([
        ['You can reach me at ', ['email', value], ' if you want to discuss this.'],
        ['Please send any reply to ', ['email', value], '.'],
        ['My email is ', ['email', value], ' and I am happy to be contacted.'],
        ['Contact: ', ['email', value]],
      ]);
    },
    phone: () => {
      const value = pick([
        `07${int(100, 999)} ${digits(6)}`,
        `07${digits(3)}${digits(6)}`,
        `020 7${digits(3)} ${digits(4)}`,
        `+44 7${digits(3)} ${digits(3)} ${digits(3)}`,
        `(0161) ${int(200, 999)} ${digits(4)}`,
        `01${int(200, 999)} ${int(200, 999)}${digits(3)}`,
        (() => { const t = nanp(); return `(${t.slice(0, 3)}) ${t.slice(3, 6)}-${t.slice(6)}`; })(),
        (() => { const t = nanp(); return `${t.slice(0, 3)}-${t.slice(3, 6)}-${t.slice(6)}`; })(),
        (() => { const t = nanp(); return `${t.slice(0, 3)}.${t.slice(3, 6)}.${t.slice(6)}`; })(),
        (() => { const t = nanp(); return `+1 ${t.slice(0, 3)} ${t.slice(3, 6)} ${t.slice(6)}`; })(),
        `1-800-${int(200, 999)}-${digits(4)}`,
        `+33 1 ${digits(2)} ${digits(2)} ${digits(2)} ${digits(2)}`,
        `+49 30 ${digits(7)}`,
      ]);
      return pick([
        ['Call me on ', ['phone', value], ' any evening.'],
        ['My phone number is ', ['phone', value], '.'],
        ['If anyone from the office wants to talk, my cell is ', ['phone', value], '.'],
        ['Please ring ', ['phone', value], ' rather than writing.'],
        ['Tel: ', ['phone', value]],
        ['Happy to talk - ', ['phone', value]],
      ]);
    },
    'nhs-number': () => {
      const value = nhs(true);
      const written = pick([spaced(value, [3, 3], ' '), value, spaced(value, [3, 3], '-')]);
      return pick([
        ['My NHS number is ', ['nhs-number', written], ' if you need to check my records.'],
        ['I was discharged without a letter (NHS no. ', ['nhs-number', written], ').'],
        ['The clinic lost my referral, NHS number ', ['nhs-number', written], ', twice.'],
      ]);
    },
    identifier: () => {
      const value = nhs(false);
      return [['My NHS number is ', ['identifier', spaced(value, [3, 3], ' ')], ' I think.'], ['Patient number ', ['identifier', value], ' was on the letter.']][int(0, 1)];
    },
    'ni-number': () => {
      let prefix;
      do prefix = pick(NI_FIRST.split('')) + pick(NI_SECOND.split(''));
      while (['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'].includes(prefix));
      const d = digits(6);
      const suffix = pick(['A', 'B', 'C', 'D']);
      const value = pick([`${prefix}${d}${suffix}`, `${prefix} ${spaced(d, [2, 2], ' ')} ${suffix}`, `${prefix}${d}${suffix}`.toLowerCase(), `${prefix} ${spaced(d, [2, 2], ' ')} ${suffix}`.toLowerCase()]);
      return pick([
        ['My National Insurance number is ', ['ni-number', value], '.'],
        ['I have paid in all my life (NI ', ['ni-number', value], ') and get nothing back.'],
        ['NI number: ', ['ni-number', value]],
      ]);
    },
    card: () => {
      const prefix = pick(['4', '51', '55', '37', '6011']);
      const length = prefix === '37' ? 15 : 16;
      const number = luhnComplete(prefix + digits(length - prefix.length - 1));
      const written = length === 15 ? pick([number, `${number.slice(0, 4)} ${number.slice(4, 10)} ${number.slice(10)}`]) : pick([number, spaced(number, [4, 4, 4], ' '), spaced(number, [4, 4, 4], '-')]);
      return pick([
        ['The parking machine charged my card ', ['card', written], ' twice.'],
        ['I paid the fee with card number ', ['card', written], ' and never got a receipt.'],
      ]);
    },
    iban: () => {
      const value = pick([iban('GB', `${letters(4)}${digits(14)}`), iban('DE', digits(18)), iban('FR', digits(23)), iban('IE', `${letters(4)}${digits(14)}`)]);
      const written = pick([value, value.replace(/(.{4})/g, '$1 ').trim()]);
      return pick([
        ['Refunds should go to IBAN ', ['iban', written], ', not by cheque.'],
        ['My account is ', ['iban', written], ' for the grant.'],
      ]);
    },
    ip: () => {
      const value = pick([
        `${int(11, 223)}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`,
        `2001:db8:${int(1, 65535).toString(16)}::${int(1, 65535).toString(16)}`,
        Array.from({ length: 8 }, () => int(0, 65535).toString(16)).join(':'),
      ]);
      return pick([
        ['The online form blocked my IP address ', ['ip', value], ' for no reason.'],
        ['It said my connection (', ['ip', value], ') was not in the UK.'],
      ]);
    },
    ssn: () => {
      let area;
      do area = int(1, 899);
      while (area === 666);
      const value = `${String(area).padStart(3, '0')}-${String(int(1, 99)).padStart(2, '0')}-${String(int(1, 9999)).padStart(4, '0')}`;
      return pick([
        ['They asked for my social security number, ', ['ssn', value], ', on a public form.'],
        ['SSN ', ['ssn', value], ' should never be needed for a comment.'],
        ['My SSN is ', ['ssn', value], '.'],
      ]);
    },
    postcode: () => {
      const outward = postcodeOutward();
      const inward = postcodeInward();
      const sep = pick([' ', ' ', '']);
      const lower = random() < 0.2;
      const out = lower ? outward.toLowerCase() : outward;
      const inn = lower ? inward.toLowerCase() : inward;
      return pick([
        ['I live in ', `${out}${sep}`, ['postcode', inn], ' and the buses are awful.'],
        ['Our surgery at ', `${out}${sep}`, ['postcode', inn], ' has closed.'],
        [`We are in ${pick(TOWNS)} (`, `${out}${sep}`, ['postcode', inn], ').'],
      ]);
    },
    zip: () => {
      const zip = `${digits(5)}${random() < 0.3 ? `-${digits(4)}` : ''}`;
      const [city, state] = pick(US_CITIES);
      return pick([
        [`I live in ${city}, ${state} `, ['zip', zip], ' and this rule hurts us.'],
        ['My zip code is ', ['zip', zip], '.'],
        [`Folks in ${pick(US_STATES)} `, ['zip', zip], ' rely on the clinic.'],
      ]);
    },
    'date-of-birth': () => {
      const year = int(1935, 2005);
      const value = pick([`${int(1, 28)} ${pick(MONTHS)} ${year}`, `${String(int(1, 28)).padStart(2, '0')}/${String(int(1, 12)).padStart(2, '0')}/${year}`, `${pick(MONTHS)} ${int(1, 28)}, ${year}`, `${year}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`]);
      return pick([
        ['I was born on ', ['date-of-birth', value], ' and have lived here all my life.'],
        ['DOB: ', ['date-of-birth', value]],
        ['My date of birth is ', ['date-of-birth', value], ', so I remember the old scheme.'],
      ]);
    },
    name: (row) => {
      const n = name();
      const full = `${n.first} ${n.last}`;
      const own = () => {
        row.personal.push(full);
        return pick([
          ['Speaking for myself, ', ['name', full], ', I oppose this.'],
          ['As ', ['name', n.first], ' I have used this service for years.'],
          ['This is ', ['name', full], ' writing about the clinic.'],
        ]);
      };
      const choice = pick([
        ['I spoke to ', pick(['Dr ', 'Mrs ', 'Mr ', 'Cllr ', 'Prof. ', 'Ms ']), ['name', pick([full, n.last])], ' about it last year.'],
        ['My name is ', ['name', full], ' and I have lived here for years.'],
        ['Kind regards,\n', ['name', full]],
        ['Yours sincerely, ', ['name', full]],
        ['Thanks, ', ['name', n.first]],
        ['My husband ', ['name', n.first], ' has to travel for his treatment.'],
        ['Our neighbour ', 'Mrs ', ['name', n.last], ' agrees with me.'],
        ['Best wishes\n', ['name', full]],
        // no cue at all: a pattern recogniser cannot see these (kept so the figure is honest)
        ['I went to the drop-in with ', ['name', `${pick(OTHER_FIRST)} ${pick(OTHER_LAST)}`], ' from the residents group.'],
        ['cc ', ['name', `${pick(OTHER_FIRST)} ${pick(OTHER_LAST)}`]],
        // written after the recogniser was last changed, with no cue it knows: expected misses
        ['At the meeting ', ['name', `${pick(OTHER_FIRST)} ${pick(OTHER_LAST)}`], ' spoke against it.'],
        ['Signed ', ['name', full]],
        ['Dr. ', ['name', n.last], "'s letter said the same."],
        own,
      ]);
      return typeof choice === 'function' ? choice() : choice;
    },
    address: () => {
      const uk = random() < 0.55;
      const street = `${pick(STREETS)} ${pick(uk ? UK_TYPES : US_TYPES)}`;
      const number = uk ? `${int(1, 180)}${random() < 0.1 ? 'a' : ''}` : String(int(10, 9800));
      const value = pick([
        `${number} ${street}`,
        uk ? `Flat ${int(1, 12)}, ${number} ${street}` : `Apt ${int(1, 30)}${pick(['', 'B'])}, ${number} ${street}`,
        `${number} ${street}`,
      ]);
      return pick([
        ['I live at ', ['address', value], ' and the road floods every winter.'],
        ['My address is ', ['address', value], ', ', uk ? pick(TOWNS) : pick(US_CITIES)[0], '.'],
        ['Letters to ', ['address', value], ' never arrive.'],
        ['We moved to ', ['address', value], ' in the spring.'],
        ['Outside ', ['address', value], ' the bins are never emptied.'],
        ['i live at ', ['address', value.toLowerCase()], ' and nobody asked us.'],
      ]);
    },
    // look-alikes: nothing here is personal data
    lookalike: () => {
      const n = name();
      return pick([
        [`See policy reference PR-${int(2019, 2026)}-${digits(5)} and clause ${int(1, 12)}.${int(1, 9)}.`],
        [`The consultation CP ${int(2019, 2026)}/${int(1, 60)} closes on ${int(1, 28)} ${pick(MONTHS)} ${int(2024, 2027)}.`],
        [`A season ticket went up from £${int(1, 3)},${digits(3)} to £${int(3, 5)},${digits(3)}.${digits(2)}.`],
        [`The plan costs $${int(2, 90)},${digits(3)},${digits(3)} over ${int(2, 10)} years.`],
        [`The meeting on ${pick(MONTHS)} ${int(1, 28)}, ${int(2024, 2026)} at ${int(6, 9)}:${pick(['00', '30'])}pm was packed.`],
        [`The traffic on ${pick(STREETS)} ${pick(UK_TYPES)} is terrible at school times.`],
        [`The ${int(2, 99)} bus along ${pick(STREETS)} ${pick(UK_TYPES)} is always late.`],
        [`We need ${int(2, 40)} more bus lanes and ${int(2, 9)} new cycle routes.`],
        [`Around ${int(10, 95)}% of the ${digits(5)} households were not asked.`],
        [`The ${pick(SURNAME_WORDS)} by the ${pick(SURNAME_WORDS)} is part of what makes this place.`],
        [`${pick(['Will', 'May', 'Hope', 'Grace'])} this plan really help families?`],
        [`The old ${pick(SURNAME_WORDS)} on ${pick(STREETS)} ${pick(UK_TYPES)} should be kept.`],
        [`Section ${int(1, 40)}(${int(1, 9)}) of the ${int(1990, 2024)} Act already covers this.`],
        [`Call 111 or 999 in an emergency; the helpline 0800 number is free.`],
        [`The form at www.gov.uk and the page on nhs.uk were no help.`],
        [`Version ${int(1, 9)}.${int(0, 9)} of the app crashed at ${int(10, 11)}:${int(10, 59)}:${int(10, 59)}.`],
        [`In ${int(1990, 2024)} the county spent ${int(12, 99)},${digits(3)} on repairs, up ${int(2, 9)}.${int(1, 9)} per cent.`],
        [`Thank you for the chance to comment.`],
        [`I am ${pick(['British', 'retired', 'a carer', 'Welsh'])} and I ${pick(['object', 'agree'])}.`],
        [`Case number ${digits(6)} was never answered.`],
        [`My order number ${spaced(digits(16), [4, 4, 4], ' ')} was never delivered.`],
        [`The new version ${int(1, 9)}.${int(0, 9)}.${int(0, 9)}.${int(1, 9)} of the portal is worse.`],
        [`Ticket ${digits(3)}-${digits(2)}-${digits(4)} is still open.`],
        [`The scheme was born in ${int(1990, 2020)} and has never worked.`],
        [`Dear Sir or Madam, the Lord Mayor said in ${int(2019, 2024)} that ${int(100, 999)} homes would be built.`],
        [`There are ${digits(5)} people on the list in OR and WA.`],
        [`Trains to ${pick(STREETS)} Road station were cancelled ${int(2, 20)} times.`],
        [`The ${n.last.slice(0, 3).toLowerCase()}${pick(['rating', 'score'])} for Harbour ward is ${int(1, 9)}.`],
      ]);
    },
  };
}

const PLANTED = ['email', 'phone', 'nhs-number', 'ni-number', 'card', 'iban', 'ip', 'ssn', 'postcode', 'zip', 'identifier', 'date-of-birth', 'name', 'name', 'address', 'address'];

/** Seeded answers: each `{ text, planted: [{ type, start, end }], personal: string[] }`. */
export function* redactionAnswers(count, seed = 18) {
  const random = prng(seed);
  const make = generators(random);
  const pick = (list) => list[Math.floor(random() * list.length)];
  for (let n = 0; n < count; n++) {
    const row = { personal: [] };
    const sentences = [];
    const items = 1 + Math.floor(random() * 2);
    for (let i = 0; i < items; i++) sentences.push(make[pick(PLANTED)](row));
    const lookalikes = 1 + Math.floor(random() * 2);
    for (let i = 0; i < lookalikes; i++) sentences.splice(Math.floor(random() * (sentences.length + 1)), 0, make.lookalike());
    // sign-offs go last, as people write them
    sentences.sort((a, b) => Number(isSignOff(a)) - Number(isSignOff(b)));
    let text = '';
    const planted = [];
    for (const pieces of sentences) {
      if (text !== '') text += ' ';
      for (const piece of pieces) {
        if (typeof piece === 'string') text += piece;
        else {
          planted.push({ type: piece[0], start: text.length, end: text.length + piece[1].length, value: piece[1] });
          text += piece[1];
        }
      }
    }
    yield { text, planted, personal: row.personal };
  }
}

function isSignOff(pieces) {
  return typeof pieces[0] === 'string' && /^(?:Kind regards|Yours sincerely|Thanks,|Best wishes)/.test(pieces[0]);
}

/**
 * Runs `find(text, names)` (findPersonalData) over the answers; per type: planted, found, recall,
 * precision and "any" recall. Names across the file: every answer's own names, as the pipeline collects them.
 */
export function scoreRedaction(find, { answers = 10_000, seed = 18 } = {}) {
  const all = [...redactionAnswers(answers, seed)];
  const known = new Set();
  for (const answer of all) for (const value of answer.personal) for (const word of value.split(/\s+/)) known.add(word.toLowerCase());
  const stats = Object.fromEntries(TYPES.map((type) => [type, { planted: 0, recalled: 0, covered: 0, found: 0, correct: 0 }]));
  const falsePositives = [];
  const misses = [];
  const started = performance.now();
  for (const answer of all) {
    const spans = find(answer.text, { known, ...(answer.personal.length > 0 ? { own: answer.personal } : {}) });
    for (const item of answer.planted) {
      const s = stats[item.type];
      s.planted++;
      if (spans.some((span) => span.type === item.type && span.start <= item.start && span.end >= item.end)) s.recalled++;
      else if (misses.length < 40) misses.push(`${item.type}: ${JSON.stringify(item.value)} in ${JSON.stringify(answer.text)}`);
      if (spans.some((span) => span.start <= item.start && span.end >= item.end)) s.covered++;
    }
    for (const span of spans) {
      const s = stats[span.type === 'age' ? 'date-of-birth' : span.type];
      if (!s) continue;
      s.found++;
      if (answer.planted.some((item) => item.type === span.type && item.start < span.end && span.start < item.end)) s.correct++;
      else if (falsePositives.length < 40) falsePositives.push(`${span.type}: ${JSON.stringify(answer.text.slice(span.start, span.end))} in ${JSON.stringify(answer.text)}`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const perType = TYPES.map((type) => {
    const s = stats[type];
    return { type, planted: s.planted, found: s.found, recall: s.planted ? s.recalled / s.planted : 1, precision: s.found ? s.correct / s.found : 1, anyRecall: s.planted ? s.covered / s.planted : 1 };
  });
  return { answers, seed, seconds, perType, misses, falsePositives };
}

/** Does each type meet its target? The structured types have the strict one. */
export function targetOf(type) {
  if (STRUCTURED.includes(type)) return TARGETS.structured;
  if (type === 'name' || type === 'address') return TARGETS.fuzzy;
  return null;
}

export function meetsTarget(row) {
  const target = targetOf(row.type);
  return target === null || (row.recall >= target.recall && row.precision >= target.precision);
}

const USAGE = `Usage: node bench/redact.js [--answers N] [--seed S] [--verbose]   (npm run bench:redact builds first)

Plants personal data of every type in N generated consultation answers (default 10,000) beside
look-alikes, redacts them and prints recall and precision per type against the targets (structured
types: recall >= 0.99, precision >= 0.95; names and addresses: recall >= 0.9, precision >= 0.8).
Exit code 1 when a target is missed. --verbose lists some misses and false positives.
`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const { benchArgs, wholeNumber } = await import('./args.js');
  const { values } = benchArgs(USAGE, { answers: { type: 'string' }, seed: { type: 'string' }, verbose: { type: 'boolean' } });
  const { findPersonalData } = await import('../dist/analysis/redact.js');
  const result = scoreRedaction(findPersonalData, { answers: wholeNumber(values, 'answers', 10_000, USAGE), seed: wholeNumber(values, 'seed', 18, USAGE) });
  const pad = (s, n) => String(s).padEnd(n);
  const lines = [`Redaction on ${result.answers.toLocaleString('en-GB')} generated answers (seed ${result.seed}), ${result.seconds.toFixed(2)} s`, ''];
  lines.push(`${pad('type', 15)}${pad('planted', 9)}${pad('found', 8)}${pad('recall', 8)}${pad('precision', 11)}${pad('any-type recall', 17)}target`);
  let failed = false;
  for (const row of result.perType) {
    const ok = meetsTarget(row);
    failed ||= !ok;
    lines.push(`${pad(row.type, 15)}${pad(row.planted, 9)}${pad(row.found, 8)}${pad(row.recall.toFixed(3), 8)}${pad(row.precision.toFixed(3), 11)}${pad(row.anyRecall.toFixed(3), 17)}${targetOf(row.type) === null ? '(none set)' : ok ? 'met' : 'MISSED'}`);
  }
  if (values.verbose) {
    lines.push('', 'Misses:', ...result.misses.map((m) => `  ${m}`), '', 'False positives:', ...result.falsePositives.map((m) => `  ${m}`));
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  if (failed) process.exitCode = 1;
}
