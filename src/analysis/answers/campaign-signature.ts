/**
 * Campaign signature of each row: MinHash words over the row's answers to the campaign columns
 * (campaigns/signature.ts), which the detector compares. Per row rather than per answer: its
 * responses.csv columns (campaign and role) are the row's, written before the answers' columns.
 */
import { SIGNATURE_WORDS, signatureInto } from '../campaigns/signature.js';
import type { FusedAnswerAnalysis } from './contract.js';

/** A signature's word count (its third number), from a block's signatures at `offset`. */
export function signatureWordCount(signatures: Uint32Array, offset: number): number {
  return signatures[offset + 2]!;
}

export const campaignSignatureAnalysis = {
  id: 'campaignSignature',
  title: 'Campaigns',
  kind: 'fused',
  record: [{ name: 'signature', type: 'u32', size: SIGNATURE_WORDS, parts: ['exact-text hash, low word', 'exact-text hash, high word', 'word count', `${SIGNATURE_WORDS - 3} words of 4-bit MinHash bins`] }],
  analyse: (text) => {
    const signature = new Uint32Array(SIGNATURE_WORDS);
    signatureInto(text, signature, 0);
    return signature;
  },
  columns: () => [],
} as const satisfies FusedAnswerAnalysis<Uint32Array>;
