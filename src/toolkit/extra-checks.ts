/**
 * Validators for the toolkit's other kinds of data. Each reads only its own files, so an
 * organisation overlay without (say) scenarios costs nothing.
 */
import { checkMasterclasses } from '../masterclass/load.js';
import { checkMaturityModel } from '../maturity/model.js';
import { checkCalendars } from '../plan/calendar.js';
import { checkStandards } from '../plan/standard.js';
import { checkScenarios } from '../simulate/load.js';
import type { Toolkit } from './load.js';
import type { Problem } from './yaml-file.js';

/** Checks for other kinds of toolkit data (standards, maturity, masterclasses, scenarios). */
export type ExtraCheck = (folders: string[], toolkit: Toolkit, problems: Problem[]) => void | Promise<void>;

export const EXTRA_CHECKS: ExtraCheck[] = [
  (folders, _toolkit, problems) => checkStandards(folders, problems),
  (folders, _toolkit, problems) => checkCalendars(folders, problems),
  (folders, _toolkit, problems) => checkMaturityModel(folders, problems),
  checkScenarios,
  checkMasterclasses,
];
