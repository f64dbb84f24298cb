/**
 * A compiled analysis plan: the config resolved to column indices, plain data so it can be sent
 * to worker threads (each thread compiles its own theme matchers from it).
 */
import type { AnalysisConfig, CampaignsConfig } from '../config.js';
import type { ReviewEntry } from '../review.js';
import type { Theme } from '../themes/codeframe.js';
import { personalDataColumns, type PersonalColumns } from '../personal-columns.js';

export interface ClosedPlan {
  column: string;
  index: number;
  multi: boolean;
  separator: string;
  /** Configured options in order; answers are matched to them case-insensitively. */
  options: string[];
}

export interface OpenPlan {
  column: string;
  index: number;
  /** The codeframe's themes for this question, or null when it is not coded. */
  themes: Theme[] | null;
}

export interface SegmentPlan {
  column: string;
  index: number;
}

export interface CampaignPlan {
  /** Header indices of the open questions whose text, joined, is compared. */
  columns: number[];
  threshold: number;
  minSize: number;
  minWords: number;
}

export interface Plan {
  delimiter: string;
  header: string[];
  idIndex: number;
  typeIndex: number;
  segments: SegmentPlan[];
  closed: ClosedPlan[];
  open: OpenPlan[];
  /** Build responses.csv lines (skipped when csv output is not wanted). */
  writeResponses: boolean;
  /** Redact the text written to responses.csv and review.csv. */
  redactResponses: boolean;
  /** Redact the working sheets: review.csv answers and rejects.csv cells (off with --no-redact-review). */
  redactReview: boolean;
  /** Columns with respondents' own names and e-mails: their values are redacted from that row's text. */
  personal: PersonalColumns;
  /** Redact example quotes (theme quotes, sentiment examples, campaign templates). */
  redactQuotes: boolean;
  /** Campaign detection, or null when off (or no open question to compare). */
  campaigns: CampaignPlan | null;
  /** Review entries from review.csv (empty without --review). */
  review: ReviewEntry[];
  /**
   * Share of answered responses (0-1) written to the review.csv template per coded question, chosen
   * by a hash of response id and question so the sample is stable from run to run; 0 = no template.
   * Responses named in the review file are always written.
   */
  reviewSample: number;
}

export interface PlanExtras {
  redactResponses?: boolean;
  redactQuotes?: boolean;
  redactReview?: boolean;
  review?: ReviewEntry[];
  /** Campaign settings after command-line overrides; undefined = the config's (or the defaults). */
  campaigns?: CampaignsConfig;
}

export function compilePlan(config: AnalysisConfig, header: string[], delimiter: string, writeResponses: boolean, extras: PlanExtras = {}): Plan {
  const indexOf = (column: string | null | undefined): number => (column ? header.indexOf(column) : -1);
  const open = config.open.map((q) => ({ column: q.column, index: indexOf(q.column), themes: config.codeframe?.questions[q.column] ?? null }));
  const campaigns = extras.campaigns ?? config.campaigns;
  const campaignColumns = (campaigns?.columns ?? config.open.map((q) => q.column)).map(indexOf).filter((i) => i >= 0);
  return {
    delimiter,
    header,
    idIndex: indexOf(config.id),
    typeIndex: indexOf(config.respondentType),
    segments: config.segments.map((column) => ({ column, index: indexOf(column) })),
    closed: config.closed.map((q) => ({ column: q.column, index: indexOf(q.column), multi: q.multi, separator: q.separator ?? ';', options: q.options ?? [] })),
    open,
    writeResponses,
    redactResponses: extras.redactResponses === true,
    redactQuotes: extras.redactQuotes !== false,
    redactReview: extras.redactReview !== false,
    personal: personalDataColumns(header),
    campaigns:
      campaigns?.detect === false || campaignColumns.length === 0
        ? null
        : { columns: campaignColumns, threshold: campaigns?.similarity ?? 0.8, minSize: campaigns?.minSize ?? 5, minWords: campaigns?.minWords ?? 8 },
    review: extras.review ?? [],
    reviewSample: 0,
  };
}

/** True when some open question has a codeframe. */
export function hasThemes(plan: Plan): boolean {
  return plan.open.some((q) => q.themes !== null);
}
