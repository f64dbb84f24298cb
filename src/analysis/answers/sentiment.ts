/** Sentiment of each answer: the sentiment package's AFINN score and its comparative (score per token). */
import { scoreSentiment } from '../sentiment.js';
import type { FusedAnswerAnalysis } from './contract.js';

export interface SentimentResult {
  score: number;
  comparative: number;
}

export const sentimentAnalysis = {
  id: 'sentiment',
  title: 'Sentiment',
  kind: 'fused',
  record: [{ name: 'sentiment', type: 'f64', size: 2, parts: ['score', 'comparative'] }],
  analyse: (text) => scoreSentiment(text),
  columns: (question) => [`${question.column}: sentiment score`, `${question.column}: sentiment comparative`],
} as const satisfies FusedAnswerAnalysis<SentimentResult>;
