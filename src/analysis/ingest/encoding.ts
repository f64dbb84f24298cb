/**
 * Encoding detection from the first bytes of a file: byte-order marks first, then UTF-16 without a
 * BOM (NUL bytes in alternate positions, confirmed by chardet), then strict UTF-8, and
 * Windows-1252 (a superset of Latin-1's printable characters) when the bytes are not valid UTF-8.
 */
import chardet from 'chardet';

export type SourceEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DetectedEncoding {
  encoding: SourceEncoding;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
  /** Why we chose it, for the report. */
  reason: string;
}

/** A spreadsheet workbook rather than text: zip (xlsx, ods) or OLE2 (xls). */
export function workbookKind(head: Uint8Array): string | undefined {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'Excel workbook (.xlsx)';
  if (head.length >= 4 && head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'Excel workbook (.xls)';
  return undefined;
}

export function detectEncoding(sample: Uint8Array): DetectedEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3, reason: 'UTF-8 byte-order mark' };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2, reason: 'UTF-16 LE byte-order mark' };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2, reason: 'UTF-16 BE byte-order mark' };

  const utf16 = guessUtf16(sample);
  if (utf16) return { encoding: utf16, bomLength: 0, reason: 'NUL bytes in alternate positions (UTF-16 without a byte-order mark)' };

  if (isValidUtf8(sample)) return { encoding: 'utf-8', bomLength: 0, reason: 'valid UTF-8' };
  const guess = chardet.detect(sample);
  return { encoding: 'windows-1252', bomLength: 0, reason: `not valid UTF-8; read as Windows-1252${guess ? ` (chardet: ${guess})` : ''}` };
}

function guessUtf16(sample: Uint8Array): SourceEncoding | undefined {
  const length = Math.min(sample.length, 4096) & ~1;
  if (length < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < length; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const pairs = length / 2;
  // ASCII-heavy UTF-16 text has a zero in nearly every pair, on one side only
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return confirm('UTF-16LE', 'utf-16le', sample);
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return confirm('UTF-16BE', 'utf-16be', sample);
  return undefined;
}

function confirm(chardetName: string, encoding: SourceEncoding, sample: Uint8Array): SourceEncoding | undefined {
  const candidates = chardet.analyse(sample).map((match) => match.name);
  // chardet needs a fair amount of text; the zero pattern alone is strong evidence, so only a
  // confident contrary answer (another UTF-16 order) overrides it
  const other = chardetName === 'UTF-16LE' ? 'UTF-16BE' : 'UTF-16LE';
  if (candidates[0] === other) return undefined;
  return encoding;
}

/** Strict UTF-8 check, tolerating a multi-byte character cut off at the end of the sample. */
export function isValidUtf8(sample: Uint8Array, complete = false): boolean {
  let end = sample.length;
  if (!complete) {
    // step back over a possibly truncated final character
    let back = 0;
    while (back < 3 && end - back - 1 >= 0 && ((sample[end - back - 1] ?? 0) & 0xc0) === 0x80) back++;
    const lead = sample[end - back - 1];
    if (lead !== undefined && lead >= 0xc0) end = end - back - 1;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

export const ENCODING_LABELS: Record<SourceEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252',
};
