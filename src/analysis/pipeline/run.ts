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
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { InputError } from '../../errors.js';
import type { AnalysisConfig } from '../config.js';
import { CampaignDetector, type Campaign } from '../campaigns/detector.js';
import { SIGNATURE_WORDS } from '../campaigns/signature.js';
import { ENCODING_LABELS } from '../ingest/encoding.js';
import { detectDelimiter, readHeader, DELIMITER_NAMES, type HeaderInfo } from '../ingest/header.js';
import { PIECE_BYTES, lastRecordBoundary, parseAll } from '../ingest/parse.js';
import { Source } from '../ingest/source.js';
import { emptyAggregate, mergeAggregates, type Aggregate } from './aggregate.js';
import { emptyCoding, mergeCoding, type Coding } from './coding.js';
import { compilePlan, hasThemes, type Plan, type PlanExtras } from './plan.js';
import { MAX_BLOCK_BYTES, inProcess, workerPool, type ChunkProcessor } from './pool.js';
import { markQuotesTaken, quoteFlagLayout, type CampaignRoles, type ChunkResult, type RejectedRow } from './rows.js';
import { SAMPLE_ROWS } from '../infer.js';
import { SpillDirectory, type SpilledRecords } from './spill.js';

/** Files at least this big use worker threads by default; smaller ones start faster in-process. */
export const WORKER_THRESHOLD_BYTES = 8 * 1024 * 1024;
const HEADER_PHASE_BYTES = 2 * 1024 * 1024;
export const REJECTS_KEPT = 100;
/** A single record bigger than this means a quote was never closed. */
const MAX_RECORD_BYTES = 64 * 1024 * 1024;
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

export interface InputInfo {
  file: string;
  path: string;
  sha256: string;
  bytes: number;
  encoding: string;
  encodingReason: string;
  bom: boolean;
  delimiter: string;
  delimiterName: string;
  lineEndings: string;
  columns: string[];
  notes: string[];
}

/** What campaign detection found (the per-row roles stay in the pipeline). */
export interface CampaignOutcome {
  columns: string[];
  threshold: number;
  minSize: number;
  minWords: number;
  bands: number;
  rowsPerBand: number;
  campaigns: Omit<Campaign, 'standardIds' | 'editedIds' | 'template' | 'templateResponseId'>[];
  rowsInCampaigns: number;
  copies: number;
  /** Rows long enough to be compared. */
  rowsCompared: number;
  pairsVerified: number;
}

export interface RunOutcome {
  input: InputInfo;
  config: AnalysisConfig;
  plan: Plan;
  aggregate: Aggregate;
  coding: Coding;
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

function countLineFeeds(bytes: Uint8Array, end = bytes.length): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, end);
  let count = 0;
  for (let at = buffer.indexOf(0x0a); at >= 0; at = buffer.indexOf(0x0a, at + 1)) count++;
  return count;
}

/** Byte offset just after the n-th line feed (0 for n = 0). */
function offsetAfterLineFeeds(bytes: Buffer, n: number): number {
  let at = -1;
  for (let i = 0; i < n; i++) {
    at = bytes.indexOf(0x0a, at + 1);
    if (at < 0) return bytes.length;
  }
  return at + 1;
}

/**
 * Bytes read but not yet cut into blocks, in one buffer that is compacted and reused rather than
 * concatenated per chunk (allocating a few megabytes per chunk made V8 collect garbage constantly).
 */
class ByteQueue {
  private store: Buffer;
  private start = 0;
  private end = 0;

  constructor(initial: Buffer, capacity = 64 * 1024) {
    this.store = Buffer.allocUnsafe(Math.max(initial.length, capacity));
    this.end = initial.copy(this.store, 0);
  }

  view(): Buffer {
    return this.store.subarray(this.start, this.end);
  }

  consume(bytes: number): void {
    this.start = Math.min(this.end, this.start + bytes);
  }

  append(chunk: Buffer): void {
    if (this.end + chunk.length > this.store.length) {
      const kept = this.end - this.start;
      if (kept + chunk.length > this.store.length) {
        const bigger = Buffer.allocUnsafe(Math.max(this.store.length * 2, kept + chunk.length));
        this.store.copy(bigger, 0, this.start, this.end);
        this.store = bigger;
      } else this.store.copyWithin(0, this.start, this.end);
      this.start = 0;
      this.end = kept;
    }
    this.end += chunk.copy(this.store, this.end);
  }
}

