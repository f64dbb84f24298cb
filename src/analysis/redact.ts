/**
 * Personal-data redaction for consultation quotes and working sheets. Pure: no I/O. Each item found
 * is replaced by a typed placeholder; callers log the per-type counts, never the values.
 *
 * How it scans: one combined, precompiled regular expression of every recogniser is run left to
 * right, so every character belongs to at most one match and nothing is redacted twice. Each
 * recogniser's pattern only proposes a candidate; a check in code accepts it (checksums, context
 * words, capital letters). When the first candidate at a position is refused, the recognisers after
 * it are tried at that same position (with sticky tails of the same expression), so a refused IBAN can
 * still be a postcode. Every pattern is bounded (no unbounded repetition of a group that can match in
 * two ways), so the scan stays linear on hostile input; test/redact checks that.
 *
 * The recognisers follow Microsoft Presidio's pattern recognisers (checksums, context words) and go
 * further on names and addresses, without a model:
 * - e-mail, also written "jane dot smith at example dot com" or "jane[at]example[dot]com";
 * - URLs with a path, query, fragment or user part (a bare domain names an organisation and is kept);
 * - digit runs, classified in code: payment cards (13-19 digits, Luhn, card-issuer prefix), NHS
 *   numbers (modulus 11), UK phones (0..., +44), international phones (+ or 00, 8-15 digits), US
 *   phones (NANP 3-3-4, with "(202)", "1-" or "+1"; a bare 10-digit run needs a phone word before it),
 *   US SSNs (3-2-4, never area 000, 666 or 9xx), and any other 10-digit number written like an NHS
 *   number (a failed check digit), which is still an identifier;
 * - IBANs (country length and mod-97), IPv4 and IPv6 addresses;
 * - NI numbers in any case and spacing (official prefix letters only); UK postcodes keep the outward
 *   code ("SW1A [postcode]"); US ZIP and ZIP+4 only beside a state or the word "zip";
 * - dates of birth (a date after "born", "DOB", "date of birth", "birthday") and ages ("aged 42",
 *   "I am 42 years old");
 * - street addresses: a house number, one to three capitalised words and a street type word ("22 Mill
 *   Lane", "1600 Pennsylvania Avenue NW"), with "Flat 3," or "Apt 4B," before; in lower case only after
 *   "live at", "address is" and the like;
 * - names: after a title ("Dr Helen Carter" -> "Dr [name]"), after "my name is", after a family or
 *   neighbour word ("my husband Tom"), in a sign-off ("Kind regards, Jane Smith"), and names the export
 *   itself holds (the row's own name columns anywhere in its text; names from the whole file's name
 *   columns when capitalised, see NameContext);
 * - @handles.
 */

export type RedactionType =
  | 'email'
  | 'phone'
  | 'postcode'
  | 'zip'
  | 'nhs-number'
  | 'identifier'
  | 'ni-number'
  | 'card'
  | 'iban'
  | 'ip'
  | 'ssn'
  | 'date-of-birth'
  | 'age'
  | 'address'
  | 'name'
  | 'url'
  | 'handle';
export type RedactionCounts = Partial<Record<RedactionType, number>>;

export interface RedactionResult {
  text: string;
  counts: RedactionCounts;
}

/** Names known from the export's personal-data columns (first name, last name, contact e-mail...). */
export interface NameContext {
  /** The row's own values in those columns: each word is redacted anywhere in the row's text, any case. */
  own?: readonly string[];
  /**
   * Lower-case name words from those columns across the whole file: redacted where written with a
   * capital letter, except a lone word at the start of a sentence ("Will this..." when a respondent is
   * called Will) unless a second known name follows it.
   */
  known?: ReadonlySet<string>;
}

export const PLACEHOLDERS: Record<Exclude<RedactionType, 'postcode'>, string> = {
  email: '[email]',
  phone: '[phone]',
  zip: '[zip]',
  'nhs-number': '[nhs number]',
  identifier: '[identifier]',
  'ni-number': '[ni number]',
  card: '[card number]',
  iban: '[iban]',
  ip: '[ip address]',
  ssn: '[ssn]',
  'date-of-birth': '[date of birth]',
  age: '[age]',
  address: '[address]',
  name: '[name]',
  url: '[url]',
  handle: '[handle]',
};

// ---------------------------------------------------------------------------------------------
// Word lists (facts, not data: titles, street types, states, sign-offs, words that are no names)

// Top-level domains accepted for URLs written without a scheme or "www.".
const COMMON_TLDS = 'com|org|net|uk|gov|edu|int|io|co|info|biz|me|ly|tv|eu|ie|de|fr|es|it|nl|us|ca|au|nz|in|scot|wales|cymru|london|app|dev|ai';
const TITLES =
  'mr|mrs|ms|miss|mx|dr|doctor|prof|professor|cllr|councillor|councilor|rev|revd|reverend|sir|dame|lord|lady|fr|father|rabbi|imam|pastor|bishop|canon|judge|justice|senator|sen|rep|congressman|congresswoman|assemblyman|assemblywoman|alderman|mayor|officer|sgt|sergeant|capt|captain|lt|lieutenant|col|colonel|major|nurse|sister';
const RELATIONS =
  'husband|wife|partner|spouse|son|daughter|mother|father|mum|mom|mam|dad|brother|sister|grandson|granddaughter|grandmother|grandfather|grandma|grandpa|gran|nan|nana|granny|uncle|aunt|auntie|niece|nephew|cousin|neighbour|neighbor|friend|colleague|carer|caregiver|boyfriend|girlfriend|fiance|fiancé|fiancee|fiancée|stepson|stepdaughter|child|baby|landlord|landlady|tenant|flatmate|roommate';
