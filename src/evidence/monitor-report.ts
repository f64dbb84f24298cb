/** Reporters for `ptk monitor`: pure functions over one BriefingResult. */
import { escapeHtml, htmlPage } from '../lib/html.js';
import { excerpt, formatNumber, mdText, signed } from './format.js';
import type { BriefingResult, QuotedPost, TopicSummary } from './monitor.js';
import { lineChartSvg } from './svg.js';

function trendWords(t: TopicSummary): string {
  const perWeek = t.slope * 7;
  if (t.total === 0) return 'no posts';
  if (Math.abs(perWeek) < 0.5) return 'steady';
  return `${perWeek > 0 ? 'rising' : 'falling'} by about ${formatNumber(Math.abs(perWeek), 1)} posts a day each week`;
}

function sentimentWords(t: TopicSummary): string {
  if (t.total === 0) return '–';
  const pct = (n: number) => `${Math.round((100 * n) / t.total)}%`;
  return `${signed(t.sentiment.meanScore, 2)} (${pct(t.sentiment.positive)} positive, ${pct(t.sentiment.negative)} negative)`;
}

function labelsOf(result: BriefingResult, ids: string[]): string {
  return ids.map((id) => result.topics.find((t) => t.id === id)?.label ?? id).join(', ');
}

function who(p: QuotedPost): string {
  const extra = [p.type, p.rank !== null ? `influence rank ${p.rank}` : null].filter(Boolean).join(', ');
  return extra ? `@${p.author} (${extra})` : `@${p.author}`;
}

function redactionNote(result: BriefingResult): string {
  const entries = Object.entries(result.redactions).filter(([, n]) => n > 0);
  const found = entries.length > 0 ? ` Removed from the quotes: ${entries.map(([type, n]) => `${n} ${type}`).join(', ')}.` : '';
  return `Quoted posts have e-mail addresses, phone numbers, personal identifiers, links with paths and @handles inside the text redacted.${found}`;
}

export function briefingMarkdown(result: BriefingResult): string {
  const topicRows = result.topics.map(
    (t) => `| ${mdText(t.label)} | ${formatNumber(t.total)} | ${t.lastWeek} | ${t.weekBefore} | ${mdText(trendWords(t))} | ${sentimentWords(t)} |`,
  );
  const dayRows = result.days.map((day, i) => `| ${day} | ${result.topics.map((t) => t.daily[i]).join(' | ')} |`);
  const quoteRows = (posts: QuotedPost[]) =>
    posts.map((p) => `| ${p.day} | ${mdText(who(p))} | ${mdText(excerpt(p.text))} | ${mdText(labelsOf(result, p.topics))} | ${p.reposts} | ${p.likes} |`);
  const quoteHeader = ['| Day | Account | Post | Topics | Reposts | Likes |', '|---|---|---|---|---:|---:|'];
  return [
    `# Social media monitoring briefing, ${result.since} to ${result.until}`,
    '',
    `Source: ${mdText(result.source)}. ${formatNumber(result.postsInPeriod)} posts in the period, ${formatNumber(result.postsOnTopics)} about at least one topic.`,
    '',
    '## Topics at a glance',
    '',
    '| Topic | Posts | Last 7 days | 7 days before | Trend | Sentiment (mean score) |',
    '|---|---:|---:|---:|---|---|',
    ...topicRows,
    '',
    'Trend: least-squares line through the daily counts. Sentiment: mean AFINN score per post (above 0 leans positive); a rough signal, read the posts.',
    '',
    '## New terms rising in volume',
    '',
    ...(result.risingPeriod === null
      ? [`The period is ${result.days.length} days: at least ${8} are needed to compare the last 7 days with the days before.`]
      : result.risingTerms.length === 0
        ? ['No term rose clearly in the last 7 days.']
        : [
            `Posts using the term from ${result.risingPeriod.recentFrom} compared with ${result.risingPeriod.previousFrom} to ${result.risingPeriod.previousTo} (at least 5 recent posts and twice the earlier share).`,
            '',
            '| Term | Posts, last 7 days | Posts before | Times the earlier share |',
            '|---|---:|---:|---:|',
            ...result.risingTerms.map((t) => `| ${mdText(t.term)} | ${t.recent} | ${t.previous} | ${t.ratio === null ? 'new' : formatNumber(t.ratio, 1)} |`),
          ]),
    '',
    '## Most shared posts',
    '',
    ...(result.mostShared.length === 0 ? ['No posts on these topics in the period.'] : [...quoteHeader, ...quoteRows(result.mostShared)]),
    '',
    '## Posts by known stakeholders and influential accounts',
    '',
    ...(result.knownAccounts === 0
      ? ['No account list given: pass --accounts with a CSV of accounts or the influence.json from `ptk influence`.']
      : result.stakeholderPosts.length === 0
        ? [`None of the ${result.knownAccounts} known accounts posted on these topics in the period.`]
        : [...quoteHeader, ...quoteRows(result.stakeholderPosts)]),
    '',
    '## Posts per topic per day',
    '',
    `| Day | ${result.topics.map((t) => mdText(t.label)).join(' | ')} |`,
    `|---|${result.topics.map(() => '---:').join('|')}|`,
    ...dayRows,
    '',
    redactionNote(result),
    '',
  ].join('\n');
}

