/**
 * The streaming driver: reads the file in chunks, reads the header and a sample, settles the
 * config, then cuts the rest into blocks of complete records (quote-parity aware) and hands them
 * to a processor (in-process or worker threads) with a bounded number in flight. Results are
 * merged and written in input order, so memory stays flat however many rows there are.
 *
 * With campaign detection the file is read twice. The first pass computes each row's campaign
 * signature and each answer's sentiment and rule codes (in the workers, one scan per answer), feeds
 * the detector (in the main thread) and keeps the sentiment and codes in a temporary file; grouping
 * then gives every row its campaign and role. The second pass, cut into exactly the same blocks,
 * does the analysis with the roles known and the answers' records read back, so figures "excluding
 * campaign copies" and the campaign columns of responses.csv are computed as the rows stream by,
 * and the detector's memory is freed before it.
 */
import { availableParallelism } from 'node:os';
import { InputError } from '../../errors.js';
import type { AnalysisConfig } from '../config.js';
import { Source } from '../ingest/source.js';
import { plainAnalyses } from '../answers/registry.js';
import { mergeAnswerTallies, type AnswerTallies } from '../answers/tallies.js';
import { emptyAggregate, mergeAggregates, type Aggregate } from './aggregate.js';
import { runPass, type BlockCut } from './blocks.js';
import { detectCampaigns, spilledRecords, type CampaignOutcome } from './campaign-pass.js';
import { emptyCoding, mergeCoding, type Coding } from './coding.js';
import { HEADER_PHASE_BYTES, estimateRows, readHead } from './head.js';
import { PeakRss, collectGarbage } from './memory.js';
import { describeInput, type InputInfo } from './notes.js';
import { compilePlan, hasThemes, type Plan, type PlanExtras } from './plan.js';
import { MAX_BLOCK_BYTES, inProcess, workerPool, type ChunkProcessor } from './pool.js';
import { markQuotesTaken, quoteFlagLayout, type CampaignRoles, type ChunkResult, type RejectedRow } from './rows.js';
import { SpillDirectory, type SpilledRecords } from './spill.js';

// the modules run.ts drives, re-exported for the commands and the report that import them from here
export { sampleFile, readHead, type Head } from './head.js';
export { collectGarbage } from './memory.js';
export type { CampaignOutcome } from './campaign-pass.js';
export type { InputInfo } from './notes.js';
export type { BlockCut } from './blocks.js';

/** Files at least this big use worker threads by default; smaller ones start faster in-process. */
export const WORKER_THRESHOLD_BYTES = 8 * 1024 * 1024;
export const REJECTS_KEPT = 100;
/** About this many answered responses per coded question go into the review.csv template. */
export const REVIEW_TEMPLATE_ROWS = 5000;

export interface Sink {
  /** Called once the config is settled, before any rows. */
  begin(plan: Plan): void;
  /** responses.csv lines (UTF-8). Returns false when the writer wants the caller to wait for `drained()`. */
  responses(bytes: Uint8Array): boolean;
  rejects(rows: RejectedRow[]): boolean;
  /** review.csv template lines (UTF-8). */
  review(bytes: Uint8Array): boolean;
  drained(): Promise<void>;
}

export interface RunOptions {
  file: string;
  /** Given the header and sampled rows, return the config (validated or inferred). */
  settleConfig: (header: string[], sample: string[][]) => AnalysisConfig;
  /** Settings beyond the config (redaction, review entries, campaign overrides). */
  planExtras?: PlanExtras;
  /** Worker threads; undefined = automatic (in-process for small files). 0 = in-process. */
  workers?: number;
  writeResponses: boolean;
  /** Write a review.csv template (needs a codeframe). */
  writeReviewTemplate?: boolean;
  sink: Sink;
  onProgress?: (progress: PassProgress) => void;
}

/** How far the current pass is: passes are counted separately, each from its first byte and row. */
export interface PassProgress {
  /** 1-based; with campaign detection pass 1 reads signatures and pass 2 analyses. */
  pass: number;
  passes: number;
  bytesRead: number;
  totalBytes: number;
  rows: number;
}

export interface RunOutcome {
  input: InputInfo;
  config: AnalysisConfig;
  plan: Plan;
  aggregate: Aggregate;
  coding: Coding;
  /** The plain analyses' tallies (answers/registry.ts), merged in input order. */
  answers: AnswerTallies;
  campaigns: CampaignOutcome | null;
  /** The first rejected rows, for the report's appendix (rejects.csv has all of them). */
  rejectsSample: RejectedRow[];
  workers: number;
  /** Blocks of records processed per pass (for --debug). */
  blocks: number;
  passes: number;
  /** Milliseconds spent on the signature pass, on grouping campaigns, and on the analysis pass. */
  timings: { signatures: number; grouping: number; analysis: number };
  /** Highest resident set size seen in each phase, in bytes (sampled; for --debug and the bench). */
  peakRss: { signatures: number; grouping: number; analysis: number };
}

