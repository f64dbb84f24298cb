import { describe, expect, it } from 'vitest';
import { findPersonalData, redact } from '../../src/analysis/redact.js';
// @ts-expect-error bench/ is plain JavaScript without type declarations
import { meetsTarget, scoreRedaction } from '../../bench/redact.js';

describe('the recognisers issue 18 adds', () => {
  it.each([
    ['write to jane dot smith at example dot com', 'write to [email]', 'email'],
    ['j.smith [at] nhs [dot] net', '[email]', 'email'],
    ['call (202) 555-0143 or 1-800-555-0199', 'call [phone] or [phone]', 'phone'],
    ['my cell is 202 555 0143', 'my cell is [phone]', 'phone'],
    ['card 4111 1111 1111 1111', 'card [card number]', 'card'],
    ['IBAN GB82 WEST 1234 5698 7654 32.', 'IBAN [iban].', 'iban'],
    ['from 192.168.0.1', 'from [ip address]', 'ip'],
    ['at 2001:db8::8a2e:370:7334', 'at [ip address]', 'ip'],
    ['SSN 123-45-6789', 'SSN [ssn]', 'ssn'],
    ['Springfield, IL 62704-1234', 'Springfield, IL [zip]', 'zip'],
    ['I was born on 3rd March 1980', 'I was born on [date of birth]', 'date-of-birth'],
    ['aged 42', 'aged [age]', 'age'],
    ['Flat 3, 22 Mill Lane', '[address]', 'address'],
    ['Dr Helen Carter said', 'Dr [name] said', 'name'],
    ['my name is jane smith and I object', 'my name is [name] and I object', 'name'],
    ['Kind regards,\nJane Smith', 'Kind regards,\n[name]', 'name'],
    ['ni ab 12 34 56 c', 'ni [ni number]', 'ni-number'],
  ])('%s', (text, expected, type) => {
    const result = redact(text);
    expect(result.text).toBe(expected);
    expect(Object.keys(result.counts)).toEqual([type]);
  });

  it('leaves look-alikes alone', () => {
    for (const text of [
      'I looked at gov.uk today',
      'the 42 bus along Station Road',
      'we need 20 more bus lanes',
      'Thank you Minister for listening',
      'Regards, The Residents Association',
      'The scheme was born in 2002',
      'version 1.2.3.4 of the app',
      'in 12345 homes',
      'The meeting on 3 March 2025 at 7:30pm',
      'See PR-2024-00871 and CP 2024/17',
    ]) {
      expect(redact(text).text, text).toBe(text);
    }
  });

  it("redacts the row's own names anywhere, and the file's names where capitalised but not a lone word opening a sentence", () => {
    expect(redact('Helen wrote this. Carter agrees, and helen too', { own: ['Helen Carter'] }).text).toBe('[name] wrote this. [name] agrees, and [name] too');
    expect(redact('Will this help? Yes, Will Smith said so. Then Smith left.', { known: new Set(['will', 'smith']) }).text).toBe('Will this help? Yes, [name] said so. Then [name] left.');
  });

  it('stays linear on hostile input (under 1 s for each 200 kB text)', () => {
    const hostile = [
      '1 '.repeat(100_000),
      '1-'.repeat(100_000),
      'a.'.repeat(100_000),
      'a '.repeat(100_000),
      'Dr '.repeat(60_000),
      'Regards, '.repeat(20_000),
      'x at y dot '.repeat(20_000),
      '@a'.repeat(100_000),
      '1:'.repeat(100_000),
      '12 Mill '.repeat(25_000),
      'GB82'.repeat(50_000),
      'a'.repeat(200_000),
      '9'.repeat(200_000),
    ];
    for (const text of hostile) {
      const started = performance.now();
      findPersonalData(text, { own: ['Jane Smith'], known: new Set(['jane', 'smith']) });
      expect(performance.now() - started, JSON.stringify(text.slice(0, 12))).toBeLessThan(1000);
    }
  });
});

describe('the redaction benchmark, small and seeded', () => {
  it('meets the targets per type on 2,000 generated answers', () => {
    const result = scoreRedaction(findPersonalData, { answers: 2000, seed: 7 }) as { perType: { type: string; planted: number; recall: number; precision: number }[] };
    for (const row of result.perType) {
      expect(row.planted, row.type).toBeGreaterThan(50);
      expect(meetsTarget(row), `${row.type}: recall ${row.recall}, precision ${row.precision}`).toBe(true);
    }
  });
});
