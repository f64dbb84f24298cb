/**
 * The shapes of a loaded toolkit, apart from the loaders (src/toolkit/load.ts, load-yaml.ts) so that
 * both can name them without importing each other.
 */
import type { CaseStudy, Stage, Technique } from './schema.js';
import type { ParsedYaml, Problem } from './yaml-file.js';

/** Where each loaded entry came from, for error messages and `show`. */
export interface Source {
  file: string;
  parsed: ParsedYaml;
}

export interface Entry<T> {
  value: T;
  source: Source;
}

export interface Toolkit {
  /** Folders loaded, built-in first. */
  folders: string[];
  stages: Stage[];
  techniques: Map<string, Entry<Technique>>;
  caseStudies: Map<string, Entry<CaseStudy>>;
  /** Ids of entries whose files failed to load; links to them are not reported twice. */
  brokenIds: Set<string>;
}

export interface LoadResult {
  toolkit: Toolkit;
  problems: Problem[];
}
