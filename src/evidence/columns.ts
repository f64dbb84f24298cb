/**
 * Column mapping: which column of an export holds each field we need. Typical export names are
 * recognised without configuration; a small YAML config (`columns:`) names the others.
 * Header names are compared ignoring case, spaces and punctuation ("Created At" = "created_at").
 */
import { z } from 'zod';
import { InputError } from '../errors.js';

export const FIELDS = [
  'id',
  'author',
  'text',
  'date',
  'followers',
  'reposts',
  'replies',
  'likes',
  'mentions',
  'reply_to',
  'repost_of',
  'url',
  'channel',
  'metric',
  'value',
] as const;
export type Field = (typeof FIELDS)[number];

/** Names recognised without a config, in order of preference. */
export const DEFAULT_COLUMNS: Record<Field, readonly string[]> = {
  id: ['id', 'post_id', 'tweet_id', 'status_id', 'message_id'],
  author: ['author', 'handle', 'username', 'user', 'screen_name', 'user_screen_name', 'author_handle', 'account', 'from_user', 'user_name'],
  text: ['text', 'content', 'message', 'full_text', 'body', 'post', 'tweet', 'post_text'],
  date: ['date', 'created_at', 'timestamp', 'time', 'datetime', 'published', 'published_at', 'post_date', 'day'],
  followers: ['followers', 'followers_count', 'user_followers_count', 'author_followers', 'follower_count'],
  reposts: ['reposts', 'retweets', 'shares', 'retweet_count', 'repost_count', 'share_count', 'reshares', 'boosts'],
  replies: ['replies', 'reply_count', 'comments', 'comment_count'],
  likes: ['likes', 'like_count', 'favorites', 'favourites', 'favorite_count', 'favourite_count', 'reactions'],
  mentions: ['mentions', 'mentioned_users', 'user_mentions', 'mentioned', 'mentioned_accounts'],
  reply_to: ['reply_to', 'in_reply_to', 'in_reply_to_screen_name', 'in_reply_to_user', 'replied_to', 'reply_to_handle'],
  repost_of: ['repost_of', 'retweet_of', 'reposted_from', 'retweeted_user', 'retweeted_screen_name', 'shared_from', 'boost_of'],
  url: ['url', 'link', 'permalink', 'post_url'],
  channel: ['channel', 'platform', 'source', 'network'],
  metric: ['metric', 'measure', 'kpi'],
  value: ['value', 'count', 'amount', 'total'],
};

export const DATE_FORMATS = ['auto', 'YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'unix'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** The mapping config (`--config`). Unknown fields are errors so typos do not pass silently. */
export const mappingConfigSchema = z.strictObject({
  columns: z.partialRecord(z.enum(FIELDS), z.string().min(1)).optional(),
  dateFormat: z.enum(DATE_FORMATS).optional(),
  weights: z
    .strictObject({
      mention: z.number().min(0).optional(),
      reply: z.number().min(0).optional(),
      repost: z.number().min(0).optional(),
    })
    .optional(),
  /** Lookup CSV (account,type) for classifying accounts; relative to the config file. */
  accounts: z.string().min(1).optional(),
  /** Metric names used in the export mapped to ours, e.g. `Sign-ups: signups`. */
  metricNames: z.record(z.string(), z.string()).optional(),
});
export type MappingConfig = z.infer<typeof mappingConfigSchema>;

export function normaliseHeader(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export type ColumnIndex = Partial<Record<Field, number>>;

/**
 * Find each field's column. Fields in `required` must be found; a configured column that is not in the
 * header is always an error. The error lists the columns that are there.
 */
export function resolveColumns(
  header: readonly string[],
  file: string,
  config: MappingConfig,
  required: readonly Field[],
  optional: readonly Field[],
): ColumnIndex {
  const positions = new Map<string, number>();
  header.forEach((name, i) => {
    const key = normaliseHeader(name);
    if (key && !positions.has(key)) positions.set(key, i);
  });
  const available = header.map((h) => `"${h}"`).join(', ');
  const index: ColumnIndex = {};
  for (const field of [...required, ...optional]) {
    const configured = config.columns?.[field];
    if (configured !== undefined) {
      const at = positions.get(normaliseHeader(configured));
      if (at === undefined) {
        throw new InputError(file, `no column "${configured}" (mapped to ${field} in the config); the columns are ${available}.`);
      }
      index[field] = at;
      continue;
    }
    const at = DEFAULT_COLUMNS[field].map((name) => positions.get(normaliseHeader(name))).find((i) => i !== undefined);
    if (at !== undefined) index[field] = at;
    else if (required.includes(field)) {
      throw new InputError(
        file,
        `no ${field} column (looked for ${DEFAULT_COLUMNS[field].slice(0, 4).join(', ')}...); the columns are ${available}. Map it with --config (see docs/column-mapping.md).`,
      );
    }
  }
  return index;
}
