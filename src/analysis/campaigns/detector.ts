/**
 * Campaign detection over compact per-row state.
 *
 * `add`/`addSignature` take rows one at a time (in any order; signatures may come from worker threads).
 * Each distinct normalised text (a "form") is stored once: its 64-bit exact hash in an open-addressing
 * table, first row, row count and 128 MinHash bytes. Each row costs one Int32 (its form) plus its
 * response id packed into shared strings. `finish` then finds near-duplicate forms with LSH banding
 * (one band at a time: a sorted Float64Array of band-hash/form keys, so no per-bucket objects),
 * verifies each candidate by estimated Jaccard, and groups forms with union-find.
 *
 * A campaign is a group of at least `minSize` responses of at least `minWords` words. Short answers
 * ("Yes", "I agree") repeat naturally and are never campaigns. Nothing is dropped: every row keeps its
 * place and `role` says whether it is a campaign's template row, a standard copy or an edited copy.
 */
import { SIGNATURE_BINS, SIGNATURE_WORDS, chooseBands, estimateJaccard, signatureInto } from './signature.js';

export interface CampaignOptions {
  /** Estimated Jaccard similarity of 3-word shingles at or above which two texts are near-duplicates. Default 0.8. */
  threshold?: number;
  /** Fewest responses (copies of all kinds) that make a campaign. Default 5. */
  minSize?: number;
  /** Fewest words (after normalisation) a response needs to join a campaign. Default 8. */
  minWords?: number;
  /** Characters of original text kept for possible templates beyond repeated forms. Default 16 million. */
  textBudget?: number;
}

export const DEFAULT_CAMPAIGN_OPTIONS: Required<CampaignOptions> = {
  threshold: 0.8,
  minSize: 5,
  minWords: 8,
  textBudget: 16_000_000,
};

const BLOCK_SHIFT = 14;
const BLOCK_FORMS = 1 << BLOCK_SHIFT;

export const ROLE_NONE = 0;
/** The one row of a campaign counted in figures that exclude campaign copies (first row of the template). */
export const ROLE_TEMPLATE = 1;
/** An exact copy (after normalisation) of the template. */
export const ROLE_STANDARD_COPY = 2;
/** A near-duplicate of the template: edited, e.g. with a personal sentence added. */
export const ROLE_EDITED_COPY = 3;
export type RowRole = 'none' | 'template' | 'standard-copy' | 'edited-copy';
const ROLE_NAMES: readonly RowRole[] = ['none', 'template', 'standard-copy', 'edited-copy'];

export interface Campaign {
  /** C1, C2, ... by size, largest first. */
  id: string;
  /** Responses in the campaign, template row included. */
  size: number;
  /** Responses whose normalised text is exactly the template's (template row included). */
  standardCopies: number;
  /** Responses that are near-duplicates of the template but not exact copies. */
  editedCopies: number;
  /** Distinct normalised texts in the campaign. */
  distinctTexts: number;
  /** The most common exact form (earliest on a tie), as first written; null only if its text was not kept. */
  template: string | null;
  templateRow: number;
  templateResponseId: string;
  /** Member response ids in row order; standard and edited copies separately. */
  standardIds: string[];
  editedIds: string[];
}

export interface CampaignResult {
  options: Required<CampaignOptions>;
  bands: number;
  rowsPerBand: number;
  /** Rows added. */
  rows: number;
  campaigns: Campaign[];
  /** Rows that belong to some campaign (template rows included). */
  rowsInCampaigns: number;
  /** Rows that belong to a campaign but are not its template row: leave these out for "excluding copies". */
  copies: number;
  /** Candidate pairs checked by estimated Jaccard. */
  pairsVerified: number;
  /** Per row index: ROLE_NONE, ROLE_TEMPLATE, ROLE_STANDARD_COPY or ROLE_EDITED_COPY. */
  roles: Uint8Array;
  /** Per row index: index into `campaigns`, or -1. */
  campaignOf: Int32Array;
}

export function rowRole(result: CampaignResult, row: number): RowRole {
  return ROLE_NAMES[result.roles[row] ?? ROLE_NONE]!;
}

/** Strings appended into large joined chunks: about one byte per ASCII character plus a 4-byte slot. */
class PackedStrings {
  private chunks: string[] = [];
  private pending: string[] = [];
  private pendingLength = 0;
  private starts = new Float64Array(1024);
  private count = 0;
  private chunkStarts: number[] = [0];
  private total = 0;

