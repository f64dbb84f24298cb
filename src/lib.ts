/**
 * The library entry (`import … from 'policy-toolkit'`): the pure, typed core without the CLI.
 * Importing it has no side effects: nothing is read, written or printed until a function is called.
 */
export { loadToolkit, techniqueList, type Toolkit } from './toolkit/load.js';
export type { Technique, CaseStudy, Stage, Activity } from './toolkit/schema.js';
export { searchTechniques, type SearchHit } from './toolkit/search.js';
export { recommend, parseSituation, type Situation, type Recommendation } from './recommend/recommend.js';
export { redact, isValidNhsNumber, type RedactionResult, type RedactionType } from './analysis/redact.js';
export { scoreSentiment, type SentimentScore } from './analysis/sentiment.js';
export { computeInfluence, type InfluenceResult } from './evidence/influence.js';
