import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runPtk } from '../helpers/cli.js';

const SHEETS = join(ROOT, 'test/fixtures/themes/sheets');
const sheet = (name: string) => join(SHEETS, name);

describe('ptk themes agreement', () => {
  it("gives Cohen's kappa per theme and overall as computed by hand", () => {
    const result = runPtk(['themes', 'agreement', sheet('ana.csv'), sheet('ben.csv'), '--json']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    // Answer 11 is empty in ana.csv (not coded), so 11 answers are coded by both; "none" and "-" are coded with no theme.
    expect(report.codedByAll).toBe(11);
    // roads: ana yes 1,2,6,9 (4); ben yes 1,2,5,6,9 (5); they differ on 5 only: po = 10/11.
    //   pe = 4/11*5/11 + 7/11*6/11 = 62/121; kappa = (110-62)/(121-62) = 48/59 = 0.8136
    expect(report.themes.roads.kappa).toBeCloseTo(48 / 59, 10);
    expect(report.themes.roads.agreement).toBeCloseTo(10 / 11, 10);
    // schools: ana yes 2,3,7,10 (4); ben yes 3,10 (2); differ on 2 and 7: po = 9/11.
    //   pe = 4/11*2/11 + 7/11*9/11 = 71/121; kappa = (99-71)/(121-71) = 28/50 = 0.56
    expect(report.themes.schools.kappa).toBeCloseTo(0.56, 10);
    // housing: ana yes 4,7,9,12 (4); ben yes 4,7,9,10 (4, "schools,housing" split on the comma); differ on 10, 12.
    //   pe = 16/121 + 49/121 = 65/121; kappa = (99-65)/(121-65) = 34/56 = 0.6071
    expect(report.themes.housing.kappa).toBeCloseTo(34 / 56, 10);
    // all 33 (answer, theme) decisions: agree 10+9+9 = 28; ana yes 12, ben yes 11.
    //   pe = (12*11 + 21*22)/33^2 = 594/1089; kappa = (924-594)/(1089-594) = 330/495 = 2/3
    expect(report.overall.kappa).toBeCloseTo(2 / 3, 10);
    expect(report.themes.roads.given).toEqual([4, 5]);
  });

  it('prints a table with kappa and alpha', () => {
    const result = runPtk(['themes', 'agreement', sheet('ana.csv'), sheet('ben.csv')], { env: { NO_COLOR: '1' } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('2 coders, 11 answers coded by all.');
    expect(result.stdout).toMatch(/roads\s+4 \/ 5\s+90\.9%\s+0\.814/);
    expect(result.stdout).toMatch(/\(all themes\)\s+84\.8%\s+0\.667/);
  });

  it("gives Krippendorff's alpha (not kappa) for three coders, taking answers only some coded", () => {
    const result = runPtk(['themes', 'agreement', sheet('ana.csv'), sheet('ben.csv'), sheet('cy.csv'), '--json']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.coders).toHaveLength(3);
    expect(report.pairable).toBe(12);
    expect(report.overall.kappa).toBeNull();
    expect(report.overall.alpha).toBeGreaterThan(0.5);
    expect(report.overall.alpha).toBeLessThan(1);
  });

  it('refuses one sheet, and a sheet without a codes column, with a line naming the file', () => {
    expect(runPtk(['themes', 'agreement', sheet('ana.csv')]).code).toBe(2);
    const bad = runPtk(['themes', 'agreement', sheet('ana.csv'), join(ROOT, 'test/fixtures/themes/responses.csv')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/responses\.csv:1: no "analyst_codes" or "codes" or "themes" column/);
  });
});