  push(value: string): number {
    if (this.count + 1 >= this.starts.length) this.starts = grow(this.starts, this.count + 2);
    this.starts[this.count] = this.total;
    this.pending.push(value);
    this.pendingLength += value.length;
    this.total += value.length;
    this.starts[this.count + 1] = this.total;
    if (this.pending.length >= 4096) this.flush();
    return this.count++;
  }

  get(index: number): string {
    const start = this.starts[index]!;
    const end = this.starts[index + 1]!;
    this.flush();
    // The chunk holding `start`: the last chunk start <= start.
    let lo = 0;
    let hi = this.chunkStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.chunkStarts[mid]! <= start) lo = mid;
      else hi = mid - 1;
    }
    const base = this.chunkStarts[lo]!;
    return this.chunks[lo]!.slice(start - base, end - base);
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const chunkStart = this.total - this.pendingLength;
    if (this.chunks.length > 0) this.chunkStarts.push(chunkStart);
    this.chunks.push(this.pending.join(''));
    this.pending = [];
    this.pendingLength = 0;
  }
}

function grow<T extends Int32Array | Uint32Array | Uint8Array | Float64Array>(array: T, atLeast: number, fill?: number): T {
  let size = Math.max(16, array.length);
  while (size < atLeast) size *= 2;
  const bigger = new (array.constructor as new (n: number) => T)(size);
  if (fill !== undefined) bigger.fill(fill);
  bigger.set(array);
  return bigger;
}

export class CampaignDetector {
  readonly options: Required<CampaignOptions>;
  private readonly scratch = new Uint32Array(SIGNATURE_WORDS);
  // per row
  private rowForm = new Int32Array(1024).fill(-1);
  private rowIdSlot = new Int32Array(1024);
  private readonly ids = new PackedStrings();
  private rowCount = 0;
  private maxRow = -1;
  // per form
  private formCount = 0;
  private formFirstRow = new Int32Array(1024);
  private formRows = new Int32Array(1024);
  private formEligible = new Uint8Array(1024);
  /** MinHash bytes in fixed blocks of BLOCK_FORMS forms: growing never copies them (no memory spikes). */
  private readonly binBlocks: Uint8Array[] = [];
  private readonly formText = new Map<number, string>();
  private textKept = 0;
  // exact-hash table: open addressing, keys in two Uint32Arrays, form index (or -1)
  private tableA = new Uint32Array(2048);
  private tableB = new Uint32Array(2048);
  private tableForm = new Int32Array(2048).fill(-1);

  constructor(options: CampaignOptions = {}) {
    this.options = { ...DEFAULT_CAMPAIGN_OPTIONS, ...options };
    const { threshold, minSize, minWords } = this.options;
    if (!(threshold > 0 && threshold <= 1)) throw new RangeError('campaign threshold must be above 0 and at most 1');
    if (!(Number.isInteger(minSize) && minSize >= 2)) throw new RangeError('campaign minimum size must be a whole number of 2 or more');
    if (!(Number.isInteger(minWords) && minWords >= 1)) throw new RangeError('campaign minimum words must be a whole number of 1 or more');
  }

  /** Add one row, computing its signature here (single-threaded use and tests). */
  add(row: number, responseId: string, text: string): void {
    signatureInto(text, this.scratch, 0);
    this.addSignature(row, responseId, this.scratch, 0, text);
  }