interface PassOptions<T> {
  file: string;
  head: Head;
  chunks: AsyncGenerator<Buffer>;
  blockBytes: number;
  maxInFlight: number;
  /** The blocks of an earlier pass, to cut the same blocks again; undefined to cut by records. */
  cuts?: BlockCut[];
  dispatch: (seq: number, bytes: Uint8Array, firstLine: number, pieceEnds: Int32Array | null) => Promise<T>;
  /** Called in input order, with the block's cut; return false when the writer wants a wait for `drained`. */
  onResult: (result: T, seq: number, block: BlockCut) => boolean;
  drained?: () => Promise<void>;
}

/** One block: its length in bytes, the line feeds in it and where parseBlock may cut it (null: it looks itself). */
export interface BlockCut {
  bytes: number;
  lineFeeds: number;
  pieceEnds: Int32Array | null;
}

/** Stream the data rows after the header as blocks, with bounded work in flight; results in order. */
async function runPass<T>(options: PassOptions<T>): Promise<number> {
  const { head, blockBytes, cuts } = options;
  const { delimiter, header } = head;
  const results = new Map<number, T>();
  const blocks: BlockCut[] = [];
  let nextToFlush = 0;
  let dispatched = 0;
  let inFlight = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  let needDrain = false;

  const flush = (): void => {
    for (let result = results.get(nextToFlush); result !== undefined; result = results.get(nextToFlush)) {
      results.delete(nextToFlush);
      if (!options.onResult(result, nextToFlush, blocks[nextToFlush]!)) needDrain = true;
      nextToFlush++;
    }
  };
  const dispatch = (bytes: Uint8Array, firstLine: number, cut: BlockCut): void => {
    const seq = dispatched++;
    blocks[seq] = cut;
    inFlight++;
    options.dispatch(seq, bytes, firstLine, cut.pieceEnds).then(
      (result) => {
        inFlight--;
        results.set(seq, result);
        try {
          flush();
        } catch (error) {
          failure ??= error as Error;
        }
        wake?.();
      },
      (error: Error) => {
        inFlight--;
        failure ??= error;
        wake?.();
      },
    );
  };
  const waitFor = async (condition: () => boolean): Promise<void> => {
    while (!condition() && !failure) await new Promise<void>((resolve) => (wake = resolve));
    if (failure) throw failure;
  };

  // Unconsumed bytes live in one reusable buffer (blocks are copied out when dispatched), so reading
  // a file allocates no new memory per chunk beyond the blocks sent to the workers.
  const queue = new ByteQueue(head.pending);
  const dataStart = offsetAfterLineFeeds(head.pending, header.dataLine - 1);
  queue.consume(Number.isFinite(header.dataLine) ? dataStart : head.pending.length);
  let pending = queue.view();
  let line = header.dataLine;
  /** The next block to dispatch, or null to wait for more bytes. */
  const nextCut = (final: boolean): BlockCut | null => {
    if (cuts) {
      const want = cuts[dispatched];
      if (want === undefined) {
        if (pending.length > 0 && final) throw new InputError(options.file, 'the file changed while it was being analysed (it grew): run the analysis again once it is complete.');
        return null;
      }
      if (pending.length >= want.bytes) return want;
      if (final) throw new InputError(options.file, 'the file changed while it was being analysed (it shrank): run the analysis again once it is complete.');
      return null;
    }
    if (final && pending.length <= blockBytes) return { bytes: pending.length, lineFeeds: countLineFeeds(pending), pieceEnds: null };
    const cut = lastRecordBoundary(pending.subarray(0, Math.min(pending.length, blockBytes)), delimiter, PIECE_BYTES);
    if (cut.end > 0) {
      if (!final && cut.end === pending.length && pending.length < blockBytes) return null; // wait for a fuller block
      return { bytes: cut.end, lineFeeds: cut.lineFeeds, pieceEnds: cut.pieceEnds };
    }
    // one record longer than a block: look further
    if (pending.length > blockBytes) {
      const wider = lastRecordBoundary(pending, delimiter, PIECE_BYTES);
      if (wider.end > 0) return { bytes: wider.end, lineFeeds: wider.lineFeeds, pieceEnds: wider.pieceEnds };
      if (pending.length > MAX_RECORD_BYTES) {
        throw new InputError(`${options.file}:${line}`, `a quoted field starting on or after this line is not closed within ${MAX_RECORD_BYTES / 1024 / 1024} MB: check the file for a stray double quote (").`);
      }
    }
    return final ? { bytes: pending.length, lineFeeds: countLineFeeds(pending), pieceEnds: null } : null;
  };
  const feed = async (final: boolean): Promise<void> => {
    while (pending.length > 0) {
      const cut = nextCut(final);
      if (!cut) return;
      await waitFor(() => inFlight < options.maxInFlight);
      if (needDrain) {
        needDrain = false;
        await options.drained?.();
      }
      dispatch(pending.subarray(0, cut.bytes), line, cut);
      line += cut.lineFeeds;
      queue.consume(cut.bytes);
      pending = queue.view();
    }
  };
  if (!head.ended) {
    for await (const chunk of options.chunks) {
      queue.append(chunk);
      pending = queue.view();
      await feed(false);
    }
  }
  await feed(true);
  if (cuts && dispatched !== cuts.length) throw new InputError(options.file, 'the file changed while it was being analysed (it shrank): run the analysis again once it is complete.');
  await waitFor(() => inFlight === 0);
  flush();
  if (failure) throw failure;
  return dispatched;
}

