import { describe, expect, it } from 'vitest';
import { isValidNhsNumber, mergeRedactionCounts, redact } from '../../src/analysis/redact.js';
import { seededRandom } from '../helpers/random.js';

/** Builds a 10-digit NHS number from 9 digits using the modulus-11 rule; null when no check digit exists. */
function withCheckDigit(nineDigits: string): string | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nineDigits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return null;
  return nineDigits + String(check === 11 ? 0 : check);
}

describe('NHS numbers', () => {
  it('redacts known-valid numbers in every layout; a failed check digit is still an identifier', () => {
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('9434765918')).toBe(false);
    for (const written of ['943 476 5919', '943-476-5919', '9434765919']) {
      expect(redact(`My NHS number is ${written}.`)).toEqual({ text: 'My NHS number is [nhs number].', counts: { 'nhs-number': 1 } });
    }
    expect(redact('My NHS number is 943 476 5918.')).toEqual({ text: 'My NHS number is [identifier].', counts: { identifier: 1 } });
    // mixed separators are no NHS layout: the US phone shape is what is left (privacy wins)
    expect(redact('mixed 943 476-5919 separators').text).toBe('mixed [phone] separators');
  });

  it('agrees with the modulus-11 rule on computed numbers, valid and not', () => {
    const random = seededRandom(11);
    let valid = 0;
    let invalid = 0;
    for (let n = 0; n < 500; n++) {
      const nine = String(100_000_000 + Math.floor(random() * 899_999_999));
      const good = withCheckDigit(nine);
      if (good === null) {
        // No valid number exists with these nine digits: no last digit may pass.
        for (let last = 0; last <= 9; last++) expect(isValidNhsNumber(nine + last)).toBe(false);
        continue;
      }
      const spaced = `${good.slice(0, 3)} ${good.slice(3, 6)} ${good.slice(6)}`;
      expect(redact(`ref ${spaced} end`).text).toBe('ref [nhs number] end');
      valid++;
      const wrong = good.slice(0, 9) + String((Number(good[9]) + 1 + Math.floor(random() * 9)) % 10);
      expect(isValidNhsNumber(wrong)).toBe(false);
      // a failed check digit: still redacted, as an identifier (or a phone when it is one)
      expect(redact(`ref ${wrong} end`).text).toMatch(/^ref \[(?:identifier|phone)\] end$/);
      expect(redact(`my NHS number is ${wrong}`).text).toBe('my NHS number is [identifier]');
      invalid++;
    }
    expect(valid).toBeGreaterThan(400);
    expect(invalid).toBe(valid);
  });
});

describe('postcodes keep the outward code', () => {
  it.each([
    ['SW1A 1AA', 'SW1A [postcode]'],
    ['SW1A1AA', 'SW1A [postcode]'],
    ['m1 1ae', 'm1 [postcode]'],
    ['M11AE', 'M1 [postcode]'],
    ['EC1A-1BB', 'EC1A [postcode]'],
    ['B33 8TH', 'B33 [postcode]'],
    ['cr2 6xh', 'cr2 [postcode]'],
    ['DN55 1PT', 'DN55 [postcode]'],
  ])('%s', (postcode, expected) => {
    expect(redact(`I live at ${postcode} near the clinic`)).toEqual({ text: `I live at ${expected} near the clinic`, counts: { postcode: 1 } });
  });

  it('at the end of a sentence and twice in one text', () => {
    expect(redact('Our surgery is in LS1 4AP. Mine is in G2 1DY.').text).toBe('Our surgery is in LS1 [postcode]. Mine is in G2 [postcode].');
  });

  it('leaves ordinals that look like postcodes in lower case', () => {
    expect(redact('the m25 2nd junction').text).toBe('the m25 2nd junction');
  });
});

describe('phone numbers', () => {
  it.each([
    '07700 900123',
    '07700900123',
    '07700-900-123',
    '07700 900 123',
    '020 7946 0000',
    '(020) 7946 0000',
    '0161 496 0000',
    '01632 960 000',
    '01632 960000',
    '+44 (0)20 7946 0000',
    '+44 7700 900123',
    '+447700900123',
    '0044 20 7946 0000',
    '+1 202 555 0143',
    '+33 1 23 45 67 89',
    '+353 1 234 5678',
    '+91 98765 43210',
  ])('%s', (phone) => {
    expect(redact(`Call me on ${phone}, evenings.`)).toEqual({ text: 'Call me on [phone], evenings.', counts: { phone: 1 } });
  });

  it('two numbers in a row, and a number after other figures', () => {
    expect(redact('07700 900123 07700 900456').text).toBe('[phone] [phone]');
    expect(redact('about 0.5 07700 900123').text).toBe('about 0.5 [phone]');
    expect(redact('ring 020 7946 0000 2 times').text).toBe('ring [phone] 2 times');
  });

  it('an invalid NHS-shaped number that is a UK phone number is redacted as a phone', () => {
    const text = '012 345 6780';
    expect(isValidNhsNumber(text.replace(/\D/g, ''))).toBe(false);
    expect(redact(`number ${text}`)).toEqual({ text: 'number [phone]', counts: { phone: 1 } });
  });
});

