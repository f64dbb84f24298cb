// Regenerates the synthetic sample exports in this folder: `node examples/social/generate.mjs`.
// Everything is invented (accounts, people, posts); a fixed seed keeps the files identical between runs.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
let seed = 20270104;
function random() {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
function poisson(mean) {
  let l = Math.exp(-mean), k = 0, p = 1;
  do { k++; p *= random(); } while (p > l);
  return k - 1;
}
const csvCell = (v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
const toCsv = (rows) => rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';

// --- accounts -------------------------------------------------------------------------------
// weight: how often others engage with the account; followers: reach. Deliberately not aligned.
const named = [
  ['NorthgateNHSTrust', 'organisation', 48000, 6],
  ['PatientsVoiceUK', 'organisation', 21000, 7],
  ['CarersTogether', 'organisation', 9300, 4],
  ['MindMattersCharity', 'organisation', 64000, 5],
  ['HealthDeptNews', 'organisation', 310000, 5],
  ['RiversideCouncil', 'organisation', 15000, 2],
  ['sam_okafor_health', 'journalist', 27000, 6],
  ['LucyReidReports', 'journalist', 88000, 5],
  ['ben_data_desk', 'journalist', 4100, 3],
  ['DrAishaKhanGP', 'clinician', 12500, 6],
  ['NurseTomWilliams', 'clinician', 6100, 4],
  ['DrPriyaNandaData', 'clinician', 820, 9], // few followers, much engaged with
  ['ProfHelenMarsh', 'clinician', 19000, 5],
  ['paramedic_jo', 'clinician', 3400, 2],
  ['CllrMariaJones', 'politician', 5200, 3],
  ['MPforRiverside', 'politician', 41000, 3],
  ['CelebChefMax', 'public', 2100000, 0], // huge following, nobody engages on this topic
  ['FitnessFayeOfficial', 'public', 950000, 0],
];
const publicHandles = [];
const firstNames = ['amy', 'raj', 'kate', 'li', 'tom', 'sara', 'dev', 'ella', 'mo', 'jack', 'nina', 'owen', 'zara', 'pete', 'ruth', 'kwame', 'iona', 'gwen'];
const suffixes = ['_ldn', '_writes', '77', '_uk', '_88', 'onthemove', '_m', '_k', 'mum', 'dad', '_carer', '2024'];
while (publicHandles.length < 220) {
  const h = `${pick(firstNames)}${pick(suffixes)}${publicHandles.length % 7 === 0 ? int(1, 99) : ''}`;
  if (!publicHandles.includes(h)) publicHandles.push(h);
}
const accounts = [
  ...named.map(([handle, type, followers, weight]) => ({ handle, type, followers, weight })),
  ...publicHandles.map((handle) => ({ handle, type: 'public', followers: Math.round(40 * Math.exp(random() * 6)), weight: random() < 0.1 ? 1 : 0.2 })),
];
const engageable = accounts.filter((a) => a.weight > 0);
const totalWeight = engageable.reduce((s, a) => s + a.weight, 0);
function targetAccount(except) {
  for (;;) {
    let r = random() * totalWeight;
    for (const a of engageable) {
      r -= a.weight;
      if (r <= 0) {
        if (a.handle !== except) return a;
        break;
      }
    }
  }
}
// Posters: the named accounts post more often
const posters = accounts.flatMap((a) => (a.type === 'public' ? [a] : [a, a, a, a, a, a]));

// --- topics and text ---------------------------------------------------------------------------
const topics = {
  waiting: {
    subjects: ['the waiting list', 'waiting times', 'the elective backlog', 'A&E waits', 'the referral to treatment wait', 'waiting lists for hip operations'],
    tags: ['#WaitingList', '#NHS', '#backlog'],
    base: 22, trend: 0.25,
  },
  vaccination: {
    subjects: ['the flu vaccine', 'the MMR jab', 'vaccination clinics', 'the covid booster', 'vaccine uptake', 'the RSV vaccination programme'],
    tags: ['#vaccines', '#GetVaccinated', '#flujab'],
    base: 18, trend: -0.15,
  },
  mental: {
    subjects: ['mental health services', 'CAMHS waiting times', 'talking therapies', 'crisis support for young people', 'perinatal mental health care'],
    tags: ['#MentalHealth', '#CAMHS'],
    base: 14, trend: 0.05,
  },
  gp: {
    subjects: ['GP appointments', 'getting a GP appointment', 'the 8am phone scramble', 'online GP booking', 'the local surgery'],
    tags: ['#GPaccess', '#primarycare'],
    base: 16, trend: 0.0,
  },
  care: {
    subjects: ['social care funding', 'home care visits', 'care home places', 'support for unpaid carers', 'delayed discharge from hospital'],
    tags: ['#SocialCare', '#carers'],
    base: 10, trend: 0.08,
  },
};
const positive = ['Really pleased to see progress on', 'Great work from the team on', 'Good news today about', 'Thank you to everyone improving', 'Encouraging figures on', 'Brilliant community effort on'];
const negative = ['Worried about', 'Frustrated with', 'Still no answers on', 'Terrible experience with', 'Another week of problems with', 'Angry that nothing changes on'];
const neutral = ['New figures published on', 'Thread on', 'Read our briefing on', 'Question for the minister about', 'Our latest analysis of', 'Q&A this week about'];
const tails = ['', ' What is your experience?', ' Details in the link.', ' More to follow.', ' Share if this affects you.', ' We need a plan.', ' Please read and share.'];
// Terms that appear only in the final week, so they show as rising
const risingLate = ['the resident doctors strike', 'the norovirus outbreak', 'corridor care'];
const background = ['staff shortages', 'hospital parking', 'the cold snap', 'pharmacy closures', 'ambulance handovers', 'winter pressures'];

const start = Date.UTC(2027, 0, 4);
const days = 42;
const rows = [['id', 'date', 'author', 'followers', 'text', 'likes', 'reposts', 'replies', 'reply_to', 'repost_of', 'url']];
const recent = []; // posts others may reply to or repost
let id = 1000;
for (let d = 0; d < days; d++) {
  for (const [name, t] of Object.entries(topics)) {
    const mean = Math.max(1, t.base * (1 + t.trend * (d / days)) * (d % 7 >= 5 ? 0.6 : 1));
    const n = poisson(mean);
    for (let k = 0; k < n; k++) {
      const author = pick(posters);
      const time = new Date(start + d * 86400000 + int(6 * 3600, 23 * 3600) * 1000).toISOString().replace('.000', '');
      const followers = Math.max(0, Math.round(author.followers * (1 + (d / days) * 0.02)));
      const kind = random();
      let text;
      let replyTo = '';
      let repostOf = '';
      if (kind < 0.18 && recent.length > 20) {
        const original = pick(recent.slice(-200));
        const target = random() < 0.7 ? original.author : targetAccount(author.handle);
        if (target.handle === author.handle) continue;
        repostOf = target.handle;
        text = `RT @${target.handle}: ${original.text}`.slice(0, 280);
      } else if (kind < 0.35 && recent.length > 20) {
        const target = targetAccount(author.handle);
        replyTo = target.handle;
        text = `@${target.handle} ${pick(['Agree, and', 'Not my experience:', 'Thanks for raising', 'Can you say more about', 'Exactly this on'])} ${pick(t.subjects)}.${pick(tails)}`;
      } else {
        const tone = random();
        const opener = tone < 0.3 ? pick(positive) : tone < 0.65 ? pick(negative) : pick(neutral);
        text = `${opener} ${pick(t.subjects)}.${pick(tails)}`;
        if (random() < 0.35) text += ` ${pick(t.tags)}`;
        if (random() < 0.3) {
          const mentioned = targetAccount(author.handle);
          text += ` cc @${mentioned.handle}`;
        }
        if (random() < 0.3) text += ` Also hearing about ${d >= days - 7 && random() < 0.6 ? pick(risingLate) : pick(background)}.`;
        if (random() < 0.004) text += ' Contact me on 07700 900123 or jo.bloggs@example.com';
      }
      const influence = author.weight;
      const likes = repostOf ? 0 : Math.round(poisson(1 + influence * 3) * (1 + influence));
      const reposts = repostOf ? 0 : poisson(0.3 + influence * 1.2);
      const replies = repostOf ? 0 : poisson(0.2 + influence * 0.8);
      const postId = id++;
      const row = [String(postId), time, author.handle, followers, text, likes, reposts, replies, replyTo, repostOf, `https://social.example/${author.handle}/${postId}`];
      rows.push(row);
      if (!repostOf && !replyTo) recent.push({ author, text });
    }
  }
}
// A few off-topic posts from the big accounts, which nobody engages with
for (let d = 0; d < days; d += 5) {
  for (const handle of ['CelebChefMax', 'FitnessFayeOfficial']) {
    const a = accounts.find((x) => x.handle === handle);
    const time = new Date(start + d * 86400000 + 12 * 3600000).toISOString().replace('.000', '');
    const postId = id++;
    rows.push([String(postId), time, handle, a.followers, pick(['Eat your greens and drink water!', 'New recipe video out now', 'Morning workout done, NHS staff you are heroes', 'Healthy habits start small']), 0, 0, 0, '', '', `https://social.example/${handle}/${postId}`]);
  }
}
const header = rows.shift();
rows.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
writeFileSync(join(here, 'posts.csv'), toCsv([header, ...rows]));

// Known accounts for classification
writeFileSync(join(here, 'accounts.csv'), toCsv([['account', 'type', 'name'], ...named.map(([h, type]) => [h, type, h.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ')])]));

// The same data in another export shape (day-first dates, other column names, a mentions column),
// to show a mapping config: see mapping.yaml
const other = [['Post ID', 'Author Handle', 'Published (UTC)', 'Post Content', 'Author Followers', 'Shares', 'Comments', 'Likes', 'Mentioned Accounts', 'In Reply To']];
for (const r of rows.slice(0, 400)) {
  const [y, m, dd] = r[1].slice(0, 10).split('-');
  const mentioned = [...r[4].matchAll(/@([A-Za-z0-9_]+)/g)].map((x) => x[1]).filter((h) => h !== r[8] && h !== r[9]);
  other.push([r[0], `@${r[2]}`, `${dd}/${m}/${y} ${r[1].slice(11, 16)}`, r[4], r[3], r[6], r[7], r[5], mentioned.join(' '), r[8]]);
}
writeFileSync(join(here, 'listening-export.csv'), toCsv(other));

// --- channel metrics for `ptk evaluate` --------------------------------------------------------
const metricRows = [['date', 'channel', 'metric', 'value']];
const series = [
  ['online-surveys', 'responses', 45],
  ['online-surveys', 'views', 260],
  ['social-media', 'reach', 5200],
  ['social-media', 'engagement', 210],
  ['social-media', 'clicks', 95],
  ['webinars', 'signups', 6],
  ['consultation-hub', 'downloads', 31],
  ['email-newsletter', 'clicks', 38],
];
const metricsStart = Date.UTC(2027, 0, 10);
for (let d = 0; d < 50; d++) {
  const date = new Date(metricsStart + d * 86400000).toISOString().slice(0, 10);
  for (const [channel, metric, mean] of series) {
    const weekend = new Date(date).getUTCDay() % 6 === 0 ? 0.5 : 1;
    metricRows.push([date, channel, metric, Math.round(mean * weekend * (0.7 + random() * 0.6))]);
  }
}
writeFileSync(join(here, 'metrics.csv'), toCsv(metricRows));
console.log(`posts.csv: ${rows.length} posts; listening-export.csv: ${other.length - 1}; metrics.csv: ${metricRows.length - 1} rows`);
