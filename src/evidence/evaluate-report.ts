/** Reporters for `ptk evaluate`: pure functions over one EvaluationResult. */
import { escapeHtml, htmlPage } from '../lib/html.js';
import { formatNumber, mdText } from './format.js';
import type { EvaluationResult, ObjectiveResult, TargetResult } from './metrics.js';
import { lineChartSvg, progressBarSvg } from './svg.js';

const STATUS_COLOUR: Record<string, string> = { met: '#00703c', 'on track': '#1d70b8', behind: '#f47738', missed: '#d4351c', 'no targets': '#505a5f' };

function explain(t: TargetResult): string {
  const pace = `${formatNumber(t.actual)} of ${formatNumber(t.target)} (${formatNumber(t.percent)}%)`;
  switch (t.status) {
    case 'met':
      return `${pace}: target met.`;
    case 'missed':
      return `${pace}: the deadline ${t.by} has passed, ${formatNumber(t.target - t.actual)} short.`;
    case 'behind':
      return `${pace}: behind the ${formatNumber(t.expected)} expected by now; needs about ${formatNumber(t.neededPerDay ?? 0, 1)} a day until ${t.by}.`;
    default:
      return `${pace}: on track (${formatNumber(t.expected)} expected by now); ${formatNumber(t.neededPerDay ?? 0, 1)} a day reaches it by ${t.by}.`;
  }
}

function startNote(t: TargetResult): string {
  return { metric: 'the metric start', plan: 'the plan start', 'first data': 'the first data row', deadline: 'the deadline (no data)' }[t.startFrom];
}

function summaryLine(result: EvaluationResult): string {
  const c = result.counts;
  return `${c.met} met, ${c['on track']} on track, ${c.behind} behind, ${c.missed} missed.`;
}

export function evaluationMarkdown(result: EvaluationResult): string {
  const lines = [
    `# Progress against the plan's targets, as of ${result.asOf}`,
    '',
    `Plan: ${mdText(result.plan)}. Metrics: ${mdText(result.metricsFile)}. ${summaryLine(result)}`,
    '',
  ];
  for (const o of result.objectives) {
    lines.push(`## ${mdText(o.id)}: ${mdText(o.text)}`, '', `Status: **${o.status}**`, '');
    if (o.targets.length === 0) {
      lines.push('No metric targets for this objective.', '');
      continue;
    }
    lines.push('| Target | Channel | Metric | Actual | Target | Expected by now | Deadline | Status |', '|---|---|---|---:|---:|---:|---|---|');
    for (const t of o.targets) {
      lines.push(
        `| ${mdText(t.id)} | ${mdText(t.channel)} | ${t.metric} | ${formatNumber(t.actual)} | ${formatNumber(t.target)} | ${formatNumber(t.expected)} | ${t.by} | ${t.status} |`,
      );
    }
    lines.push('', ...o.targets.map((t) => `- ${mdText(t.id)}: ${mdText(explain(t))}${t.rowsFound === 0 ? ' No data rows for this channel and metric: check the names.' : ''}`), '');
  }
  lines.push(...methodLines(result).map((l) => mdText(l)), '');
  return lines.join('\n');
}

function methodLines(result: EvaluationResult): string[] {
  const ignored = Object.entries(result.ignoredMetrics);
  return [
    'How progress is judged: values are summed per channel and metric from each target\'s start to the as-of date or the deadline, whichever is earlier. Met: the sum reaches the target. On track: at or above a straight line from 0 at the start to the target at the deadline. Behind: below that line before the deadline. Missed: below the target after the deadline.',
    ...(ignored.length > 0 ? [`Metrics in the export that no target uses were ignored: ${ignored.map(([name, n]) => `${name} (${n} rows)`).join(', ')}.`] : []),
  ];
}

function targetHtml(t: TargetResult): string {
  const colour = STATUS_COLOUR[t.status]!;
  const pace = t.days.map((_, i) => (t.target * Math.min(1, (i + 1) / (t.days.indexOf(t.by) + 1 || t.days.length))));
  const chart = lineChartSvg(t.days, [{ label: 'actual (cumulative)', values: t.cumulative }, { label: 'straight-line pace to target', values: pace }], `${t.id}: cumulative ${t.metric} against the pace to the target`);
  return `<section class="target">
<h3>${escapeHtml(t.id)} <span class="status" style="background:${colour}">${escapeHtml(t.status)}</span></h3>
<p>${escapeHtml(t.channel)}, ${escapeHtml(t.metric)}: ${escapeHtml(explain(t))}${t.rowsFound === 0 ? ' <strong>No data rows for this channel and metric: check the names.</strong>' : ''}</p>
${progressBarSvg(t.actual, t.target, t.status === 'met' || t.status === 'missed' ? null : t.expected, colour, `${formatNumber(t.actual)} of ${formatNumber(t.target)}`)}
<p class="muted">Bar: progress to the target; dashed tick: expected by now. From ${escapeHtml(t.start)} (${escapeHtml(startNote(t))}) to ${escapeHtml(t.by)}.</p>
<details open><summary>Cumulative chart</summary>${chart}</details>
</section>`;
}

function objectiveHtml(o: ObjectiveResult): string {
  return `<h2>${escapeHtml(o.id)}: ${escapeHtml(o.text)} <span class="status" style="background:${STATUS_COLOUR[o.status]}">${escapeHtml(o.status)}</span></h2>
${o.targets.length === 0 ? '<p>No metric targets for this objective.</p>' : o.targets.map(targetHtml).join('\n')}`;
}

export function evaluationHtml(result: EvaluationResult): string {
  const body = `<h1>Progress against the plan's targets, as of ${escapeHtml(result.asOf)}</h1>
<p>Plan: ${escapeHtml(result.plan)}. Metrics: ${escapeHtml(result.metricsFile)}. <strong>${escapeHtml(summaryLine(result))}</strong></p>
${result.objectives.map(objectiveHtml).join('\n')}
${methodLines(result).map((l) => `<p class="muted">${escapeHtml(l)}</p>`).join('\n')}`;
  return htmlPage({
    title: `Evaluation as of ${result.asOf}`,
    body,
    css: '.status { color: #fff; border-radius: 3px; padding: 0 .4rem; font-size: .8em; vertical-align: middle; } .target { margin: 1rem 0 1.5rem; }',
  });
}

export function evaluationJson(result: EvaluationResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
