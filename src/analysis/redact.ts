/**
 * Personal-data redaction for consultation quotes. Pure: no I/O. Each item found is replaced by a
 * typed placeholder; callers log the per-type counts, never the values.
 *
 * One combined regular expression is scanned left to right, so every character belongs to at most one
 * match and nothing is redacted twice. Where two kinds could start at the same place, the earlier
 * alternative wins: e-mail, URL, NHS number, phone, NI number, postcode, handle. A match that turns
 * out not to qualify (a bad NHS check digit, a digit run that is no phone number) is left as written.
 *
 * Decisions worth knowing:
 * - NHS numbers (10 digits, optionally 3-3-4 with spaces or dashes) are redacted only when the
 *   modulus-11 check digit is valid; an invalid one that is also a phone number is redacted as a phone.
 * - Phones: UK numbers starting 0 (10-11 digits, area code of 3+ digits, no one-digit groups),
 *   +44 / 0044 numbers (9-10 national digits, "(0)" allowed) and any other "+" or "00" number with
 *   8-15 digits. Years, money, percentages, dates and clause numbers never start with 0 or +, or have
 *   too few digits, so they are left alone.
 * - URLs: a bare domain ("www.nhs.uk", "https://gov.uk/") names an organisation and is kept. Any URL
 *   with a path, query or fragment ("facebook.com/jane.smith", "nhs.uk/conditions") or with a user
 *   part ("https://jane@host") is redacted whole: a path cannot be reliably told apart from a personal
 *   one, so privacy wins. Without a scheme or "www." only common top-level domains count as URLs, so
 *   "report.pdf/2" or "and/or" are not touched.
 * - Postcodes keep the outward code ("SW1A 1AA" -> "SW1A [postcode]"); written with a space, a dash or
 *   nothing between the halves, in any case. All-lower-case text such as "m25 2nd" reads as an ordinal,
 *   not a postcode, and is left alone.
 * - NI numbers need the official prefix letters; in lower case only the compact form ("ab123456c").
 * - Handles: "@name" not preceded by a word character (so never the "@" of an e-mail). Organisation
 *   handles are redacted too: there is no telling them apart.
 */

export type RedactionType = 'email' | 'phone' | 'postcode' | 'nhs-number' | 'ni-number' | 'url' | 'handle';
export type RedactionCounts = Partial<Record<RedactionType, number>>;

export interface RedactionResult {
  text: string;
  counts: RedactionCounts;
}

const PLACEHOLDER: Record<Exclude<RedactionType, 'postcode'>, string> = {
  email: '[email]',
  phone: '[phone]',
  'nhs-number': '[nhs number]',
  'ni-number': '[ni number]',
  url: '[url]',
  handle: '[handle]',
};

// Top-level domains accepted for URLs written without a scheme or "www.".
const COMMON_TLDS = 'com|org|net|uk|gov|edu|int|io|co|info|biz|me|ly|tv|eu|ie|de|fr|es|it|nl|us|ca|au|nz|in|scot|wales|cymru|london|app|dev|ai';
const HOST = String.raw`(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}`;
const URL_TAIL = String.raw`(?::\d{1,5})?(?<urlRest>[/?#][^\s<>"]*)?`;

const ALTERNATIVES = [
  String.raw`(?<email>[a-z0-9_][a-z0-9._%+'-]*@${HOST}\b)`,
  String.raw`(?<url>(?:https?://|ftp://|www\.)(?<urlUser>[^\s/@<>"]+@)?${HOST}${URL_TAIL})`,
  String.raw`(?<bareUrl>(?<![\w.@/-])(?:[a-z0-9-]+\.)+(?:${COMMON_TLDS})(?<bareRest>[/?#][^\s<>"]*))`,
  String.raw`(?<nhs>(?<![\w+])\d{3}(?<nhsSep>[ -]?)\d{3}\k<nhsSep>\d{4}(?!\d))`,
  // Digit groups starting with +, 0 or (0, joined by single separators; validated afterwards.
  String.raw`(?<phone>(?<![\w+£$€.,/-])(?:\+|\(?0)(?:\d|[ .-](?=[\d(])|\((?=\d)|\)(?=[ .-]?\d))*\d)`,
  String.raw`(?<ni>\b(?!bg|gb|kn|nk|nt|tn|zz)[a-ceghj-pr-tw-z][a-ceghj-npr-tw-z] ?\d{2} ?\d{2} ?\d{2} ?[a-d]\b)`,
  String.raw`(?<postcode>\b(?<outward>[a-pr-uwyz][a-hk-y]?\d[a-z\d]?)(?:[ -]?)(?<inward>\d[abd-hjlnp-uw-z]{2})\b)`,
  String.raw`(?<handle>(?<![\w@.])@[a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)*)`,
];
const PERSONAL_DATA = new RegExp(ALTERNATIVES.join('|'), 'gi');
const PHONE_AT = new RegExp(ALTERNATIVES[4]!, 'iy');

// Every kind needs a digit, an "@" or a dot followed by a letter: texts without any skip the scan.
const MIGHT_CONTAIN = /[\d@]|\.[a-z]/i;

/** True when a 10-digit string has a valid NHS modulus-11 check digit. */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i) - 48) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === digits.charCodeAt(9) - 48;
}