  /**
   * Add one row from a signature computed elsewhere (`signatureInto` in a worker). `text` is optional:
   * when given it may be kept as a campaign template (texts of repeated forms are always kept).
   */
  addSignature(row: number, responseId: string, sig: Uint32Array, offset = 0, text?: string): void {
    if (!Number.isInteger(row) || row < 0) throw new RangeError(`row index must be a whole number of 0 or more, got ${row}`);
    if (row >= this.rowForm.length) {
      this.rowForm = grow(this.rowForm, row + 1, -1);
      this.rowIdSlot = grow(this.rowIdSlot, row + 1);
    }
    if (this.rowForm[row] !== -1) throw new RangeError(`row ${row} was added twice`);
    this.rowCount++;
    if (row > this.maxRow) this.maxRow = row;
    this.rowIdSlot[row] = this.ids.push(responseId);

    const a = sig[offset]!;
    const b = sig[offset + 1]!;
    const mask = this.tableForm.length - 1;
    let slot = (a ^ Math.imul(b, 0x9e3779b1)) & mask;
    while (this.tableForm[slot] !== -1 && (this.tableA[slot] !== a || this.tableB[slot] !== b)) slot = (slot + 1) & mask;
    let form = this.tableForm[slot]!;
    if (form !== -1) {
      this.formRows[form]!++;
      if (row < this.formFirstRow[form]!) this.formFirstRow[form] = row;
      // A repeated text may become a template: keep one copy.
      if (text !== undefined && this.formEligible[form] && !this.formText.has(form)) this.formText.set(form, text);
    } else {
      form = this.formCount++;
      if (form >= this.formFirstRow.length) {
        this.formFirstRow = grow(this.formFirstRow, form + 1);
        this.formRows = grow(this.formRows, form + 1);
        this.formEligible = grow(this.formEligible, form + 1);
      }
      this.formFirstRow[form] = row;
      this.formRows[form] = 1;
      const eligible = sig[offset + 2]! >= this.options.minWords;
      this.formEligible[form] = eligible ? 1 : 0;
      const sigBytes = new Uint8Array(sig.buffer, sig.byteOffset + (offset + 3) * 4, SIGNATURE_BINS);
      if (form % BLOCK_FORMS === 0) this.binBlocks.push(new Uint8Array(BLOCK_FORMS * SIGNATURE_BINS));
      this.binBlocks[form >>> BLOCK_SHIFT]!.set(sigBytes, (form & (BLOCK_FORMS - 1)) * SIGNATURE_BINS);
      if (eligible && text !== undefined && this.textKept + text.length <= this.options.textBudget) {
        this.formText.set(form, text);
        this.textKept += text.length;
      }
      this.tableA[slot] = a;
      this.tableB[slot] = b;
      this.tableForm[slot] = form;
      if (this.formCount * 2 > this.tableForm.length) this.rehash();
    }
    this.rowForm[row] = form;
  }

  private rehash(): void {
    const oldA = this.tableA;
    const oldB = this.tableB;
    const oldForm = this.tableForm;
    const size = oldForm.length * 2;
    this.tableA = new Uint32Array(size);
    this.tableB = new Uint32Array(size);
    this.tableForm = new Int32Array(size).fill(-1);
    const mask = size - 1;
    for (let i = 0; i < oldForm.length; i++) {
      if (oldForm[i] === -1) continue;
      let slot = (oldA[i]! ^ Math.imul(oldB[i]!, 0x9e3779b1)) & mask;
      while (this.tableForm[slot] !== -1) slot = (slot + 1) & mask;
      this.tableA[slot] = oldA[i]!;
      this.tableB[slot] = oldB[i]!;
      this.tableForm[slot] = oldForm[i]!;
    }
  }

