/**
 * Settling what one `ptk analyse` run does, from what is known before any row is read (the loaded
 * config and codeframe files, the review and the flags) and the file's head (its header and sample
 * rows). Pure: the command loads the files and prints; the pipeline compiles the settled config
 * into its plan.
 */
import { basename } from 'node:path';
import { ProblemsError, UsageError } from '../errors.js';
import { closest } from '../lib/suggest.js';
import { formatProblem, type ParsedYaml } from '../toolkit/yaml-file.js';
import { DEFAULT_CAMPAIGNS, type AnalysisConfig, type CampaignsConfig } from './config.js';
import { inferConfig } from './infer.js';
import { checkColumns, keyLine, type CodeframeFile, type ConfigFile } from './load-config.js';
import type { PlanExtras } from './pipeline/plan.js';
import type { ReviewSet } from './review.js';
import type { Codeframe } from './themes/codeframe.js';

export interface SettleInputs {
  /** The CSV's file name, as messages call it. */
  csvName: string;
  configFile?: ConfigFile;
  codeframeFile?: CodeframeFile;
}

/** The codeframe a run codes with (a --codeframe file wins over the config's) and where it came from. */
export function chooseCodeframe(inputs: SettleInputs): { codeframe?: Codeframe; source?: string } {
  const codeframe = inputs.codeframeFile?.codeframe ?? inputs.configFile?.config.codeframe;
  const source = inputs.codeframeFile ? basename(inputs.codeframeFile.path) : codeframe && inputs.configFile ? basename(inputs.configFile.path) : undefined;
  return { ...(codeframe ? { codeframe } : {}), ...(source !== undefined ? { source } : {}) };
}

/**
 * The config for this file: the config file's, checked against the header (or one inferred from the
 * header and sample rows), with a --codeframe file's questions put in. Problems are thrown as one
 * UsageError or a ProblemsError; `notes` say what was decided for the user.
 */
export function settleConfig(inputs: SettleInputs, header: string[], sample: string[][]): { config: AnalysisConfig; notes: string[] } {
  let config: AnalysisConfig;
  const { configFile, codeframeFile, csvName } = inputs;
  if (configFile) {
    const problems = checkColumns(configFile.config, header, csvName, configFile.parsed, configFile.path);
    if (problems.length === 1) throw new UsageError(problems[0] as string);
    if (problems.length > 1) throw new ProblemsError(problems, `${configFile.path}: ${problems.length} columns not found in ${csvName}; nothing was analysed.`);
    config = configFile.config;
  } else {
    config = inferConfig(header, sample).config;
  }
  if (!codeframeFile) return { config, notes: [] };
  return withCodeframe(config, codeframeFile.codeframe, header, csvName, codeframeFile.parsed);
}

/**
 * Put the codeframe into the config: every coded question must be a column of the file; one that is
 * not already an open question becomes one (said in a note).
 */
function withCodeframe(config: AnalysisConfig, codeframe: Codeframe, header: string[], csvName: string, parsed: ParsedYaml): { config: AnalysisConfig; notes: string[] } {
  const problems: string[] = [];
  const notes: string[] = [];
  const open = [...config.open];
  for (const question of Object.keys(codeframe.questions)) {
    if (!header.includes(question)) {
      const suggestion = closest(question, header, 1)[0];
      problems.push(formatProblem({ file: parsed.file, line: keyLine(parsed, ['questions'], question), field: 'questions', message: `no column "${question}" in ${csvName}${suggestion ? `; did you mean "${suggestion}"?` : ''}` }));
    } else if (!open.some((q) => q.column === question)) {
      open.push({ column: question });
      notes.push(`"${question}" is coded by the codeframe, so it is analysed as an open question`);
    }
  }
  if (problems.length === 1) throw new UsageError(problems[0] as string);
  if (problems.length > 1) throw new ProblemsError(problems, `${parsed.file}: ${problems.length} questions not found in ${csvName}; nothing was analysed.`);
  return { config: { ...config, open, closed: config.closed.filter((q) => !(q.column in codeframe.questions)), codeframe }, notes };
}

export interface PlanFlags {
  redact?: boolean;
  redactResponses?: boolean;
  redactReview?: boolean;
  /** --similarity, already checked to be in (0, 1]. */
  similarity?: number;
}

/** What the flags and the review add to the plan the pipeline compiles from the settled config. */
export function planExtras(flags: PlanFlags, configFile: ConfigFile | undefined, review: ReviewSet | undefined): PlanExtras {
  const campaigns: CampaignsConfig | undefined =
    flags.similarity !== undefined ? { ...DEFAULT_CAMPAIGNS, ...configFile?.config.campaigns, similarity: flags.similarity } : undefined;
  return {
    redactQuotes: flags.redact !== false,
    redactResponses: flags.redactResponses === true,
    redactReview: flags.redactReview !== false,
    ...(review ? { review: [...review.entries.values()] } : {}),
    ...(campaigns ? { campaigns } : {}),
  };
}
