/** Reporters for `ptk influence`: pure functions over one InfluenceResult. */
import { basename } from 'node:path';
import { escapeHtml, htmlPage } from '../lib/html.js';
import { toSafeCsv } from '../lib/csv-safe.js';
import { formatNumber, formatSmall, mdText } from './format.js';
import type { AccountInfluence, InfluenceResult } from './influence.js';
import { networkSvg } from './svg.js';

function shift(a: AccountInfluence): string {
  if (a.followersRank === null) return 'followers unknown';
  const d = a.followersRank - a.rank;
  return d === 0 ? 'same' : d > 0 ? `up ${d}` : `down ${-d}`;
}

function period(result: InfluenceResult): string {
  return result.firstDay ? `${result.firstDay} to ${result.lastDay}` : 'no dates in the export';
}

const METHOD = (r: InfluenceResult) =>
  `Interactions: mention weight ${r.weights.mention}, reply ${r.weights.reply}, repost ${r.weights.repost}, from the author to the account. ` +
  `Weighted PageRank (damping ${r.damping}, accounts with no outgoing interactions share theirs evenly). ${r.formula}`;

export function influenceMarkdown(result: InfluenceResult): string {
  const top = result.accounts.slice(0, result.top);
  const rows = top.map(
    (a) =>
      `| ${a.rank} | @${mdText(a.handle)} | ${mdText(a.type ?? '')} | ${a.score.toFixed(3)} | ${formatSmall(a.pageRank)} | ${a.inDegree} | ${formatNumber(a.engagementReceived)} | ${formatNumber(a.followers)} | ${a.followersRank ?? '–'} | ${shift(a)} |`,
  );
  const movers = top.filter((a) => a.followersRank !== null && a.followersRank - a.rank >= 5).slice(0, 5);
  return [
    `# Influencer map: ${mdText(result.source)}`,
    '',
    `${formatNumber(result.posts)} posts, ${formatNumber(result.accountsTotal)} accounts, ${formatNumber(result.interactions)} interactions; ${period(result)}.`,
    '',
    '## Most influential accounts on this topic',
    '',
    '| Rank | Account | Type | Score | PageRank | In-degree | Engagement received | Followers | Rank by followers | Compared with followers |',
    '|---:|---|---|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
    '',
    ...(movers.length > 0
      ? ['Accounts ranked well above their follower count: ' + movers.map((a) => `@${mdText(a.handle)} (rank ${a.rank}, ${a.followersRank} by followers)`).join('; ') + '.', '']
      : []),
    '## How the ranking works',
    '',
    mdText(METHOD(result)),
    '',
    'In-degree counts distinct accounts that mentioned, replied to or reposted the account. The full list is in influence.csv and influence.json.',
    '',
  ].join('\n');
}

export function influenceHtml(result: InfluenceResult): string {
  const top = result.accounts.slice(0, result.top);
  const rows = top
    .map(
      (a) =>
        `<tr><td class="num">${a.rank}</td><td>@${escapeHtml(a.handle)}</td><td>${escapeHtml(a.type ?? '')}</td><td class="num">${a.score.toFixed(3)}</td><td class="num">${formatSmall(a.pageRank)}</td><td class="num">${a.inDegree}</td><td class="num">${formatNumber(a.engagementReceived)}</td><td class="num">${formatNumber(a.followers)}</td><td class="num">${a.followersRank ?? '–'}</td><td>${escapeHtml(shift(a))}</td></tr>`,
    )
    .join('\n');
  const maxScore = Math.max(1e-9, ...top.map((a) => a.score));
  const svg = networkSvg(
    top.map((a) => ({ id: a.account, label: `${a.rank}. @${a.handle}`, size: a.score / maxScore, group: a.type })),
    result.topEdges.map((e) => ({ from: e.from, to: e.to, weight: e.weight })),
    `Interactions among the top ${top.length} accounts`,
  );
  const body = `<h1>Influencer map: ${escapeHtml(result.source)}</h1>
<p>${formatNumber(result.posts)} posts, ${formatNumber(result.accountsTotal)} accounts, ${formatNumber(result.interactions)} interactions; ${escapeHtml(period(result))}.</p>
<h2>Most influential accounts on this topic</h2>
<div class="wide"><table>
<thead><tr><th class="num">Rank</th><th>Account</th><th>Type</th><th class="num">Score</th><th class="num">PageRank</th><th class="num">In-degree</th><th class="num">Engagement received</th><th class="num">Followers</th><th class="num">Rank by followers</th><th>Compared with followers</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>
<h2>Who interacts with whom</h2>
<figure>
${svg}
<figcaption class="muted">The top ${top.length} accounts in rank order, clockwise from the top; circle size shows the score, arrows point from the account that mentioned, replied or reposted to the account it engaged with; thicker lines carry more interactions.</figcaption>
</figure>
<h2>How the ranking works</h2>
<p>${escapeHtml(METHOD(result))}</p>
<p>In-degree counts distinct accounts that mentioned, replied to or reposted the account. The full list is in influence.csv and influence.json.</p>`;
  // the file name only: a report that is shared must not show where it sat on the analyst's machine
  return htmlPage({ title: `Influencer map: ${basename(result.source)}`, body, css: '.wide { overflow-x: auto; } .wide table { font-size: .9em; } .wide td, .wide th { white-space: nowrap; }' });
}

export const INFLUENCE_CSV_HEADER = [
  'rank',
  'account',
  'type',
  'score',
  'pagerank',
  'in_degree',
  'mentions_received',
  'replies_received',
  'reposts_received',
  'engagement_received',
  'posts',
  'followers',
  'rank_by_followers',
];

export function influenceCsv(result: InfluenceResult): string {
  return toSafeCsv(
    INFLUENCE_CSV_HEADER,
    result.accounts.map((a) => [
      a.rank,
      a.handle,
      a.type ?? '',
      a.score.toFixed(6),
      a.pageRank.toPrecision(6),
      a.inDegree,
      a.mentionsReceived,
      a.repliesReceived,
      a.repostsReceived,
      a.engagementReceived,
      a.posts,
      a.followers ?? '',
      a.followersRank ?? '',
    ]),
  );
}

/** JSON: the result itself (all accounts), stable key order. */
export function influenceJson(result: InfluenceResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

/** Rows for the terminal table. */
export function influenceTerminalRows(result: InfluenceResult): string[][] {
  return result.accounts
    .slice(0, result.top)
    .map((a) => [String(a.rank), `@${a.handle}`, a.type ?? '', a.score.toFixed(3), String(a.inDegree), formatNumber(a.engagementReceived), formatNumber(a.followers), a.followersRank === null ? '–' : String(a.followersRank)]);
}