describe('National Insurance numbers', () => {
  it('redacts valid prefixes in any case, with or without spaces', () => {
    for (const ni of ['AB 12 34 56 C', 'AB123456C', 'ab123456c', 'JG 10 37 59 A', 'jg 10 37 59 a', 'Jg103759A', 'ab-12-34-56-c']) {
      expect(redact(`NI: ${ni}.`)).toEqual({ text: 'NI: [ni number].', counts: { 'ni-number': 1 } });
    }
  });

  it('keeps numbers with disallowed prefixes or suffixes', () => {
    for (const text of ['QQ123456C', 'BG123456A', 'GB123456A', 'DA123456A', 'AO123456A', 'AB123456E', 'spent on 12 34 56 a']) {
      expect(redact(text).text).toBe(text);
    }
  });
});

describe('e-mails, URLs and handles', () => {
  it('e-mails, and the @ inside them is no handle', () => {
    expect(redact('Write to jane.smith@nhs.net or o\'brien+x@example.co.uk.')).toEqual({
      text: 'Write to [email] or [email].',
      counts: { email: 2 },
    });
  });

  it('URLs with a path, query or user part; bare organisation domains are kept', () => {
    const result = redact(
      'See https://www.nhs.uk, www.gov.uk and gov.uk, then facebook.com/jane.smith. Also (https://linkedin.com/in/jane-smith) and https://jane@example.com and http://x.org/?id=42#me',
    );
    expect(result.text).toBe('See https://www.nhs.uk, www.gov.uk and gov.uk, then [url]. Also ([url]) and [url] and [url]');
    expect(result.counts).toEqual({ url: 4 });
  });

  it('a URL containing an @ handle, e-mail or phone is one URL', () => {
    expect(redact('twitter.com/@jane_smith?ref=jane@x.com&tel=07700900123').text).toBe('[url]');
  });

  it('handles, but not addresses', () => {
    expect(redact('Thanks @jane_smith and @jane.smith.')).toEqual({ text: 'Thanks [handle] and [handle].', counts: { handle: 2 } });
    expect(redact('jane@localhost').text).toBe('jane@localhost');
  });
});

describe('ordinary text is left alone', () => {
  it.each([
    'In 2024 we spent £1,200 on it.',
    'Up 12.5% since 2019.',
    'On 2024-03-01 and 01/02/2024 and 01.02.2024.',
    'See section 12.3 and clause 4.1.2.',
    '1 in 10 people',
    'Covid-19 changed things',
    'scores of 0 10 20 30 40 50 60',
    'a 24/7 service for 100,000 people, 3 x 20mg',
    'report.pdf, and/or, e.g. this, i.e. that',
    'waiting 18 weeks, 4 hours, 999 calls, 111 online',
    'We asked 1,234,567 people',
    '',
    'no personal data here at all',
  ])('%s', (text) => {
    expect(redact(text)).toEqual({ text, counts: {} });
  });
});

describe('counts', () => {
  it('counts every type in one mixed text and never redacts twice', () => {
    const result = redact(
      'Jane (jane@x.com, @jane_s, 07700 900123, NHS 943 476 5919, NI AB123456C, SW1A 1AA, facebook.com/jane) said hi.',
    );
    expect(result.text).toBe('Jane ([email], [handle], [phone], NHS [nhs number], NI [ni number], SW1A [postcode], [url]) said hi.');
    expect(result.counts).toEqual({ email: 1, handle: 1, phone: 1, 'nhs-number': 1, 'ni-number': 1, postcode: 1, url: 1 });
    // Redacting the output again finds nothing more.
    expect(redact(result.text).counts).toEqual({});
  });

  it('merges counts', () => {
    const total = {};
    mergeRedactionCounts(total, redact('a@b.com and c@d.org').counts);
    mergeRedactionCounts(total, redact('07700 900123 and e@f.net').counts);
    expect(mergeRedactionCounts(total, {})).toEqual({ email: 3, phone: 1 });
  });
});