/**
 * Ask V8 for a full garbage collection. The campaign detector's typed arrays (a few hundred MB for
 * millions of rows) are unreachable once the roles are known, but the analysis pass allocates little
 * in this thread, so V8 would keep them until much later: collecting now keeps the peak down. Uses
 * the documented `--expose-gc` flag in a fresh context; does nothing if that is not possible.
 */
export function collectGarbage(): void {
  try {
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as (() => void) | undefined)?.();
  } catch {
    // not essential
  }
}

interface DetectionOptions {
  options: RunOptions;
  plan: Plan;
  head: Head;
  chunks: AsyncGenerator<Buffer>;
  blockBytes: number;
  maxInFlight: number;
  processor: ChunkProcessor;
  spill: SpillDirectory;
  /** Rows estimated from the sample (sizes the detector's tables). */
  expectedRows: number;
  onProgress: (rows: number) => void;
  onPhase: (phase: 'grouping' | 'analysis') => void;
}

interface Detection {
  roles: CampaignRoles;
  campaigns: CampaignOutcome;
  /** Each block's cut and analysed rows, so the analysis pass cuts the same blocks. */
  cuts: BlockCut[];
  blockRows: number[];
  /** Where each block's answer records were spilled. */
  records: SpilledRecords[];
  totalRows: number;
}

/**
 * First pass and grouping: signatures in the workers, the detector here, near-duplicate search in
 * the workers over shared memory. Returns only the roles and figures: the detector's memory is
 * unreachable once this returns (the caller then collects it).
 */
