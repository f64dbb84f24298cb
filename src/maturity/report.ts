/** Reporters for a maturity assessment: terminal and Markdown, pure. */
import type { ChalkInstance } from 'chalk';
import type { MaturityResult } from './model.js';

const bar = (level: number) => `${'#'.repeat(level)}${'.'.repeat(5 - level)}`;

export function maturityToTerminal(r: MaturityResult, chalk: ChalkInstance): string {
  const lines = [chalk.bold(`Digital maturity: level ${r.overall} of 5, ${r.overallName}`), ...(r.overallDescriptor ? [chalk.dim(`European Digital Capability Framework, level ${r.overall}: "${r.overallDescriptor}"`)] : []), ''];
  for (const d of r.dimensions) lines.push(`  ${d.name.padEnd(24)} ${bar(d.level)}  ${d.level} ${chalk.dim(d.levelName)}${r.weakest.includes(d.id) ? chalk.yellow('  <- weakest') : ''}`);
  lines.push('', chalk.dim(`How: ${r.method}.`), '', chalk.bold('Next steps'));
  for (const step of r.nextSteps) {
    const name = r.dimensions.find((d) => d.id === step.dimension)?.name ?? step.dimension;
    lines.push(`  ${name}:`);
    if (step.techniques.length === 0) lines.push('    no technique in the toolkit fits this level yet; see ptk techniques list');
    for (const t of step.techniques) lines.push(`    - ${t.name} [${t.id}]: ${t.summary} ${chalk.dim(`(${t.why})`)}`);
  }
  return `${lines.join('\n')}\n`;
}

export function maturityToMarkdown(r: MaturityResult): string {
  const lines = [`# Digital maturity self-assessment`, '', `**Overall: level ${r.overall} of 5, ${r.overallName}.**`, '', ...(r.overallDescriptor ? [`> European Digital Capability Framework, level ${r.overall}: "${r.overallDescriptor}"`, ''] : []), '| Dimension | Level | |', '|---|---:|---|'];
  for (const d of r.dimensions) lines.push(`| ${d.name} | ${d.level} | ${d.levelName}${r.weakest.includes(d.id) ? ' (weakest)' : ''} |`);
  lines.push('', `_How the levels are worked out: ${r.method}._`, '', '## Next steps', '');
  for (const step of r.nextSteps) {
    lines.push(`### ${r.dimensions.find((d) => d.id === step.dimension)?.name ?? step.dimension}`, '');
    if (step.techniques.length === 0) lines.push('- No technique in the toolkit fits this level yet.');
    for (const t of step.techniques) lines.push(`- **${t.name}** (\`${t.id}\`): ${t.summary} (${t.why})`);
    lines.push('');
  }
  return lines.join('\n');
}