export async function runAnalysis(options: RunOptions): Promise<RunOutcome> {
  let source = await Source.open(options.file);
  const cores = availableParallelism();
  const workerCount = options.workers ?? (source.size >= WORKER_THRESHOLD_BYTES ? cores : 0);
  // with workers, cut even a small file into several blocks so they all get work
  const blockBytes = workerCount > 0 ? Math.max(64 * 1024, Math.min(MAX_BLOCK_BYTES, Math.ceil(source.size / (workerCount * 4)))) : MAX_BLOCK_BYTES;
  const chunkBytes = Math.min(blockBytes, HEADER_PHASE_BYTES);
  let chunks = source.chunks(chunkBytes);

  // 1. header phase: read until we have enough for the header and a sample
  let head = await readHead(options.file, chunks).catch(async (error: unknown) => {
    await source.close();
    throw error;
  });
  const config = options.settleConfig(head.header.columns, head.sample);
  const plan = compilePlan(config, head.header.columns, head.delimiter, options.writeResponses, options.planExtras);

  // 2. data phase
  options.sink.begin(plan);
  const processor: ChunkProcessor = workerCount > 0 ? workerPool(plan, workerCount) : inProcess(plan);
  const maxInFlight = Math.max(2, processor.workers * 2);
  const passes = plan.campaigns ? 2 : 1;
  const aggregate = emptyAggregate(plan.open.length);
  const coding = emptyCoding();
  const answers: AnswerTallies = {};
  const plain = plainAnalyses();
  const rejectsSample: RejectedRow[] = [];
  let campaigns: CampaignOutcome | null = null;
  let blocks = 0;
  const timings = { signatures: 0, grouping: 0, analysis: 0 };
  /** The input's SHA-256, from the first reading when there are two. */
  let sha256: string | undefined;
  const memory = new PeakRss(plan.campaigns ? 'signatures' : 'analysis');
  let started = performance.now();
  const spill = plan.campaigns ? new SpillDirectory() : null;
  try {
    let roles: CampaignRoles | null = null;
    let cuts: BlockCut[] | undefined;
    let blockRows: number[] | undefined;
    let records: SpilledRecords[] = [];
    let totalRows = -1;
    if (plan.campaigns) {
      const detected = await detectCampaigns({
        file: options.file,
        plan,
        head,
        chunks,
        blockBytes,
        maxInFlight,
        processor,
        spill: spill!,
        expectedRows: estimateRows(head, source.size),
        onProgress: (rows) => options.onProgress?.({ pass: 1, passes, bytesRead: source.stats.bytesRead, totalBytes: source.size, rows }),
        onPhase: (next) => {
          memory.enter(next);
          if (next === 'grouping') timings.signatures = performance.now() - started;
          else timings.grouping = performance.now() - started;
          started = performance.now();
        },
      });
      ({ roles, campaigns, cuts, blockRows, totalRows, records } = detected);
      // The same workers analyse (set up for it below): starting fresh ones cost more than the
      // shared detection memory they may hold until their next collection.
      collectGarbage();
      // Second pass over the same bytes, cut into the same blocks (hashed once, in the first pass).
      const firstSource = source;
      sha256 = firstSource.sha256;
      source = await Source.open(options.file, { hash: false });
      if (source.size !== firstSource.size) throw new InputError(options.file, 'the file changed while it was being analysed: run the analysis again once it is complete.');
      chunks = source.chunks(chunkBytes);
      head = await readHead(options.file, chunks);
    }
    const estimatedRows = totalRows >= 0 ? totalRows : estimateRows(head, source.size);
    // themes whose quote candidates are all found: shared with the workers, which then stop offering them
    const quotesTaken = new Uint8Array(new SharedArrayBuffer(Math.max(1, quoteFlagLayout(plan).count)));
    processor.setup(roles, options.writeReviewTemplate && hasThemes(plan) ? Math.min(1, REVIEW_TEMPLATE_ROWS / Math.max(1, estimatedRows)) : 0, quotesTaken);
    const firstRows: number[] = [];
    if (blockRows) {
      let sum = 0;
      for (const rows of blockRows) {
        firstRows.push(sum);
        sum += rows;
      }
    }
    blocks = await runPass<ChunkResult>({
      file: options.file,
      head,
      chunks,
      blockBytes,
      maxInFlight,
      ...(cuts ? { cuts } : {}),
      dispatch: (seq, bytes, firstLine, pieceEnds) => processor.process(seq, bytes, firstLine, firstRows[seq] ?? 0, spill ? spilledRecords(records, seq) : null, pieceEnds),
      onResult: (result, seq) => {
        if ((blockRows && blockRows[seq] !== result.rows) || !result.recordsMatched) {
          throw new InputError(options.file, 'the file changed while it was being analysed: run the analysis again once it is complete.');
        }
        mergeAggregates(aggregate, result.aggregate);
        mergeCoding(coding, result.coding);
        mergeAnswerTallies(plain, answers, result.answers);
        markQuotesTaken(plan, coding, quotesTaken);
        let ready = true;
        for (const piece of result.responses) if (!options.sink.responses(piece)) ready = false;
        for (const piece of result.reviewLines) if (!options.sink.review(piece)) ready = false;
        if (result.rejects.length > 0) {
          if (!options.sink.rejects(result.rejects)) ready = false;
          for (const row of result.rejects) if (rejectsSample.length < REJECTS_KEPT) rejectsSample.push(row);
        }
        options.onProgress?.({ pass: passes, passes, bytesRead: source.stats.bytesRead, totalBytes: source.size, rows: aggregate.read });
        return ready;
      },
      drained: () => options.sink.drained(),
    });
    timings.analysis = performance.now() - started;
    memory.sample();
  } finally {
    memory.stop();
    try {
      // the workers stop before the directory their spill files are in is removed
      await processor.close();
    } finally {
      spill?.close();
    }
    await source.close();
  }

  return {
    input: describeInput(source, head.delimiter, head.header, aggregate, sha256),
    config,
    plan,
    aggregate,
    coding,
    answers,
    campaigns,
    rejectsSample,
    workers: processor.workers,
    blocks,
    passes,
    timings,
    peakRss: memory.peaks,
  };
}
