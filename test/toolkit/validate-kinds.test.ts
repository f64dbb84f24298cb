import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runPtk } from '../helpers/cli.js';

/** `ptk toolkit validate` checks every kind of toolkit data, not only techniques. */
describe('ptk toolkit validate covers standards, maturity, masterclasses and scenarios', () => {
  it('counts every kind in the built-in toolkit', () => {
    const result = runPtk(['toolkit', 'validate', 'toolkit', '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { valid: boolean; counts: Record<string, number> };
    expect(report.valid).toBe(true);
    expect(report.counts.masterclasses).toBeGreaterThanOrEqual(6);
    expect(report.counts.scenarios).toBeGreaterThanOrEqual(2);
    expect(report.counts.standards).toBe(1);
  });

  const broken: { kind: string; folder: string; expected: RegExp }[] = [
    { kind: 'a broken masterclass module', folder: 'test/fixtures/masterclasses/broken', expected: /masterclasses\/cross-checks\.yaml:40: quiz\.1\.answer: / },
    { kind: 'a masterclass YAML syntax error', folder: 'test/fixtures/masterclasses/broken', expected: /masterclasses\/syntax\.yaml:3: YAML syntax error/ },
    { kind: 'a broken scenario', folder: 'test/fixtures/scenarios-bad', expected: /scenarios\/order\.yaml:19: injects\.1\.at: minute 5 comes before/ },
    { kind: 'a broken consultation standard', folder: 'test/fixtures/standards-bad', expected: /standards\/consultation\.yaml:\d+: / },
    { kind: 'a broken maturity model', folder: 'test/fixtures/maturity/bad-model', expected: /maturity\.yaml:\d+: / },
  ];
  for (const { kind, folder, expected } of broken) {
    it(`exits 2 naming file and line for ${kind}`, () => {
      const result = runPtk(['toolkit', 'validate', join(ROOT, folder)]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(expected);
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    });
  }
});