async function detectCampaigns(d: DetectionOptions): Promise<Detection> {
  const campaignPlan = d.plan.campaigns!;
  const detector = new CampaignDetector({
    threshold: campaignPlan.threshold,
    minSize: campaignPlan.minSize,
    minWords: campaignPlan.minWords,
    keepIds: false,
    shared: d.processor.workers > 0,
    expectedRows: d.expectedRows,
  });
  const cuts: BlockCut[] = [];
  const records: SpilledRecords[] = [];
  const blockRows: number[] = [];
  let rowBase = 0;
  let compared = 0;
  await runPass({
    file: d.options.file,
    head: d.head,
    chunks: d.chunks,
    blockBytes: d.blockBytes,
    maxInFlight: d.maxInFlight,
    dispatch: (seq, bytes, firstLine, pieceEnds) => d.processor.sign(seq, bytes, firstLine, pieceEnds, d.spill.path),
    onResult: (signed, _seq, block) => {
      for (let k = 0; k < signed.rowIndex.length; k++) detector.addSignature(rowBase + signed.rowIndex[k]!, '', signed.signatures, k * SIGNATURE_WORDS);
      compared += signed.rowIndex.length;
      records.push(signed.records);
      rowBase += signed.rows;
      cuts.push(block);
      blockRows.push(signed.rows);
      d.onProgress(rowBase);
      return true;
    },
  });
  d.onPhase('grouping');
  // Near-duplicate search: bands split across the workers (shared memory), grouping here.
  const input = detector.groupingInput();
  const parts = Math.max(1, d.processor.workers);
  const grouped = await Promise.all(
    Array.from({ length: parts }, (_, i) => d.processor.group(2 ** 30 + i, input, Math.floor((i * input.bands) / parts), Math.floor(((i + 1) * input.bands) / parts))),
  );
  const found = detector.finishWithPairs(
    input,
    grouped.map((g) => g.pairs),
    grouped.reduce((sum, g) => sum + g.verified, 0),
  );
  d.onPhase('analysis');
  return {
    roles: shareRoles(found.roles, found.campaignOf, rowBase),
    campaigns: {
      columns: campaignPlan.columns.map((index) => d.plan.header[index]!),
      threshold: campaignPlan.threshold,
      minSize: campaignPlan.minSize,
      minWords: campaignPlan.minWords,
      bands: found.bands,
      rowsPerBand: found.rowsPerBand,
      campaigns: found.campaigns.map(({ standardIds: _s, editedIds: _e, template: _t, templateResponseId: _r, ...rest }) => rest),
      rowsInCampaigns: found.rowsInCampaigns,
      copies: found.copies,
      rowsCompared: compared,
      pairsVerified: found.pairsVerified,
    },
    cuts,
    records,
    blockRows,
    totalRows: rowBase,
  };
}

/** Where the first pass spilled block `seq`'s answer records. */
function spilledRecords(records: readonly SpilledRecords[], seq: number): SpilledRecords {
  const where = records[seq];
  if (!where) throw new Error(`no answer records for block ${seq}`);
  return where;
}

/** Copy roles into shared memory so every worker reads them without a copy. */
function shareRoles(roles: Uint8Array, campaignOf: Int32Array, rows: number): CampaignRoles {
  const shared: CampaignRoles = {
    roles: new Uint8Array(new SharedArrayBuffer(Math.max(1, rows))),
    campaignOf: new Int32Array(new SharedArrayBuffer(Math.max(1, rows) * 4)),
  };
  shared.roles.set(roles.subarray(0, Math.min(rows, roles.length)));
  shared.campaignOf.fill(-1);
  shared.campaignOf.set(campaignOf.subarray(0, Math.min(rows, campaignOf.length)));
  return shared;
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
  const rejectsSample: RejectedRow[] = [];
  let campaigns: CampaignOutcome | null = null;
  let blocks = 0;
  const timings = { signatures: 0, grouping: 0, analysis: 0 };
  /** The input's SHA-256, from the first reading when there are two. */
  let sha256: string | undefined;
  const peakRss = { signatures: 0, grouping: 0, analysis: 0 };
  let phase: keyof typeof peakRss = plan.campaigns ? 'signatures' : 'analysis';
  const sample = (): void => {
    peakRss[phase] = Math.max(peakRss[phase], process.memoryUsage.rss());
  };
  const sampler = setInterval(sample, 100);
  sampler.unref();
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
        options,
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
          sample();
          if (next === 'grouping') timings.signatures = performance.now() - started;
          else timings.grouping = performance.now() - started;
          phase = next;
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
    sample();
  } finally {
    clearInterval(sampler);
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
    campaigns,
    rejectsSample,
    workers: processor.workers,
    blocks,
    passes,
    timings,
    peakRss,
  };
}

/** Rows in the file, estimated from the sampled rows' bytes (for the review template sample). */
function estimateRows(head: Head, size: number): number {
  const sampled = head.sample.length;
  if (head.ended || sampled === 0) return sampled;
  const sampleBytes = head.sample.reduce((sum, row) => sum + row.reduce((s, cell) => s + cell.length + 1, 0), 0);
  return Math.ceil((size / Math.max(1, sampleBytes)) * sampled);
}