  /** Group near-duplicate forms and report campaigns. The detector can still be queried afterwards. */
  finish(): CampaignResult {
    const { threshold, minSize } = this.options;
    const { bands, rows: rowsPerBand } = chooseBands(threshold);
    const forms = this.formCount;
    const parent = new Int32Array(forms);
    for (let f = 0; f < forms; f++) parent[f] = f;
    const find = (f: number): number => {
      while (parent[f] !== f) {
        parent[f] = parent[parent[f]!]!;
        f = parent[f]!;
      }
      return f;
    };

    const eligible: number[] = [];
    for (let f = 0; f < forms; f++) if (this.formEligible[f]) eligible.push(f);
    const n = eligible.length;
    const indexBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
    const hashBits = Math.min(32, 52 - indexBits);
    const indexScale = 2 ** indexBits;
    const keys = new Float64Array(n);
    const blocks = this.binBlocks;
    let pairsVerified = 0;
    const MAX_ANCHORS = 8;
    const anchors: number[] = [];
    for (let band = 0; band < bands; band++) {
      const start = band * rowsPerBand;
      for (let k = 0; k < n; k++) {
        const form = eligible[k]!;
        const bins = blocks[form >>> BLOCK_SHIFT]!;
        const base = (form & (BLOCK_FORMS - 1)) * SIGNATURE_BINS + start;
        let h = 0x811c9dc5 ^ band;
        for (let r = 0; r < rowsPerBand; r++) h = Math.imul(h ^ bins[base + r]!, 0x01000193);
        keys[k] = ((h >>> 0) >>> (32 - hashBits)) * indexScale + k;
      }
      keys.sort();
      let runStart = 0;
      while (runStart < n) {
        const bucket = Math.floor(keys[runStart]! / indexScale);
        let runEnd = runStart + 1;
        while (runEnd < n && Math.floor(keys[runEnd]! / indexScale) === bucket) runEnd++;
        if (runEnd - runStart > 1) {
          // Compare each member with a few anchors of the bucket, not every pair: big campaigns stay linear.
          anchors.length = 0;
          for (let i = runStart; i < runEnd; i++) {
            const form = eligible[keys[i]! % indexScale]!;
            let joined = false;
            for (const anchor of anchors) {
              if (find(anchor) === find(form)) {
                joined = true;
                continue;
              }
              pairsVerified++;
              const similarity = estimateJaccard(
                blocks[anchor >>> BLOCK_SHIFT]!,
                (anchor & (BLOCK_FORMS - 1)) * SIGNATURE_BINS,
                blocks[form >>> BLOCK_SHIFT]!,
                (form & (BLOCK_FORMS - 1)) * SIGNATURE_BINS,
              );
              if (similarity >= threshold) {
                parent[find(form)] = find(anchor);
                joined = true;
              }
            }
            if (!joined && anchors.length < MAX_ANCHORS) anchors.push(form);
          }
        }
        runStart = runEnd;
      }
    }

    // Group sizes and templates (most rows, earliest first row on a tie).
    const groupRows = new Int32Array(forms);
    const groupTemplate = new Int32Array(forms).fill(-1);
    const groupForms = new Int32Array(forms);
    for (const form of eligible) {
      const root = find(form);
      groupRows[root]! += this.formRows[form]!;
      groupForms[root]!++;
      const best = groupTemplate[root]!;
      if (
        best === -1 ||
        this.formRows[form]! > this.formRows[best]! ||
        (this.formRows[form] === this.formRows[best] && this.formFirstRow[form]! < this.formFirstRow[best]!)
      ) {
        groupTemplate[root] = form;
      }
    }
    const roots = eligible.filter((form) => find(form) === form && groupRows[form]! >= minSize);
    roots.sort((x, y) => groupRows[y]! - groupRows[x]! || this.formFirstRow[groupTemplate[x]!]! - this.formFirstRow[groupTemplate[y]!]!);
    const campaignOfRoot = new Map<number, number>();
    const campaigns: Campaign[] = roots.map((root, index) => {
      campaignOfRoot.set(root, index);
      const template = groupTemplate[root]!;
      const templateRow = this.formFirstRow[template]!;
      return {
        id: `C${index + 1}`,
        size: groupRows[root]!,
        standardCopies: this.formRows[template]!,
        editedCopies: groupRows[root]! - this.formRows[template]!,
        distinctTexts: groupForms[root]!,
        template: this.formText.get(template) ?? null,
        templateRow,
        templateResponseId: this.ids.get(this.rowIdSlot[templateRow]!),
        standardIds: [],
        editedIds: [],
      };
    });

    const rowSpan = this.maxRow + 1;
    const roles = new Uint8Array(rowSpan);
    const campaignOf = new Int32Array(rowSpan).fill(-1);
    let rowsInCampaigns = 0;
    for (let row = 0; row < rowSpan; row++) {
      const form = this.rowForm[row]!;
      if (form === -1 || !this.formEligible[form]) continue;
      const index = campaignOfRoot.get(find(form));
      if (index === undefined) continue;
      const campaign = campaigns[index]!;
      rowsInCampaigns++;
      campaignOf[row] = index;
      const id = this.ids.get(this.rowIdSlot[row]!);
      if (form === groupTemplate[find(form)]) {
        roles[row] = row === campaign.templateRow ? ROLE_TEMPLATE : ROLE_STANDARD_COPY;
        campaign.standardIds.push(id);
      } else {
        roles[row] = ROLE_EDITED_COPY;
        campaign.editedIds.push(id);
      }
    }
    return {
      options: this.options,
      bands,
      rowsPerBand,
      rows: this.rowCount,
      campaigns,
      rowsInCampaigns,
      copies: rowsInCampaigns - campaigns.length,
      pairsVerified,
      roles,
      campaignOf,
    };
  }
}
