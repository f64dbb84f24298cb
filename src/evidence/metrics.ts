/**
 * Digital metrics against the targets of an engagement plan. Reads only the part of plan.yaml it needs
 * (objectives and metrics), sums channel metrics cumulatively up to an as-of date (and no further than each
 * target's deadline) and gives each target
 * a status: met, on track (at or above a straight-line pace from start to deadline), behind, or missed
 * (below target after its deadline). Pure.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { normaliseHeader, resolveColumns, type MappingConfig } from './columns.js';
import type { CsvTable } from '../analysis/ingest/reader.js';
import { addDays, dayRange, daysBetween, expectedFormat, parseDate, parseDayFlag } from './dates.js';

export const METRIC_NAMES = ['reach', 'impressions', 'engagement', 'clicks', 'signups', 'responses', 'downloads', 'views'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

const day = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value),
  z.string().refine((value) => parseDayFlag(value) !== undefined, 'expected a date as YYYY-MM-DD'),
);

/** The subset of plan.yaml that evaluation depends on; every other field is ignored. */
export const planTargetsSchema = z
  .object({
    start: day.optional(),
    objectives: z.array(z.object({ id: z.string().min(1), text: z.string().min(1) })).min(1, 'the plan has no objectives'),
    metrics: z
      .array(
        z.object({
          id: z.string().min(1),
          objective: z.string().min(1),
          channel: z.string().min(1),
          metric: z.enum(METRIC_NAMES, { error: `use one of ${METRIC_NAMES.join(', ')}` }),
          target: z.number().positive(),
          start: day.optional(),
          by: day,
        }),
      )
      .min(1, 'the plan has no metrics with targets'),
  })
  .superRefine((plan, ctx) => {
    const objectives = new Set(plan.objectives.map((o) => o.id));
    plan.metrics.forEach((m, i) => {
      if (!objectives.has(m.objective)) {
        ctx.addIssue({ code: 'custom', path: ['metrics', i, 'objective'], message: `no objective with id "${m.objective}"; the objectives are ${[...objectives].join(', ')}` });
      }
      const start = m.start ?? plan.start;
      if (start && start > m.by) ctx.addIssue({ code: 'custom', path: ['metrics', i, 'by'], message: `the deadline ${m.by} is before the start ${start}` });
    });
    const ids = plan.metrics.map((m) => m.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: ['metrics', i, 'id'], message: `metric id "${id}" is used twice` });
    });
  });
export type PlanTargets = z.infer<typeof planTargetsSchema>;

export interface MetricRow {
  day: string;
  channel: string;
  metric: MetricName;
  value: number;
}

export interface MetricRows {
  rows: MetricRow[];
  /** Metric names in the export that are not ones we evaluate, with their row counts. */
  ignored: Record<string, number>;
}