export interface Head {
  pending: Buffer;
  ended: boolean;
  delimiter: string;
  header: HeaderInfo;
  sample: string[][];
  parsed: ReturnType<typeof parseAll>;
}

/** Read the start of the file: delimiter, header and up to SAMPLE_ROWS sampled rows. */
export async function readHead(file: string, chunks: AsyncGenerator<Buffer>): Promise<Head> {
  // copied in: the source reuses its buffer for the next chunk
  const queue = new ByteQueue(Buffer.alloc(0), 2 * HEADER_PHASE_BYTES); // chunks are at most HEADER_PHASE_BYTES
  let ended = false;
  while (queue.view().length < HEADER_PHASE_BYTES) {
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      break;
    }
    queue.append(next.value);
  }
  const pending = queue.view();
  const delimiterSample = pending.subarray(0, 64 * 1024).toString('utf8');
  const delimiter = detectDelimiter(cutAtLastLineFeed(delimiterSample, pending.length > 64 * 1024));
  const boundary = ended ? pending.length : lastRecordBoundary(pending, delimiter).end;
  const headText = pending.subarray(0, Math.max(0, boundary)).toString('utf8');
  const parsed = parseAll(headText, delimiter);
  const header = readHeader(parsed.records, parsed.lines);
  if (!header) throw new InputError(file, 'the file has no rows: export the consultation responses as CSV with a header row.');
  if (parsed.records.length <= header.headerRecords) {
    throw new InputError(file, `has a header row (${header.columns.length} columns) but no responses: check the export includes the response rows.`);
  }
  const sample = parsed.records.slice(header.headerRecords, header.headerRecords + SAMPLE_ROWS);
  return { pending, ended, delimiter, header, sample, parsed };
}

/** Header and sample only (for `ptk analyse init`). */
export async function sampleFile(file: string): Promise<Head & { source: Source }> {
  const source = await Source.open(file);
  try {
    const head = await readHead(file, source.chunks(HEADER_PHASE_BYTES));
    return { ...head, source };
  } finally {
    await source.close();
  }
}

function cutAtLastLineFeed(text: string, partial: boolean): string {
  if (!partial) return text;
  const at = text.lastIndexOf('\n');
  return at > 0 ? text.slice(0, at + 1) : text;
}

function describeInput(source: Source, delimiter: string, header: HeaderInfo, aggregate: Aggregate, sha256 = source.sha256): InputInfo {
  const notes = [...header.notes];
  if (source.stats.nulBytesRemoved > 0) notes.push(`${source.stats.nulBytesRemoved} NUL byte${source.stats.nulBytesRemoved === 1 ? '' : 's'} removed`);
  if (source.encoding.encoding === 'windows-1252') notes.push(`read as Windows-1252: ${source.encoding.reason}`);
  if (aggregate.replacementCharacters > 0) notes.push(`${aggregate.replacementCharacters} invalid UTF-8 byte sequence${aggregate.replacementCharacters === 1 ? '' : 's'} replaced by U+FFFD`);
  if (aggregate.paddedShortRows > 0) notes.push(`${aggregate.paddedShortRows} row${aggregate.paddedShortRows === 1 ? ' has' : 's have'} fewer cells than the header: missing cells read as not answered`);
  if (aggregate.trimmedEmptyCells > 0) notes.push(`${aggregate.trimmedEmptyCells} empty cell${aggregate.trimmedEmptyCells === 1 ? '' : 's'} beyond the last column ignored`);
  if (aggregate.rejected > 0) notes.push(`${aggregate.rejected} row${aggregate.rejected === 1 ? '' : 's'} rejected: see rejects.csv`);
  if (aggregate.blankLines > 0) notes.push(`${aggregate.blankLines} blank line${aggregate.blankLines === 1 ? '' : 's'} skipped`);
  return {
    file: source.name,
    path: source.path,
    sha256,
    bytes: source.size,
    encoding: ENCODING_LABELS[source.encoding.encoding],
    encodingReason: source.encoding.reason,
    bom: source.encoding.bomLength > 0,
    delimiter,
    delimiterName: DELIMITER_NAMES[delimiter] ?? delimiter,
    lineEndings: source.lineEndings,
    columns: header.columns,
    notes,
  };
}
