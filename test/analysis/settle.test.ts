/** settle.ts: the config, codeframe and flags settled against a file's header, without reading any rows. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProblemsError, UsageError } from '../../src/errors.js';
import { loadAnalysisConfig, loadCodeframeFile } from '../../src/analysis/load-config.js';
import { chooseCodeframe, planExtras, settleConfig } from '../../src/analysis/settle.js';
import { DEFAULT_CAMPAIGNS } from '../../src/analysis/config.js';
import { inferConfig } from '../../src/analysis/infer.js';
import { ROOT } from '../helpers/cli.js';

const THEMES = join(ROOT, 'test/fixtures/themes');
const configFile = loadAnalysisConfig(join(THEMES, 'analysis.yaml'));
const codeframeFile = loadCodeframeFile(join(THEMES, 'codeframe.yaml'));
const HEADER = ['id', 'type', 'improve'];

describe('settleConfig', () => {
  it('uses the config file when its columns are in the header', () => {
    const { config, notes } = settleConfig({ csvName: 'r.csv', configFile }, HEADER, []);
    expect(config).toBe(configFile.config);
    expect(notes).toEqual([]);
  });

  it('names a config column missing from the header, with the closest one', () => {
    expect(() => settleConfig({ csvName: 'r.csv', configFile }, ['id', 'type', 'improvement'], [])).toThrow(UsageError);
    expect(() => settleConfig({ csvName: 'r.csv', configFile }, ['id', 'type', 'improvement'], [])).toThrow(/no column "improve" in r\.csv; did you mean "improvement"\?/);
    expect(() => settleConfig({ csvName: 'r.csv', configFile }, ['x'], [])).toThrow(ProblemsError);
  });

  it('infers a config without a config file, and makes a coded question an open one with a note', () => {
    const sample = [['1', 'a long answer with several words in it'], ['2', 'another long free-text answer here']];
    expect(settleConfig({ csvName: 'r.csv' }, ['id', 'answer'], sample).config).toEqual(inferConfig(['id', 'answer'], sample).config);
    const withoutOpen = { path: 'a.yaml', config: { ...configFile.config, open: [] } };
    const coded = settleConfig({ csvName: 'r.csv', configFile: withoutOpen, codeframeFile }, HEADER, []);
    expect(coded.config.codeframe).toBe(codeframeFile.codeframe);
    expect(coded.config.open).toEqual([{ column: 'improve' }]);
    expect(coded.notes).toEqual(['"improve" is coded by the codeframe, so it is analysed as an open question']);
    expect(() => settleConfig({ csvName: 'r.csv', codeframeFile }, ['id', 'type'], [])).toThrow(/no column "improve" in r\.csv/);
  });
});

describe('chooseCodeframe and planExtras', () => {
  it('prefers a --codeframe file over the config and says where the codeframe came from', () => {
    expect(chooseCodeframe({ csvName: 'r.csv', configFile, codeframeFile })).toEqual({ codeframe: codeframeFile.codeframe, source: 'codeframe.yaml' });
    expect(chooseCodeframe({ csvName: 'r.csv', configFile })).toEqual({});
    const embedded = loadAnalysisConfig(join(THEMES, 'analysis-with-codeframe.yaml'));
    expect(chooseCodeframe({ csvName: 'r.csv', configFile: embedded }).source).toBe('analysis-with-codeframe.yaml');
  });

  it('turns the flags into plan extras: redaction on unless --no-redact, --similarity over the config', () => {
    expect(planExtras({}, configFile, undefined)).toEqual({ redactQuotes: true, redactResponses: false, redactReview: true });
    expect(planExtras({ redact: false, redactResponses: true, redactReview: false, similarity: 0.6 }, configFile, undefined)).toEqual({
      redactQuotes: false,
      redactResponses: true,
      redactReview: false,
      campaigns: { ...DEFAULT_CAMPAIGNS, similarity: 0.6 },
    });
  });
});