const SIGN_OFFS =
  'kind regards|best regards|warm regards|warmest regards|many thanks|thanks again|thanks very much|thank you|best wishes|with thanks|with best wishes|yours sincerely|yours faithfully|yours truly|sincerely yours|sincerely|regards|thanks|cheers|best|respectfully|all the best|signed|cc|c\\.c\\.';
// Sign-offs that also open ordinary sentences: a name after them needs a comma or a line break first.
const LOOSE_SIGN_OFFS = new Set(['thank you', 'thanks', 'many thanks', 'thanks again', 'thanks very much', 'with thanks', 'cheers', 'best', 'all the best', 'signed']);
const STREET_TYPES =
  'street|st|road|rd|lane|ln|avenue|ave|av|drive|dr|drv|close|cl|court|ct|crescent|cres|way|place|pl|terrace|terr|grove|gr|gardens|gdns|garden|square|sq|boulevard|blvd|highway|hwy|parkway|pkwy|circle|cir|mews|row|hill|walk|rise|view|park|green|parade|pde|promenade|wharf|yard|quay|gate|vale|path|trail|trl|pike|alley|plaza|loop|chase|croft|wynd|brae|crossing|xing|turnpike|expressway|expy|freeway|fwy|causeway|embankment';
const US_STATE_CODES = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA PR RI SC SD TN TX UT VT VA WA WV WI WY'.split(' '),
);
const US_STATE_NAMES =
  'alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|district of columbia|florida|georgia|hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada|new hampshire|new jersey|new mexico|new york|north carolina|north dakota|ohio|oklahoma|oregon|pennsylvania|puerto rico|rhode island|south carolina|south dakota|tennessee|texas|utah|vermont|virginia|washington|west virginia|wisconsin|wyoming';
const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';

/** Capitalised words that are not names: they end a run of name words. */
const NOT_NAMES = new Set(
  (
    'i a an the and but or nor so yet we you he she they it this that these those my our your his her their its me us them ' +
    'in on at to for from of with as by if is am are was were be been being do does did have has had not no yes please ' +
    'thanks thank regards dear sir madam kind best warm many yours sincerely faithfully truly cheers respectfully signed name ' +
    'all also again here there then when where what which who why how very just only even still ' +
    'council government minister ministers secretary department mayor nhs gp hospital school trust ltd limited plc inc llc ' +
    'committee board group team office service services association society residents resident club church party union ' +
    'street road lane avenue drive close court way place terrace park green hill ' +
    'chair chairman chairwoman director officer manager member members parent parents family families mum dad ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april june july august september october november december ' +
    'mr mrs ms miss mx dr prof cllr rev sir dame lord lady ' +
    'england scotland wales ireland britain uk us usa america american british english welsh scottish irish ' +
    'act bill policy proposal proposals consultation question response report plan city county state federal national local ' +
    'north south east west central new old great little upper lower ' +
    'ok okay hello hi hey sorry note ps'
  ).split(' '),
);

// ---------------------------------------------------------------------------------------------
// Checks in code

/** True when a 10-digit string has a valid NHS modulus-11 check digit. */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i) - 48) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === digits.charCodeAt(9) - 48;
}

/** Luhn checksum, as card numbers carry. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Card-issuer prefixes and lengths (Visa, Mastercard, Amex, Discover, Diners, JCB, UnionPay, Maestro). */
function isCardNumber(digits: string): boolean {
  const n = digits.length;
  if (n < 13 || n > 19 || !passesLuhn(digits)) return false;
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  if (digits[0] === '4') return n === 13 || n === 16 || n === 19;
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return n === 16;
  if (two === 34 || two === 37) return n === 15;
  if (two === 36 || two === 38 || two === 39 || (two === 30 && Number(digits[2]) <= 5)) return n >= 14 && n <= 19;
  if (digits.startsWith('6011') || two === 65 || (Number(digits.slice(0, 3)) >= 644 && Number(digits.slice(0, 3)) <= 649)) return n >= 16 && n <= 19;
  if (four >= 3528 && four <= 3589) return n >= 16 && n <= 19;
  if (two === 62) return n >= 16 && n <= 19;
  if (two === 50 || (two >= 56 && two <= 69)) return n >= 12 && n <= 19;
  return false;
}

/** IBAN lengths by country (ISO 13616 registry). */
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22,
  DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21,
  HU: 28, IE: 22, IL: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24,
  ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24,
  SE: 24, SI: 19, SK: 24, SM: 27, TN: 24, TR: 26, UA: 29, VG: 24, XK: 20,
};

