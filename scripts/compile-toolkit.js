#!/usr/bin/env node
// Build step after tsc (`npm run build`): checks the built-in toolkit once, as `ptk toolkit validate`
// does, and writes its stages, techniques and case studies to dist/toolkit/builtin.json, which
// src/toolkit/load.ts reads instead of the YAML while the YAML is unchanged. Exits 1 with
// file:line problems when the toolkit is invalid.
import { relative } from 'node:path';
import { compileToolkit, writeCompiledToolkit } from '../dist/toolkit/compile.js';
import { BUILTIN_TOOLKIT, COMPILED_TOOLKIT } from '../dist/toolkit/load.js';
import { formatProblem } from '../dist/toolkit/yaml-file.js';

const { compiled, problems } = await compileToolkit(BUILTIN_TOOLKIT);
if (!compiled) {
  for (const problem of problems) process.stderr.write(`${formatProblem(problem)}\n`);
  process.stderr.write(`compile-toolkit: the built-in toolkit has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing written.\n`);
  process.exitCode = 1;
} else {
  await writeCompiledToolkit(compiled, COMPILED_TOOLKIT);
  process.stdout.write(`compile-toolkit: ${compiled.techniques.length} techniques, ${compiled.caseStudies.length} case studies, ${compiled.stages.length} stages -> ${relative(process.cwd(), COMPILED_TOOLKIT)}\n`);
}
