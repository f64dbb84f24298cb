/** Validators for the toolkit's other kinds of data, wired in as their modules land. */
import type { ExtraCheck } from './validate.js';

export const EXTRA_CHECKS: ExtraCheck[] = [];