/** Is this whole digit-group string a phone number? */
function isPhoneNumber(candidate: string): boolean {
  const international = candidate.startsWith('+') || candidate.startsWith('00');
  if (international) {
    const digits = candidate.replace(/\(0\)/g, '').replace(/\D/g, '').replace(/^00/, '');
    if (digits.startsWith('44')) {
      const national = digits.slice(2).replace(/^0/, '');
      return (national.length === 9 || national.length === 10) && /^[1235789]/.test(national);
    }
    return digits.length >= 8 && digits.length <= 15;
  }
  const groups = candidate.match(/\d+/g) ?? [];
  if (groups.length > 4 || groups[0]!.length < 3 || groups.some((group) => group.length < 2)) return false;
  const digits = groups.join('');
  return (digits.length === 10 || digits.length === 11) && /^0[1235789]/.test(digits);
}

/**
 * Length of the longest leading part of a phone candidate, ending at a digit group, that is a phone
 * number (0 if none): "07700 900123 2024" -> the first 12 characters.
 */
function phoneLength(candidate: string): number {
  let end = candidate.length;
  while (end > 0) {
    const prefix = candidate.slice(0, end);
    if (isPhoneNumber(prefix)) return end;
    // Step back to the end of the previous digit group.
    let i = end - 1;
    while (i >= 0 && /\d/.test(candidate[i]!)) i--;
    while (i >= 0 && !/\d/.test(candidate[i]!)) i--;
    end = i + 1;
  }
  return 0;
}

/** Length of the end of a URL that is sentence punctuation, not part of the address. */
function trailingPunctuationLength(url: string): number {
  let end = url.length;
  while (end > 0) {
    const char = url[end - 1]!;
    if ('.,;:!?\'"’'.includes(char) || (char === ')' && !url.includes('(')) || (char === ']' && !url.includes('['))) end--;
    else break;
  }
  return url.length - end;
}

function isOrdinal(word: string): boolean {
  return /^\d(?:st|nd|rd|th)$/.test(word);
}

/** Replace personal data in text by typed placeholders; counts say how many of each were replaced. */
export function redact(text: string): RedactionResult {
  const counts: RedactionCounts = {};
  if (!MIGHT_CONTAIN.test(text)) return { text, counts };

  let output = '';
  let copiedUpTo = 0;
  const replace = (start: number, end: number, type: RedactionType, placeholder: string): void => {
    output += text.slice(copiedUpTo, start) + placeholder;
    copiedUpTo = end;
    counts[type] = (counts[type] ?? 0) + 1;
  };
  /** Redact the phone number starting at `start`, if any; returns where scanning goes on. */
  const redactPhoneAt = (start: number, fallbackEnd: number): number => {
    PHONE_AT.lastIndex = start;
    const candidate = PHONE_AT.exec(text)?.[0];
    const length = candidate === undefined ? 0 : phoneLength(candidate);
    if (length === 0) return fallbackEnd;
    replace(start, start + length, 'phone', PLACEHOLDER.phone);
    return start + length;
  };

  PERSONAL_DATA.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = PERSONAL_DATA.exec(text)) !== null) {
    const found = match[0];
    const start = match.index;
    const end = start + found.length;
    const groups = match.groups!;
    if (groups.email !== undefined) {
      replace(start, end, 'email', PLACEHOLDER.email);
    } else if (groups.url !== undefined || groups.bareUrl !== undefined) {
      const trailing = trailingPunctuationLength(found);
      const rest = (groups.urlRest ?? groups.bareRest ?? '').slice(0, Math.max(0, (groups.urlRest ?? groups.bareRest ?? '').length - trailing));
      if (groups.urlUser !== undefined || (rest !== '' && rest !== '/')) {
        replace(start, end - trailing, 'url', PLACEHOLDER.url);
      }
    } else if (groups.nhs !== undefined) {
      if (isValidNhsNumber(found.replace(/\D/g, ''))) replace(start, end, 'nhs-number', PLACEHOLDER['nhs-number']);
      else PERSONAL_DATA.lastIndex = redactPhoneAt(start, end);
    } else if (groups.phone !== undefined) {
      const length = phoneLength(found);
      if (length > 0) {
        replace(start, start + length, 'phone', PLACEHOLDER.phone);
        // What follows the number (another number, say) is scanned again.
        PERSONAL_DATA.lastIndex = start + length;
      } else {
        // Perhaps a later group starts a number: "0.5 07700 900123". Go on after the first group.
        const firstGroup = /^\D*\d+/.exec(found)![0].length;
        PERSONAL_DATA.lastIndex = start + firstGroup;
      }
    } else if (groups.ni !== undefined) {
      const lowerCase = found !== found.toUpperCase();
      if (!lowerCase || !found.includes(' ')) replace(start, end, 'ni-number', PLACEHOLDER['ni-number']);
    } else if (groups.postcode !== undefined) {
      const lowerCase = found === found.toLowerCase();
      if (!(lowerCase && isOrdinal(groups.inward!))) {
        replace(start, end, 'postcode', `${groups.outward!} [postcode]`);
      }
    } else {
      replace(start, end, 'handle', PLACEHOLDER.handle);
    }
  }
  if (copiedUpTo === 0) return { text, counts };
  return { text: output + text.slice(copiedUpTo), counts };
}

/** Add `more` into `total` (mutated, for speed over millions of texts) and return `total`. */
export function mergeRedactionCounts(total: RedactionCounts, more: RedactionCounts): RedactionCounts {
  for (const type of Object.keys(more) as RedactionType[]) {
    total[type] = (total[type] ?? 0) + (more[type] ?? 0);
  }
  return total;
}
