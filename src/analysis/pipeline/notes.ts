/** What the report says about the input file: its reading (encoding, delimiter...) and the notes a user should see. */
import { ENCODING_LABELS } from '../ingest/encoding.js';
import { DELIMITER_NAMES, type HeaderInfo } from '../ingest/header.js';
import type { Source } from '../ingest/source.js';
import type { Aggregate } from './aggregate.js';

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

export function describeInput(source: Source, delimiter: string, header: HeaderInfo, aggregate: Aggregate, sha256 = source.sha256): InputInfo {
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
