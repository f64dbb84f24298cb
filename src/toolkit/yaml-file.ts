/**
 * Read YAML and check it against a schema, reporting problems as `file:line: field: what is wrong`.
 * The YAML document is kept so that schema paths can be traced back to line numbers.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { LineCounter, isMap, isPair, isScalar, parseDocument, visit, type Document, type Node } from 'yaml';
import type { z } from 'zod';

export interface Problem {
  file: string;
  line?: number;
  field?: string;
  message: string;
}

export function formatProblem(problem: Problem): string {
  const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
  return problem.field ? `${where}: ${problem.field}: ${problem.message}` : `${where}: ${problem.message}`;
}

/** A display path relative to the working folder when that is shorter. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && rel.length < path.length ? rel : path;
}

export interface ParsedYaml {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
  data: unknown;
  /** The source text, for checks the parsed document cannot answer. */
  text?: string;
}

export function parseYaml(text: string, file: string): { parsed?: ParsedYaml; problems: Problem[] } {
  const lines = new LineCounter();
  if (text.length > MAX_YAML_BYTES) return { problems: [{ file, message: `${Math.round(text.length / 1048576)} MB is more than a YAML file here may hold (${MAX_YAML_BYTES / 1048576} MB): is it the right file?` }] };
  // the yaml package's own uniqueKeys check compares every key with every other (40,000 keys took 22 s)
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((error) => ({
      file,
      line: error.linePos?.[0]?.line ?? lineOf(lines, error.pos[0]),
      message: `YAML syntax error: ${firstLine(error.message)}`,
    }));
    return { problems };
  }
  const duplicates = duplicateKeys(doc, lines, file);
  if (duplicates.length > 0) return { problems: duplicates };
  let data: unknown;
  try {
    // aliases that expand to billions of nodes ("billion laughs") stop here
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof ReferenceError) return { problems: [{ file, message: 'too many YAML aliases (*name) expand here: write the values out instead' }] };
    throw error;
  }
  return { parsed: { file, doc, lines, data, text }, problems: [] };
}

/** Larger YAML is not a config, codeframe, answers or toolkit file. */
const MAX_YAML_BYTES = 32 * 1048576;
const MAX_ALIAS_COUNT = 1000;

/** Keys that appear twice in one mapping, each named once at its second line; one pass with a set per mapping. */
function duplicateKeys(doc: Document.Parsed, lines: LineCounter, file: string): Problem[] {
  const problems: Problem[] = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = pair.key.value;
        if (seen.has(key)) problems.push({ file, line: lineOf(lines, pair.key.range?.[0]), message: `YAML syntax error: Map keys must be unique ("${String(key)}" is given twice)` });
        seen.add(key);
      }
    },
  });
  return problems;
}

export function readYaml(path: string): { parsed?: ParsedYaml; problems: Problem[] } {
  const file = displayPath(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { problems: [{ file, message: `cannot read: ${(error as Error).message}` }] };
  }
  return parseYaml(text, file);
}

/** Validate parsed YAML with a zod schema; each issue located at the line of the offending node. */
export function checkSchema<S extends z.ZodType>(parsed: ParsedYaml, schema: S): { value?: z.infer<S>; problems: Problem[] } {
  const result = schema.safeParse(parsed.data, { reportInput: true });
  if (result.success) return { value: result.data, problems: [] };
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0] ?? '';
      return {
        file: parsed.file,
        line: locateKey(parsed, path, key),
        field: [...path, key].join('.'),
        message: `unknown field${issue.keys.length > 1 ? `s ${issue.keys.join(', ')}` : ''}; check the spelling or remove it`,
      };
    }
    const missing = issue.code === 'invalid_type' && issue.input === undefined;
    return {
      file: parsed.file,
      line: locate(parsed, path),
      field: path.join('.') || '(top level)',
      message: missing ? 'required field is missing' : issue.message,
    };
  });
  return { problems };
}

/** Line of the node at `path`, or of its nearest existing ancestor (for missing fields). */
export function locate(parsed: ParsedYaml, path: readonly (string | number)[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = parsed.doc.getIn(path.slice(0, depth), true) as Node | undefined;
    if (node && typeof node === 'object' && 'range' in node && node.range) {
      if (depth < path.length && isMap(node)) return lineOf(parsed.lines, node.range[0]);
      return lineOf(parsed.lines, node.range[0]);
    }
  }
  return 1;
}

function locateKey(parsed: ParsedYaml, path: readonly (string | number)[], key: string): number | undefined {
  const parent = path.length === 0 ? parsed.doc.contents : parsed.doc.getIn(path, true);
  if (isMap(parent)) {
    for (const item of parent.items) {
      if (isPair(item) && isScalar(item.key) && item.key.value === key && item.key.range) {
        return lineOf(parsed.lines, item.key.range[0]);
      }
    }
  }
  return locate(parsed, path);
}

function lineOf(lines: LineCounter, offset: number | undefined): number {
  return offset === undefined ? 1 : lines.linePos(offset).line;
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? message;
}

/**
 * Plain (unquoted) text cut short by a comment: in YAML " #" starts a comment, so
 * `question: In the #WeNurses case study` reads as "In the". Flagged when the comment is glued to
 * its word (a hashtag) or the text before it is prose of two words or more; a comment after a
 * number, a yes/no or a one-word id is an ordinary comment.
 */
export function truncatedByComment(parsed: ParsedYaml): Problem[] {
  const problems: Problem[] = [];
  visit(parsed.doc, {
    Scalar(_key, node, path) {
      if (node.type !== 'PLAIN' || typeof node.value !== 'string' || typeof node.comment !== 'string' || !node.range) return;
      const hashtag = !/^\s/.test(node.comment);
      const prose = node.value.trim().split(/\s+/).length >= 2;
      if (!hashtag && !prose) return;
      // only a comment on the same line as the value cuts it
      if (parsed.text !== undefined && !/^[ \t]+#/.test(parsed.text.slice(node.range[1]))) return;
      const parent = path[path.length - 1];
      const isKey = isPair(parent) && parent.key === node;
      if (isKey) return;
      problems.push({
        file: parsed.file,
        line: lineOf(parsed.lines, node.range[0]),
        message: `text after " #" was read as a YAML comment, so the value ends at "${node.value}": put the whole text in quotes`,
      });
    },
  });
  return problems;
}
