export { decodeEntities, normaliseText } from './normalise.js';
export { SIGNATURE_BINS, SIGNATURE_WORDS, chooseBands, estimateJaccard, signature, signatureBins, signatureInto } from './signature.js';
export {
  CampaignDetector,
  DEFAULT_CAMPAIGN_OPTIONS,
  ROLE_EDITED_COPY,
  ROLE_NONE,
  ROLE_STANDARD_COPY,
  ROLE_TEMPLATE,
  rowRole,
  type Campaign,
  type CampaignOptions,
  type CampaignResult,
  type RowRole,
} from './detector.js';
