import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { UsageError } from '../../src/errors.js';
import { checkScenarios, loadScenario, readScript } from '../../src/simulate/load.js';
import { BUILTIN_TOOLKIT, loadToolkitFolders } from '../../src/toolkit/load.js';
import type { Problem } from '../../src/toolkit/yaml-file.js';
import { ROOT, tempDir } from '../helpers/cli.js';

const BAD = join(ROOT, 'test/fixtures/scenarios-bad');
const toolkit = () => loadToolkitFolders([BUILTIN_TOOLKIT]).toolkit;

interface RawScenario {
  id: string;
  duration_minutes: number;
  injects: { id: string; at: number; channel: string; expects_response: boolean; mention_count?: number }[];
  debrief_questions: string[];
  good_practice: string[];
}

describe('built-in scenarios', () => {
  it('are valid', () => {
    const problems: Problem[] = [];
    checkScenarios([BUILTIN_TOOLKIT], toolkit(), problems);
    expect(problems).toEqual([]);
  });

  it.each(['contaminated-product', 'data-loss'])('%s: 10-15 injects in time order over about an hour, on several channels', (id) => {
    const raw = parse(readFileSync(join(BUILTIN_TOOLKIT, 'scenarios', `${id}.yaml`), 'utf8')) as RawScenario;
    expect(raw.id).toBe(id);
    expect(raw.duration_minutes).toBe(60);
    expect(raw.injects.length).toBeGreaterThanOrEqual(10);
    expect(raw.injects.length).toBeLessThanOrEqual(15);
    const times = raw.injects.map((i) => i.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.max(...times)).toBeGreaterThan(50);
    expect(new Set(raw.injects.map((i) => i.channel)).size).toBeGreaterThanOrEqual(5);
    expect(raw.injects.some((i) => !i.expects_response)).toBe(true);
    // social mention counts rise through the story
    const mentions = raw.injects.filter((i) => i.channel === 'social' && i.mention_count !== undefined).map((i) => i.mention_count!);
    expect(mentions.length).toBeGreaterThanOrEqual(3);
    expect(mentions).toEqual([...mentions].sort((a, b) => a - b));
    expect(raw.debrief_questions.length).toBeGreaterThanOrEqual(5);
    expect(raw.good_practice.length).toBeGreaterThanOrEqual(5);
    expect(loadScenario([BUILTIN_TOOLKIT], id).scenario.injects.map((i) => i.id)).toEqual(raw.injects.map((i) => i.id));
  });
});

describe('broken scenarios', () => {
  it('are reported with file:line', () => {
    const problems: Problem[] = [];
    checkScenarios([BAD], toolkit(), problems);
    const file = (name: string) => `test/fixtures/scenarios-bad/scenarios/${name}`;
    expect(problems.map((p) => `${p.file}:${p.line}: ${p.field ?? ''}`).sort()).toEqual(
      [
        `${file('fields.yaml')}:13: injects.0.channel`,
        `${file('fields.yaml')}:18: injects.1.expects_response`,
        `${file('fields.yaml')}:23: injects.1.mention_count`,
        `${file('fields.yaml')}:25: injects.1.priority`,
        `${file('order.yaml')}:19: injects.1.at`,
        `${file('order.yaml')}:25: injects.2.id`,
        `${file('order.yaml')}:26: injects.2.at`,
        `${file('quiet.yaml')}:11: injects`,
        `${file('syntax.yaml')}:3: `,
        `${file('twin.yaml')}:2: id`,
      ].sort(),
    );
    const message = (field: string) => problems.find((p) => p.field === field)?.message;
    expect(message('injects.1.at')).toBe('minute 5 comes before the previous inject (minute 10); keep injects in time order');
    expect(message('injects.2.at')).toBe('minute 45 is after the end of the scenario (duration_minutes: 30)');
    expect(message('injects.2.id')).toBe('duplicate inject id "one", also used by inject 1');
    expect(message('injects.0.channel')).toMatch(/channel must be one of social, phone, email, news, minister, web/);
    expect(message('id')).toMatch(/duplicate id "bad-order"/);
  });

  it('stop loadScenario with every problem listed', () => {
    expect(() => loadScenario([BUILTIN_TOOLKIT, BAD], 'contaminated-product')).toThrow(/the scenario files have 10 problems/);
  });
});

