/**
 * The first pass, with campaign detection: each block's campaign signatures (in the workers, which
 * spill the block's answer records), the detector here, the near-duplicate search in the workers over
 * shared memory, and the roles it gives every row, shared with the workers for the analysis pass.
 */
import { CampaignDetector, type Campaign } from '../campaigns/detector.js';
import { SIGNATURE_WORDS } from '../campaigns/signature.js';
import { runPass, type BlockCut } from './blocks.js';
import type { Head } from './head.js';
import type { Plan } from './plan.js';
import type { ChunkProcessor } from './pool.js';
import type { CampaignRoles } from './rows.js';
import type { SpillDirectory, SpilledRecords } from './spill.js';

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

export interface DetectionOptions {
  /** The input file (for errors). */
  file: string;
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

export interface Detection {
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
export async function detectCampaigns(d: DetectionOptions): Promise<Detection> {
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
    file: d.file,
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
export function spilledRecords(records: readonly SpilledRecords[], seq: number): SpilledRecords {
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