function quoteTable(result: BriefingResult, posts: QuotedPost[]): string {
  const rows = posts
    .map(
      (p) =>
        `<tr><td>${escapeHtml(p.day)}</td><td>${escapeHtml(who(p))}</td><td>${escapeHtml(excerpt(p.text, 280))}</td><td>${escapeHtml(labelsOf(result, p.topics))}</td><td class="num">${p.reposts}</td><td class="num">${p.likes}</td></tr>`,
    )
    .join('\n');
  return `<table><thead><tr><th>Day</th><th>Account</th><th>Post</th><th>Topics</th><th class="num">Reposts</th><th class="num">Likes</th></tr></thead><tbody>
${rows}
</tbody></table>`;
}

export function briefingHtml(result: BriefingResult): string {
  const overview = result.topics
    .map(
      (t) =>
        `<tr><td>${escapeHtml(t.label)}</td><td class="num">${formatNumber(t.total)}</td><td class="num">${t.lastWeek}</td><td class="num">${t.weekBefore}</td><td>${escapeHtml(trendWords(t))}</td><td>${escapeHtml(sentimentWords(t))}</td></tr>`,
    )
    .join('\n');
  const charts = result.topics
    .map(
      (t) => `<figure class="topic-chart"><figcaption><strong>${escapeHtml(t.label)}</strong>: ${formatNumber(t.total)} posts, ${escapeHtml(trendWords(t))}</figcaption>
${lineChartSvg(result.days, [{ label: t.label, values: t.daily, trend: t.trend }], `Posts per day about ${t.label}, with trend line`)}
</figure>`,
    )
    .join('\n');
  const rising =
    result.risingPeriod === null
      ? `<p>The period is ${result.days.length} days: at least 8 are needed to compare the last 7 days with the days before.</p>`
      : result.risingTerms.length === 0
        ? '<p>No term rose clearly in the last 7 days.</p>'
        : `<p>Posts using the term from ${escapeHtml(result.risingPeriod.recentFrom)} compared with ${escapeHtml(result.risingPeriod.previousFrom)} to ${escapeHtml(result.risingPeriod.previousTo)} (at least 5 recent posts and twice the earlier share).</p>
<table><thead><tr><th>Term</th><th class="num">Posts, last 7 days</th><th class="num">Posts before</th><th class="num">Times the earlier share</th></tr></thead><tbody>
${result.risingTerms.map((t) => `<tr><td>${escapeHtml(t.term)}</td><td class="num">${t.recent}</td><td class="num">${t.previous}</td><td class="num">${t.ratio === null ? 'new' : formatNumber(t.ratio, 1)}</td></tr>`).join('\n')}
</tbody></table>`;
  const stakeholders =
    result.knownAccounts === 0
      ? '<p>No account list given: pass <code>--accounts</code> with a CSV of accounts or the influence.json from <code>ptk influence</code>.</p>'
      : result.stakeholderPosts.length === 0
        ? `<p>None of the ${result.knownAccounts} known accounts posted on these topics in the period.</p>`
        : quoteTable(result, result.stakeholderPosts);
  const dayTable = `<table><thead><tr><th>Day</th>${result.topics.map((t) => `<th class="num">${escapeHtml(t.label)}</th>`).join('')}</tr></thead><tbody>
${result.days.map((day, i) => `<tr><td>${day}</td>${result.topics.map((t) => `<td class="num">${t.daily[i]}</td>`).join('')}</tr>`).join('\n')}
</tbody></table>`;
  const body = `<h1>Social media monitoring briefing, ${escapeHtml(result.since)} to ${escapeHtml(result.until)}</h1>
<p>Source: ${escapeHtml(result.source)}. ${formatNumber(result.postsInPeriod)} posts in the period, ${formatNumber(result.postsOnTopics)} about at least one topic.</p>
<h2>Topics at a glance</h2>
<table><thead><tr><th>Topic</th><th class="num">Posts</th><th class="num">Last 7 days</th><th class="num">7 days before</th><th>Trend</th><th>Sentiment (mean score)</th></tr></thead><tbody>
${overview}
</tbody></table>
<p class="muted">Trend: least-squares line through the daily counts (dashed). Sentiment: mean AFINN score per post (above 0 leans positive); a rough signal, read the posts.</p>
<h2>Posts per day</h2>
${charts}
<h2>New terms rising in volume</h2>
${rising}
<h2>Most shared posts</h2>
${result.mostShared.length === 0 ? '<p>No posts on these topics in the period.</p>' : quoteTable(result, result.mostShared)}
<h2>Posts by known stakeholders and influential accounts</h2>
${stakeholders}
<details><summary>Posts per topic per day (table)</summary>
${dayTable}
</details>
<p class="muted">${escapeHtml(redactionNote(result))}</p>`;
  return htmlPage({ title: `Monitoring briefing ${result.since} to ${result.until}`, body, css: '.topic-chart { margin: 1rem 0; } .topic-chart svg { max-height: 180px; }' });
}

export function briefingJson(result: BriefingResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