describe('loadScenario', () => {
  it('suggests the closest ids for an unknown one', () => {
    expect(() => loadScenario([BUILTIN_TOOLKIT], 'contaminated')).toThrow(UsageError);
    expect(() => loadScenario([BUILTIN_TOOLKIT], 'contaminated')).toThrow('no scenario with id "contaminated". Did you mean contaminated-product?');
    expect(() => loadScenario([BUILTIN_TOOLKIT], 'zzzz')).toThrow('The scenarios are contaminated-product, data-loss.');
  });

  it('lets an overlay add a scenario and replace a built-in one', () => {
    const overlay = tempDir();
    mkdirSync(join(overlay, 'scenarios'));
    const builtin = readFileSync(join(BUILTIN_TOOLKIT, 'scenarios/data-loss.yaml'), 'utf8');
    writeFileSync(join(overlay, 'scenarios/data-loss.yaml'), builtin.replace(/^title: .*$/m, 'title: Our own data-loss drill'));
    writeFileSync(join(overlay, 'scenarios/drill.yaml'), builtin.replace(/^id: data-loss$/m, 'id: local-drill'));
    expect(loadScenario([BUILTIN_TOOLKIT, overlay], 'data-loss').scenario.title).toBe('Our own data-loss drill');
    expect(loadScenario([BUILTIN_TOOLKIT], 'data-loss').scenario.title).toBe('Consultation responses published by mistake');
    expect(loadScenario([BUILTIN_TOOLKIT, overlay], 'local-drill').file).toMatch(/drill\.yaml$/);
  });
});

describe('readScript', () => {
  const scenario = loadScenario([BUILTIN_TOOLKIT], 'contaminated-product').scenario;
  const script = (yaml: string) => {
    const path = join(tempDir(), 'script.yaml');
    writeFileSync(path, yaml);
    return path;
  };

  it('places responses in simulated seconds, sorted, keeping file order for ties', () => {
    const path = script('- at: 10\n  text: ten\n- after_inject: courier-call\n  delay_minutes: 1.5\n  text: four and a half\n- after_inject: cover-up-claim\n  text: seven\n- at: 7\n  text: also seven\n');
    expect(readScript(path, scenario).map((r) => [r.at, r.text])).toEqual([
      [270, 'four and a half'],
      [420, 'seven'],
      [420, 'also seven'],
      [600, 'ten'],
    ]);
  });

  it.each([
    ['an unknown inject', '- at: 1\n  text: ok\n- after_inject: courier-cal\n  text: x\n', /script\.yaml:3: 1\.after_inject: no inject "courier-cal" in scenario contaminated-product; did you mean courier-call/],
    ['a time after the end', '- at: 61\n  text: x\n', /script\.yaml:1: 0\.at: minute 61 is after the end of scenario contaminated-product \(60 minutes\)/],
    ['a delay past the end', '- after_inject: evening-bid\n  delay_minutes: 5\n  text: x\n', /script\.yaml:2: 0\.delay_minutes: minute 64 is after the end/],
    ['both at and after_inject', '- at: 1\n  after_inject: first-post\n  text: x\n', /script\.yaml:2: 0\.after_inject: give either at: or after_inject:, not both/],
    ['neither', '- text: x\n', /script\.yaml:1: 0: give either at: \(minutes\) or after_inject:/],
    ['an unknown field', '- at: 1\n  txt: x\n  text: y\n', /script\.yaml:2: 0\.txt: unknown field/],
    ['not a list', 'at: 1\ntext: x\n', /script\.yaml:1: a script is a list of responses/],
  ])('reports %s with file:line', (_name, yaml, message) => {
    expect(() => readScript(script(yaml), scenario)).toThrow(message);
  });
});