function ibanChecks(compact: string): boolean {
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const code = rearranged.charCodeAt(i);
    const value = code <= 57 ? code - 48 : code - 55;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

/** US numbering plan: area code and exchange start 2-9. */
const isNanp = (ten: string): boolean => ten.length === 10 && ten[0]! >= '2' && ten[3]! >= '2';

/** UK and international numbers (as written with + or 00, or a UK number starting 0). */
function isUkOrInternationalPhone(candidate: string, groups: string[], digits: string): boolean {
  if (candidate.startsWith('+') || candidate.startsWith('00') || candidate.startsWith('(+')) {
    const national = candidate.replace(/\(0\)/g, '').replace(/\D/g, '').replace(/^00/, '');
    if (national.startsWith('44')) {
      const rest = national.slice(2).replace(/^0/, '');
      return (rest.length === 9 || rest.length === 10) && /^[1235789]/.test(rest);
    }
    if (national.startsWith('1')) return national.length === 11 && isNanp(national.slice(1));
    return national.length >= 8 && national.length <= 15;
  }
  if (groups.length > 4 || groups[0]!.length < 3 || groups.some((group) => group.length < 2)) return false;
  return (digits.length === 10 || digits.length === 11) && /^0[1235789]/.test(digits);
}

const PHONE_WORDS = /(?:phone|tel|telephone|mobile|cell|cellphone|call|calls|ring|text|txt|contact|contactable|reach|number|no|fax|whatsapp|landline|on)\W{0,6}$/i;
const NHS_WORDS = /\b(?:nhs|chi|hcn|patient)\b(?:\s+(?:no|num|number)\.)?[^.\n]{0,25}$/i;
const SSN_WORDS = /\b(?:ssn|ss#|social\s+security|soc\.?\s*sec|ss\s+(?:no|number))\b[^.\n]{0,20}$/i;

/**
 * What a run of digit groups is, on its own ("" when nothing): `before` is the text just before it,
 * for the context words.
 */
function classifyDigits(candidate: string, before: string): RedactionType | '' {
  const groups = candidate.match(/\d+/g) ?? [];
  const digits = groups.join('');
  const n = digits.length;
  const separators = candidate.replace(/[\d+]/g, '');
  const oneSeparator = new Set(separators.replace(/[()]/g, '').split('')).size <= 1;
  if (n >= 13 && oneSeparator && !candidate.startsWith('+') && !candidate.startsWith('0') && isCardNumber(digits)) return 'card';
  if (n === 9) {
    const dashed = groups.length === 3 && groups[0]!.length === 3 && groups[1]!.length === 2 && oneSeparator && separators[0] !== '.';
    const context = SSN_WORDS.test(before);
    // without an SSN word a 3-2-4 number may be a ticket or case number: still redacted, as an identifier
    if (context && (dashed || groups.length === 1 || (groups.length === 3 && groups[1]!.length === 2)) && isSsn(digits)) return 'ssn';
    if (dashed && isSsn(digits)) return 'identifier';
  }
  if (candidate.startsWith('+') || candidate.startsWith('(+') || candidate.startsWith('00')) return isUkOrInternationalPhone(candidate, groups, digits) ? 'phone' : '';

  // ten digits shaped 3-3-4 (or one run), with or without a US "1" before: NHS, US phone or an identifier
  const usLead = n === 11 && digits[0] === '1' && (groups[0] === '1' || groups[0]!.length === 11);
  const ten = usLead ? digits.slice(1) : digits;
  const tenGroups = usLead && groups[0] === '1' ? groups.slice(1) : groups;
  const shaped334 = ten.length === 10 && (tenGroups.length === 1 || (tenGroups.length === 3 && tenGroups[0]!.length === 3 && tenGroups[1]!.length === 3));
  if (shaped334 && oneSeparator) {
    const parenthesised = candidate.includes('(');
    const phoneLike = usLead || parenthesised || /[.-]/.test(separators);
    if (NHS_WORDS.test(before) && !usLead && !parenthesised) return isValidNhsNumber(ten) ? 'nhs-number' : 'identifier';
    const phoneWords = PHONE_WORDS.test(before);
    if ((phoneWords || phoneLike) && isNanp(ten)) return 'phone';
    if (digits[0] === '0' && isUkOrInternationalPhone(candidate, groups, digits)) return 'phone';
    if (!usLead && isValidNhsNumber(ten)) return 'nhs-number';
    if (isNanp(ten) && (tenGroups.length === 3 || phoneWords)) return 'phone';
    return usLead ? '' : 'identifier';
  }
  if (digits[0] === '0' && isUkOrInternationalPhone(candidate, groups, digits)) return 'phone';
  // "(202) 555-0143", "202 555-0143": a US shape with mixed separators
  if (shaped334 && tenGroups.length === 3 && isNanp(ten)) return 'phone';
  return '';
}

function isSsn(digits: string): boolean {
  const area = digits.slice(0, 3);
  return area !== '000' && area !== '666' && area[0] !== '9' && digits.slice(3, 5) !== '00' && digits.slice(5) !== '0000';
}

/** Does a parsed IPv6 candidate have a valid shape? */
function isIpv6(candidate: string): boolean {
  const halves = candidate.split('::');
  if (halves.length > 2) return false;
  const parts = (half: string): string[] => (half === '' ? [] : half.split(':'));
  const groups = halves.flatMap(parts);
  if (groups.some((group) => !/^[0-9a-f]{1,4}$/i.test(group))) return false;
  if (halves.length === 2 ? groups.length > 7 || groups.length < 2 : groups.length !== 8) return false;
  // "dead:beef::" would be odd prose; an address has some digits
  return /\d/.test(candidate) && groups.join('').length >= 4;
}

const isCapitalised = (word: string): boolean => {
  const first = word.charAt(0);
  return first !== first.toLowerCase() && first === first.toUpperCase();
};

/**
 * The leading name words of `words` (split on spaces), up to `max`: capitalised and not NOT_NAMES
 * (lower case too when `anyCase`); an initial ("J.") counts. Returns the character length covered.
 */
function nameRunLength(words: string, max: number, anyCase: boolean): number {
  let length = 0;
  let taken = 0;
  const re = /[^\s,;:!?()]+/y;
  let at = 0;
  while (taken < max) {
    while (at < words.length && (words[at] === ' ' || words[at] === '\t')) at++;
    re.lastIndex = at;
    const m = re.exec(words);
    if (!m) break;
    let word = m[0];
    // a full stop after a word (not an initial) ends the sentence
    const initial = /^\p{Lu}\.?$/u.test(word);
    if (!initial) word = word.replace(/[.'’]+$/, '');
    const bare = word.replace(/[.'’-]/g, '');
    if (bare === '' || !/^\p{L}+$/u.test(bare) || NOT_NAMES.has(bare.toLowerCase()) || bare.length > 24) break;
    if (!(anyCase || isCapitalised(word))) break;
    if (anyCase && !isCapitalised(word) && bare.length < 2) break;
    taken++;
    length = at + word.length;
    at += m[0].length;
    if (!initial && m[0].length > word.length && m[0].endsWith('.')) break;
  }
  return length;
}

// ---------------------------------------------------------------------------------------------
// The recognisers

/** One item of personal data found: where, what, and what replaces it. */
export interface Found {
  start: number;
  end: number;
  type: RedactionType;
  placeholder: string;
}

interface Candidate {
  text: string;
  start: number;
  found: string;
  groups: Record<string, string | undefined>;
}

/** Cheap tests on a whole text that say which recognisers could match at all (see compiledFor). */
const FEATURES = {
  at: (text: string) => text.includes('@'),
  obfuscated: (text: string) => OBFUSCATED_HINT.test(text),
  colon: (text: string) => text.includes(':'),
  link: (text: string) => text.includes('/') || text.includes('?') || text.includes('#') || text.includes('www.'),
} as const;
type Feature = keyof typeof FEATURES;
const OBFUSCATED_HINT = /\bdot\b|[\[({<][ \t]*at[ \t]*[\])}>]|[._%+\d][a-z0-9]{0,40}[ \t]+at[ \t]/i;

interface Recogniser {
  /** The named group that says this recogniser matched. */
  group: string;
  /** A feature the text must have for this recogniser to be worth trying. */
  needs?: Feature;
  source: string;
  accept(candidate: Candidate): Found | null;
}

const whole = (c: Candidate, type: Exclude<RedactionType, 'postcode'>): Found => ({ start: c.start, end: c.start + c.found.length, type, placeholder: PLACEHOLDERS[type] });
/** The part of the candidate from `offset` for `length` characters. */
const part = (c: Candidate, offset: number, length: number, type: Exclude<RedactionType, 'postcode'>): Found => ({
  start: c.start + offset,
  end: c.start + offset + length,
  type,
  placeholder: PLACEHOLDERS[type],
});

const HOST = String.raw`(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,10}[a-z]{2,24}`;
const URL_TAIL = String.raw`(?::\d{1,5})?(?<urlRest>[/?#][^\s<>"]*)?`;
const OB_AT = String.raw`(?:[ \t]*[\[({<][ \t]*at[ \t]*[\])}>][ \t]*|[ \t]+at[ \t]+)`;
const OB_DOT = String.raw`(?:[ \t]*[\[({<][ \t]*dot[ \t]*[\])}>][ \t]*|[ \t]+dot[ \t]+)`;
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?';
const NAME_WORDS = String.raw`[^\s,;:!?()]{1,30}(?:[ \t]+[^\s,;:!?()]{1,30}){0,3}`;
const DATE =
  String.raw`\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b|\d{4}-\d{1,2}-\d{1,2}\b|\d{1,2}(?:st|nd|rd|th)?(?:[ \t]+of)?[ \t]+(?:${MONTHS})\.?,?[ \t]+\d{4}\b|(?:${MONTHS})\.?[ \t]+\d{1,2}(?:st|nd|rd|th)?,?[ \t]+\d{4}\b|(?:${MONTHS})\.?[ \t]+\d{4}\b|(?:19|20)\d{2}\b`;

/** Trailing sentence punctuation of a URL. */
function trailingPunctuationLength(url: string): number {
  let end = url.length;
  while (end > 0) {
    const char = url[end - 1]!;
    if ('.,;:!?\'"’'.includes(char) || (char === ')' && !url.includes('(')) || (char === ']' && !url.includes('['))) end--;
    else break;
  }
  return url.length - end;
}

const COMMON_TWO_LETTER_WORDS = new Set('ah am an as aw ay be by eh em go ha he hm hy ja jo ka la lo ma me mm my na ne no ny oh oi ok on op or ow oy pa pe re sh so ta we wo ya ye yo'.split(' '));
const NI_WORDS = /\b(?:ni|nino|national\s+insurance|insurance)\b[^.\n]{0,25}$/i;
const VERSION_WORDS = /\b(?:version|ver|v|release|build|firmware|update|app|software|ios|android)\.?\s*$/i;
const PERSON_BORN = /\b(?:i|we|he|she|they|you|son|daughter|husband|wife|partner|child|children|kids|mother|father|mum|mom|dad|brother|sister|baby|who)\b[^.!?\n]{0,14}$/i;
const STREET_ABBREVIATIONS = new Set('st rd ln ave av dr drv cl ct cres pl terr gr gdns sq blvd hwy pkwy cir pde trl xing expy fwy'.split(' '));
// words that make "20 more bus lane" or "3 of the road" no address
const ADDRESS_STOPS = new Set(
  'the a an of and or to in on at for by from with more extra other many few busy same this that these those our my your their his her its every each per than times miles km mph minutes hours days weeks years people cars buses'.split(' '),
);
const ADDRESS_CONTEXT = /\b(?:live|lives|living|lived|reside|resides|residing|address|addresses|moved|located|home|house|flat|property|at|on|of|is|from)\W{0,4}$/i;

const RECOGNISERS: Recogniser[] = [
  {
    group: 'email',
    needs: 'at',
    source: String.raw`(?<![a-z0-9._%+'-])[a-z0-9_][a-z0-9._%+'-]{0,63}@${HOST}\b`,
    accept: (c) => whole(c, 'email'),
  },
  {
    group: 'url',
    needs: 'link',
    source: String.raw`(?:https?://|ftp://|www\.)(?<urlUser>[^\s/@<>"]{1,64}@)?${HOST}${URL_TAIL}`,
    accept: (c) => {
      const trailing = trailingPunctuationLength(c.found);
      const rest = (c.groups.urlRest ?? '').slice(0, Math.max(0, (c.groups.urlRest ?? '').length - trailing));
      if (c.groups.urlUser === undefined && (rest === '' || rest === '/')) return null;
      return { ...whole(c, 'url'), end: c.start + c.found.length - trailing };
    },
  },
  {
    group: 'bareUrl',
    needs: 'link',
    source: String.raw`(?<![\w.@/-])(?:[a-z0-9-]{1,63}\.){1,10}(?:${COMMON_TLDS})(?<bareRest>[/?#][^\s<>"]*)`,
    accept: (c) => {
      const trailing = trailingPunctuationLength(c.found);
      const rest = (c.groups.bareRest ?? '').slice(0, Math.max(0, (c.groups.bareRest ?? '').length - trailing));
      if (rest === '' || rest === '/') return null;
      return { ...whole(c, 'url'), end: c.start + c.found.length - trailing };
    },
  },
  {
    // "jane dot smith at example dot com", "jane.smith [at] example.com", "j.smith(at)nhs(dot)net"
    group: 'obEmail',
    needs: 'obfuscated',
    source: String.raw`(?<![\w.@'’-])(?<obLocal>[a-z0-9][a-z0-9._%+-]{0,63}(?:${OB_DOT}[a-z0-9][a-z0-9_%+-]{0,63}){0,4})(?<obAt>${OB_AT})${LABEL}(?:(?:\.|${OB_DOT})${LABEL}){1,5}\b`,
    accept: (c) => {
      const bracketed = /[\[({<]/.test(c.groups.obAt!);
      const spelledDot = /\bdot\b/i.test(c.found);
      const dottedLocal = /[._%+\d]/.test(c.groups.obLocal!);
      const tld = /[a-z]+$/i.exec(c.found)?.[0] ?? '';
      if (tld.length < 2 || !/[a-z]{2,}$/i.test(c.found)) return null;
      if (!(bracketed || spelledDot || dottedLocal)) return null;
      // "reach me at jane dot smith at...": a word such as "me" is no local part
      if (!bracketed && NOT_NAMES.has(c.groups.obLocal!.toLowerCase())) return null;
      return whole(c, 'email');
    },
  },
  {
    group: 'iban',
    source: String.raw`\b[a-z]{2}\d{2}[ -]?[a-z0-9]{4}(?:[ -]?[a-z0-9]){6,30}`,
    accept: (c) => {
      const country = c.found.slice(0, 2).toUpperCase();
      const length = IBAN_LENGTHS[country];
      if (length === undefined) return null;
      let compact = '';
      let end = 0;
      for (; end < c.found.length && compact.length < length; end++) {
        const char = c.found[end]!;
        if (char !== ' ' && char !== '-') compact += char.toUpperCase();
      }
      if (compact.length !== length || /[a-z0-9]/i.test(c.text[c.start + end] ?? '')) return null;
      if (!ibanChecks(compact)) return null;
      return { ...whole(c, 'iban'), end: c.start + end };
    },
  },
  {
    group: 'ipv6',
    needs: 'colon',
    source: String.raw`(?<![\w:])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?![\w:])`,
    accept: (c) => (isIpv6(c.found) ? whole(c, 'ip') : null),
  },
  {
    group: 'ipv4',
    source: String.raw`(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)`,
    accept: (c) => {
      if (!c.found.split('.').every((octet) => Number(octet) <= 255 && !/^0\d/.test(octet))) return null;
      // "version 2.1.0.3" is a release number
      if (VERSION_WORDS.test(c.text.slice(Math.max(0, c.start - 25), c.start))) return null;
      return whole(c, 'ip');
    },
  },
  {
    group: 'dob',
    source: String.raw`\b(?:born(?:[ \t]+(?:on|in))?|d\.?o\.?b\.?|date[ \t]+of[ \t]+birth|birth[ \t]*date|birthday)(?:[ \t]*[:–-][ \t]*|[ \t]+(?:(?:is|was|on|the|of)[ \t]+){0,3})(?<dobDate>${DATE})`,
    accept: (c) => {
      // a year alone ("born in 2002") only for a person: "the scheme was born in 2002" is no birth date
      if (/^\d{4}$/.test(c.groups.dobDate!) && !PERSON_BORN.test(c.text.slice(Math.max(0, c.start - 30), c.start))) return null;
      return part(c, c.found.length - c.groups.dobDate!.length, c.groups.dobDate!.length, 'date-of-birth');
    },
  },
  {
    group: 'age',
    source: String.raw`\b(?:aged[ \t]+(?<ageN>\d{1,3})\b|(?:i[ \t]+am|i'm|i’m|im)[ \t]+(?<ageM>\d{1,3})[ \t]*(?:years?|yrs?)[ \t]+old\b)`,
    accept: (c) => {
      const n = c.groups.ageN ?? c.groups.ageM!;
      if (Number(n) > 120) return null;
      const offset = c.found.indexOf(n, c.found.search(/\d/));
      return part(c, offset, n.length, 'age');
    },
  },
  {
    // "Flat 3, 22 Mill Lane", "1600 Pennsylvania Avenue NW", "22b Acacia Road"
    group: 'address',
    source: String.raw`(?<addrUnit>\b(?:flat|apt|apartment|unit|suite|ste|room|rm)\.?[ \t]*#?[ \t]*\d{1,5}[a-z]?,?[ \t]+)?(?<![\w.,£$€/:-])\d{1,5}[a-z]?(?:[ \t]*[-–/][ \t]*\d{1,5}[a-z]?)?,?[ \t]+(?<addrName>(?:[a-z][a-z'’.-]{0,24}[ \t]+){1,3})(?:${STREET_TYPES})\b\.?(?:[ \t]+(?:nw|ne|sw|se|n|s|e|w)\b\.?)?`,
    accept: (c) => {
      const words = c.groups.addrName!.trim().split(/[ \t]+/);
      const typeWord = /([a-z]+)\.?(?:[ \t]+(?:nw|ne|sw|se|n|s|e|w)\.?)?$/i.exec(c.found)?.[1] ?? '';
      // "St", "Dr", "Ave": an abbreviated type word must be capitalised
      const context = c.groups.addrUnit !== undefined || ADDRESS_CONTEXT.test(c.text.slice(Math.max(0, c.start - 30), c.start));
      if (STREET_ABBREVIATIONS.has(typeWord.toLowerCase()) && !isCapitalised(typeWord) && !context) return null;
      if (words.some((word) => ADDRESS_STOPS.has(word.toLowerCase()))) return null;
      if (!words.every(isCapitalised)) {
        const lower = words.every((word) => !isCapitalised(word));
        if (!(lower && context)) return null;
      }
      return whole(c, 'address');
    },
  },
  {
    // runs of digit groups: cards, NHS numbers, phones, SSNs, identifiers (classified in code)
    group: 'digits',
    source: String.raw`(?<![\w+£$€#.,/:-])(?=[(+]{0,2}\d(?:[ .()-]{0,2}\d){7})(?:\(\+|\+|\()?\d(?:\d|[ .-](?=\(?\d)|\)(?=[ .-]?\d)|\((?=\d)){0,36}`,
    accept: (c) => {
      // the longest leading part, ending at a digit group, that is something; only shapes that can be
      // (8+ digits; at most 5 groups, 8 after a "+"), so a long run of small numbers costs little
      const candidate = c.found;
      const ends: number[] = [];
      const digitsUpTo: number[] = [];
      let count = 0;
      for (let i = 0; i < candidate.length; i++) {
        const code = candidate.charCodeAt(i);
        if (code >= 48 && code <= 57) {
          count++;
          const next = candidate.charCodeAt(i + 1);
          if (!(next >= 48 && next <= 57)) {
            ends.push(i + 1);
            digitsUpTo.push(count);
          }
        }
      }
      const maxGroups = /^\(?\+|^00/.test(candidate) ? 8 : 5;
      const before = c.text.slice(Math.max(0, c.start - 40), c.start);
      for (let g = Math.min(ends.length, maxGroups) - 1; g >= 0; g--) {
        if (digitsUpTo[g]! < 8) break;
        const end = ends[g]!;
        const after = c.text.charCodeAt(c.start + end);
        // never end inside a longer number ("1.5", "12,000")
        const cut = (after >= 48 && after <= 57) || ((c.text[c.start + end] === '.' || c.text[c.start + end] === ',') && /\d/.test(c.text[c.start + end + 1] ?? ''));
        if (cut) continue;
        const type = classifyDigits(candidate.slice(0, end), before);
        if (type !== '' && type !== 'postcode') return part(c, 0, end, type);
      }
      return null;
    },
  },
  {
    // ZIP and ZIP+4 beside a state ("Springfield, IL 62704", "Ohio 43004") or the word "zip"
    group: 'zip',
    source: String.raw`(?<zipLead>\b(?:${US_STATE_NAMES}|[a-z]{2}|zip(?:[ \t]*code)?(?:[ \t]*(?:is|:))?))[ \t,]{1,3}(?<zipCode>\d{5}(?:-\d{4})?)(?![\w-]|[.,]\d)`,
    accept: (c) => {
      const lead = c.groups.zipLead!;
      if (lead.length === 2 && !US_STATE_CODES.has(lead)) return null;
      return part(c, c.found.length - c.groups.zipCode!.length, c.groups.zipCode!.length, 'zip');
    },
  },
  {
    group: 'ni',
    source: String.raw`\b(?!bg|gb|kn|nk|nt|tn|zz)[a-ceghj-pr-tw-z][a-ceghj-npr-tw-z][ -]?\d{2}[ -]?\d{2}[ -]?\d{2}[ -]?[a-d]\b`,
    accept: (c) => {
      // "on 12 34 56 a": in lower case with spaces, a prefix that is an English word needs an NI word before it
      const prefix = c.found.slice(0, 2);
      if (prefix === prefix.toLowerCase() && /[ -]/.test(c.found) && COMMON_TWO_LETTER_WORDS.has(prefix) && !NI_WORDS.test(c.text.slice(Math.max(0, c.start - 40), c.start))) return null;
      return whole(c, 'ni-number');
    },
  },
  {
    group: 'postcode',
    source: String.raw`\b(?<outward>[a-pr-uwyz][a-hk-y]?\d[a-z\d]?)(?:[ -]?)(?<inward>\d[abd-hjlnp-uw-z]{2})\b`,
    accept: (c) => {
      const lowerCase = c.found === c.found.toLowerCase();
      if (lowerCase && /^\d(?:st|nd|rd|th)$/.test(c.groups.inward!)) return null;
      return { start: c.start, end: c.start + c.found.length, type: 'postcode', placeholder: `${c.groups.outward!} [postcode]` };
    },
  },
  {
    group: 'handle',
    needs: 'at',
    source: String.raw`(?<![\w@.])@[a-z_][a-z0-9_]{0,30}(?:\.[a-z0-9_]{1,30}){0,3}`,
    accept: (c) => whole(c, 'handle'),
  },
  {
    // "Dr Helen Carter" -> "Dr [name]"
    group: 'title',
    source: String.raw`\b(?<titleWord>(?:${TITLES})\.?)[ \t]+(?<titleNames>${NAME_WORDS})`,
    accept: (c) => {
      const title = c.groups.titleWord!.replace(/\.$/, '').toLowerCase();
      const length = nameRunLength(c.groups.titleNames!, 3, false);
      if (length === 0) return null;
      // a lone initial after a title is no name ("Sister M."... is; "Dr A" as in grade A is rare): need a word
      const offset = c.found.length - c.groups.titleNames!.length;
      const names = c.groups.titleNames!.slice(0, length);
      if (!/\p{L}{2}/u.test(names)) return null;
      // "sister"/"father" are family words too: they still lead to a name; "major" and "officer" need a capital
      if (['major', 'officer', 'nurse', 'sister', 'father', 'justice', 'canon', 'col', 'rep', 'sen'].includes(title) && !isCapitalised(c.groups.titleWord!)) return null;
      return part(c, offset, length, 'name');
    },
  },
  {
    // "my name is Jane Smith", "my husband Tom", "I'm called jane"
    group: 'intro',
    source: String.raw`\b(?:(?<introStrong>my[ \t]+name[ \t]+is|my[ \t]+name's|my[ \t]+name’s|i[ \t]+am[ \t]+called|i'm[ \t]+called|i’m[ \t]+called|name[ \t]*:|signed[ \t]*:|my[ \t]+names[ \t]+is)|my[ \t]+(?:late[ \t]+|elderly[ \t]+|young[ \t]+|little[ \t]+|older[ \t]+|younger[ \t]+|eldest[ \t]+|youngest[ \t]+)?(?:${RELATIONS})(?:[ \t]*,)?)[ \t]+(?<introNames>${NAME_WORDS})`,
    accept: (c) => {
      const strong = c.groups.introStrong !== undefined;
      const length = nameRunLength(c.groups.introNames!, strong ? 3 : 2, strong);
      if (length === 0) return null;
      return part(c, c.found.length - c.groups.introNames!.length, length, 'name');
    },
  },
  {
    // "I went with Helen Carter", "told Helen Carter": a full name (two capitalised words) after a word that leads to a person
    group: 'pair',
    // ("and", "by" and "like" would lead here at nearly every sentence, for few names)
    source: String.raw`\b(?:with|met|told|asked|dear|emailed|contacted|phoned|thank|thanked|saw|visited)[ \t]+(?<pairNames>${NAME_WORDS})`,
    accept: (c) => {
      const names = c.groups.pairNames!;
      const length = nameRunLength(names, 3, false);
      const taken = names.slice(0, length).trim().split(/[ \t]+/);
      if (length === 0 || taken.length < 2 || taken.some((word) => word.length < 2 || /\.$/.test(word))) return null;
      // "with Kestrel Road Surgery": a place or an organisation follows
      const after = c.text.slice(c.start + c.found.length - names.length + length, c.start + c.found.length - names.length + length + 30);
      if (new RegExp(String.raw`^[ \t]+(?:${STREET_TYPES}|council|surgery|school|hospital|trust|group|station|centre|center|park|ward|university|college|library)\b`, 'i').test(after)) return null;
      return part(c, c.found.length - names.length, length, 'name');
    },
  },
  {
    // "Kind regards, Jane Smith", "Yours sincerely\nJ. Smith"
    group: 'signoff',
    source: String.raw`\b(?<signWords>${SIGN_OFFS})(?<signGap>[ \t]*[,.!:–-]{0,2}[ \t]*(?:\r?\n[ \t]*){0,3})(?<signNames>${NAME_WORDS})`,
    accept: (c) => {
      const words = c.groups.signWords!.toLowerCase();
      const gap = c.groups.signGap!;
      const broken = /[,\n:–-]/.test(gap);
      if (LOOSE_SIGN_OFFS.has(words) && !broken) return null;
      if (gap === '' ) return null;
      const names = c.groups.signNames!;
      let length = nameRunLength(names, 3, false);
      if (length === 0 && broken) {
        // lower case only when the name ends the text ("regards, jane smith")
        const loose = nameRunLength(names, 3, true);
        const rest = c.text.slice(c.start + c.found.length - names.length + loose);
        if (loose > 0 && /^[\s.!]*$/.test(rest)) length = loose;
      }
      if (length === 0) return null;
      return part(c, c.found.length - names.length, length, 'name');
    },
  },
];

const group = (r: Recogniser): string => `(?<${r.group}>${r.source})`;

/**
 * The combined expression of the recognisers a text can need, and for each of them k a sticky
 * expression of recognisers k onwards (tried when k's candidate is refused). Most answers have no
 * "@", no ":" and no link, and leaving those recognisers out makes the scan several times faster.
 * Compiled once per combination of features (at most 16).
 */
interface Compiled {
  recognisers: Recogniser[];
  scan: RegExp;
  tails: RegExp[];
}
const COMPILED = new Map<number, Compiled>();
const FEATURE_NAMES = Object.keys(FEATURES) as Feature[];

function compiledFor(text: string): Compiled {
  let key = 0;
  for (let f = 0; f < FEATURE_NAMES.length; f++) if (FEATURES[FEATURE_NAMES[f]!](text)) key |= 1 << f;
  let compiled = COMPILED.get(key);
  if (!compiled) {
    const recognisers = RECOGNISERS.filter((r) => r.needs === undefined || (key & (1 << FEATURE_NAMES.indexOf(r.needs))) !== 0);
    // no 'u' flag: case-insensitive matching without Unicode case folding is about 3 times faster
    compiled = {
      recognisers,
      scan: new RegExp(recognisers.map(group).join('|'), 'gi'),
      tails: recognisers.map((_, k) => new RegExp(recognisers.slice(k).map(group).join('|'), 'iy')),
    };
    COMPILED.set(key, compiled);
  }
  return compiled;
}

function whichRecogniser(recognisers: readonly Recogniser[], groups: Record<string, string | undefined>, from: number): number {
  for (let k = from; k < recognisers.length; k++) if (groups[recognisers[k]!.group] !== undefined) return k;
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Names the export holds

const WORD = /[\p{L}][\p{L}'’-]*/gu;

function ownNameWords(own: readonly string[]): { words: Set<string>; emails: string[] } {
  const words = new Set<string>();
  const emails: string[] = [];
  for (const value of own) {
    for (const piece of value.split(/[\s,;/]+/)) {
      if (piece.includes('@')) {
        if (piece.length >= 5) emails.push(piece.toLowerCase());
        continue;
      }
      const word = piece.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
      if (word.length >= 2 && !NOT_NAMES.has(word.toLowerCase())) words.add(word.toLowerCase());
    }
  }
  return { words, emails };
}

/** Is [start, end) free of every span in `taken` (sorted, non-overlapping)? */
function isFree(taken: readonly Found[], start: number, end: number): boolean {
  let lo = 0;
  let hi = taken.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (taken[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo >= taken.length || taken[lo]!.start >= end;
}

/** The export's own names and e-mails (a word-level pass over what the patterns left; only when names are given). */
function findKnownNames(text: string, context: NameContext, taken: readonly Found[]): Found[] {
  const own = context.own && context.own.length > 0 ? ownNameWords(context.own) : null;
  const known = context.known && context.known.size > 0 ? context.known : null;
  if (!own && !known) return [];
  const spans: Found[] = [];
  if (own && own.emails.length > 0) {
    const lower = text.toLowerCase();
    for (const email of own.emails) {
      for (let at = lower.indexOf(email); at >= 0; at = lower.indexOf(email, at + email.length)) {
        if (isFree(taken, at, at + email.length)) spans.push({ start: at, end: at + email.length, type: 'email', placeholder: PLACEHOLDERS.email });
      }
    }
  }
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  let previousWasName = false;
  let last: Found | undefined;
  while ((m = WORD.exec(text)) !== null) {
    const raw = m[0];
    const word = raw.replace(/['’-]+$/, '');
    const lower = word.toLowerCase();
    const start = m.index;
    const end = start + word.length;
    let isName = false;
    if (isFree(taken, start, end) && isFree(spans, start, end)) {
      if (own?.words.has(lower)) isName = true;
      else if (known?.has(lower) && isCapitalised(word) && !NOT_NAMES.has(lower)) {
        const sentenceStart = /(?:^|[.!?:\n"“(]\s*)$/.test(text.slice(Math.max(0, start - 3), start)) || text.slice(0, start).trim() === '';
        if (!sentenceStart || previousWasName) isName = true;
        else {
          // a lone known word opening a sentence ("Will this work?") only with a second name after it
          const next = /^[ \t]+([\p{L}][\p{L}'’-]*)/u.exec(text.slice(start + raw.length, start + raw.length + 40));
          isName = next !== null && known.has(next[1]!.toLowerCase()) && isCapitalised(next[1]!);
        }
      }
    }
    if (isName) {
      // "Helen Carter" is one name
      if (last && previousWasName && /^[ \t]+$/.test(text.slice(last.end, start))) last.end = end;
      else {
        last = { start, end, type: 'name', placeholder: PLACEHOLDERS.name };
        spans.push(last);
      }
    }
    previousWasName = isName;
  }
  return spans;
}

/** Where the personal data is: sorted, non-overlapping spans with their type and placeholder. */
export function findPersonalData(text: string, names?: NameContext): Found[] {
  const found: Found[] = [];
  const { recognisers, scan, tails } = compiledFor(text);
  scan.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = scan.exec(text)) !== null) {
    const start = match.index;
    let k = whichRecogniser(recognisers, match.groups!, 0);
    let hit: Found | null = recognisers[k]!.accept({ text, start, found: match[0], groups: match.groups! });
    // refused: the recognisers after it, at the same place
    while (hit === null && k + 1 < recognisers.length) {
      const tail = tails[k + 1]!;
      tail.lastIndex = start;
      const next = tail.exec(text);
      if (next === null) break;
      k = whichRecogniser(recognisers, next.groups!, k + 1);
      hit = recognisers[k]!.accept({ text, start, found: next[0], groups: next.groups! });
    }
    if (hit === null) {
      scan.lastIndex = start + 1;
      continue;
    }
    found.push(hit);
    scan.lastIndex = hit.end;
  }
  if (!names) return found;
  const more = findKnownNames(text, names, found);
  return more.length === 0 ? found : [...found, ...more].sort((a, b) => a.start - b.start);
}

/** Replace personal data in text by typed placeholders; counts say how many of each were replaced. */
export function redact(text: string, names?: NameContext): RedactionResult {
  const counts: RedactionCounts = {};
  const found = findPersonalData(text, names);
  if (found.length === 0) return { text, counts };
  let output = '';
  let copiedUpTo = 0;
  for (const hit of found) {
    output += text.slice(copiedUpTo, hit.start) + hit.placeholder;
    copiedUpTo = hit.end;
    counts[hit.type] = (counts[hit.type] ?? 0) + 1;
  }
  return { text: output + text.slice(copiedUpTo), counts };
}

/** Add `more` into `total` (mutated, for speed over millions of texts) and return `total`. */
export function mergeRedactionCounts(total: RedactionCounts, more: RedactionCounts): RedactionCounts {
  for (const type of Object.keys(more) as RedactionType[]) {
    total[type] = (total[type] ?? 0) + (more[type] ?? 0);
  }
  return total;
}