/** Channel names compared ignoring case, spaces and punctuation ("Online surveys" = "online-surveys"). */
export function channelKey(channel: string): string {
  return channel.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function metricName(name: string, config: MappingConfig): MetricName | undefined {
  const mapped = Object.entries(config.metricNames ?? {}).find(([theirs]) => normaliseHeader(theirs) === normaliseHeader(name));
  const key = normaliseHeader(mapped ? mapped[1] : name);
  return (METRIC_NAMES as readonly string[]).includes(key) ? (key as MetricName) : undefined;
}

function parseValue(raw: string, where: string): number {
  const text = raw.trim().replace(/[,\s]/g, '');
  if (text === '') return 0;
  if (!/^\d+(\.\d+)?$/.test(text)) throw new InputError(where, `"${raw}" is not a number of 0 or more.`);
  return Number(text);
}

/**
 * Metric rows from an export: either long (date, channel, metric, value) or wide (date, channel and one
 * column per metric, e.g. reach, clicks, sign-ups).
 */
export function toMetricRows(table: CsvTable, config: MappingConfig): MetricRows {
  const columns = resolveColumns(table.header, table.file, config, ['date', 'channel'], ['metric', 'value']);
  const long = columns.metric !== undefined && columns.value !== undefined;
  const wide = long
    ? []
    : table.header.flatMap((name, i) => {
        const metric = metricName(name, config);
        return metric && i !== columns.date && i !== columns.channel ? [{ i, metric }] : [];
      });
  if (!long && wide.length === 0) {
    throw new InputError(
      table.file,
      `no metric columns: expected "metric" and "value" columns, or columns named after metrics (${METRIC_NAMES.join(', ')}); the columns are ${table.header.map((h) => `"${h}"`).join(', ')}.`,
    );
  }
  const format = config.dateFormat ?? 'auto';
  const rows: MetricRow[] = [];
  const ignored: Record<string, number> = {};
  table.rows.forEach((row, r) => {
    const line = table.lines[r]!;
    const rawDate = row[columns.date!] ?? '';
    const parsed = parseDate(rawDate, format);
    if (!parsed) throw new InputError(`${table.file}:${line}: ${table.header[columns.date!]}`, `"${rawDate}" is not a date: ${expectedFormat(format)}.`);
    const channel = channelKey(row[columns.channel!] ?? '');
    if (channel === '') throw new InputError(`${table.file}:${line}: ${table.header[columns.channel!]}`, 'empty channel name.');
    if (long) {
      const rawMetric = (row[columns.metric!] ?? '').trim();
      const metric = metricName(rawMetric, config);
      const where = `${table.file}:${line}: ${table.header[columns.value!]}`;
      if (!metric) {
        ignored[rawMetric] = (ignored[rawMetric] ?? 0) + 1;
        return;
      }
      rows.push({ day: parsed.day, channel, metric, value: parseValue(row[columns.value!] ?? '', where) });
    } else {
      for (const { i, metric } of wide) {
        rows.push({ day: parsed.day, channel, metric, value: parseValue(row[i] ?? '', `${table.file}:${line}: ${table.header[i]}`) });
      }
    }
  });
  return { rows, ignored };
}

export type TargetStatus = 'met' | 'on track' | 'behind' | 'missed';
const SEVERITY: Record<TargetStatus, number> = { met: 0, 'on track': 1, behind: 2, missed: 3 };

export interface TargetResult {
  id: string;
  objective: string;
  channel: string;
  metric: MetricName;
  target: number;
  start: string;
  /** Where the start date came from. */
  startFrom: 'metric' | 'plan' | 'first data' | 'deadline';
  by: string;
  actual: number;
  /** What a straight-line pace from start to deadline expects by the as-of date. */
  expected: number;
  percent: number;
  status: TargetStatus;
  rowsFound: number;
  /** Days from the as-of date to the deadline (negative after it). */
  daysLeft: number;
  /** Average per day still needed to reach the target by the deadline (null when met or past). */
  neededPerDay: number | null;
  /** Cumulative actuals per day from start, for charts. */
  days: string[];
  cumulative: number[];
}

export interface ObjectiveResult {
  id: string;
  text: string;
  /** The worst status of its targets. */
  status: TargetStatus | 'no targets';
  targets: TargetResult[];
}

export interface EvaluationResult {
  plan: string;
  metricsFile: string;
  asOf: string;
  objectives: ObjectiveResult[];
  counts: Record<TargetStatus, number>;
  ignoredMetrics: Record<string, number>;
}

export function evaluateTargets(plan: PlanTargets, data: MetricRows, asOf: string, sources: { plan: string; metricsFile: string }): EvaluationResult {
  const targets: TargetResult[] = plan.metrics.map((m) => {
    const channel = channelKey(m.channel);
    const series = data.rows.filter((r) => r.channel === channel && r.metric === m.metric);
    const firstData = series.reduce<string | undefined>((min, r) => (min === undefined || r.day < min ? r.day : min), undefined);
    const [start, startFrom]: [string, TargetResult['startFrom']] = m.start
      ? [m.start, 'metric']
      : plan.start
        ? [plan.start, 'plan']
        : firstData && firstData <= m.by
          ? [firstData, 'first data']
          : [m.by, 'deadline'];
    // Only what happened by the deadline counts towards the target
    const countedTo = asOf < m.by ? asOf : m.by;
    const counted = series.filter((r) => r.day >= start && r.day <= countedTo);
    const actual = counted.reduce((s, r) => s + r.value, 0);
    const elapsed = asOf < start ? 0 : Math.min(1, (daysBetween(start, asOf) + 1) / (daysBetween(start, m.by) + 1));
    const expected = m.target * elapsed;
    const status: TargetStatus = actual >= m.target ? 'met' : asOf > m.by ? 'missed' : actual >= expected ? 'on track' : 'behind';
    const daysLeft = daysBetween(asOf, m.by);
    const lastDataDay = counted.reduce((max, r) => (r.day > max ? r.day : max), start);
    const chartEnd = asOf < start ? start : asOf <= m.by ? m.by : lastDataDay > m.by ? lastDataDay : m.by;
    const days = dayRange(start, chartEnd);
    const perDay = new Map<string, number>();
    for (const r of counted) perDay.set(r.day, (perDay.get(r.day) ?? 0) + r.value);
    let running = 0;
    const cumulative: number[] = [];
    for (const d of days) {
      if (d > countedTo) break;
      running += perDay.get(d) ?? 0;
      cumulative.push(running);
    }
    return {
      id: m.id,
      objective: m.objective,
      channel: m.channel,
      metric: m.metric,
      target: m.target,
      start,
      startFrom,
      by: m.by,
      actual,
      expected,
      percent: (100 * actual) / m.target,
      status,
      rowsFound: series.length,
      daysLeft,
      neededPerDay: status === 'met' || status === 'missed' ? null : (m.target - actual) / Math.max(1, daysBetween(asOf < start ? addDays(start, -1) : asOf, m.by)),
      days,
      cumulative,
    };
  });
  const objectives = plan.objectives.map((o) => {
    const mine = targets.filter((t) => t.objective === o.id);
    const worst = mine.reduce<TargetStatus>((w, t) => (SEVERITY[t.status] > SEVERITY[w] ? t.status : w), 'met');
    return { id: o.id, text: o.text, status: mine.length === 0 ? ('no targets' as const) : worst, targets: mine };
  });
  const counts: Record<TargetStatus, number> = { met: 0, 'on track': 0, behind: 0, missed: 0 };
  for (const t of targets) counts[t.status]++;
  return { plan: sources.plan, metricsFile: sources.metricsFile, asOf, objectives, counts, ignoredMetrics: data.ignored };
}
