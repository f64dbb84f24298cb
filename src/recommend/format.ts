/** Terminal rendering of recommendations; pure (colour passed in). */
import type { ChalkInstance } from 'chalk';
import { SLOT_NAMES, type BalancedPick, type LeftOut, type Recommendation, type Situation } from './recommend.js';

export function describeSituation(s: Situation): string {
  const parts = [`stage ${s.stage}`];
  if (s.activity) parts.push(`activity ${s.activity}`);
  if (s.audiences.length) parts.push(`audiences ${s.audiences.join(', ')}`);
  if (s.intent) parts.push(`you need people to ${s.intent}`);
  if (s.budget) parts.push(`budget ${s.budget}`);
  if (s.weeks !== undefined) parts.push(`${s.weeks} weeks`);
  if (s.skills) parts.push(`${s.skills} skills`);
  if (s.reach) parts.push(`${s.reach} reach`);
  if (s.offlineShare !== undefined) parts.push(`${s.offlineShare}% rarely online`);
  if (s.sensitive) parts.push('sensitive policy');
  return parts.join('; ');
}

export function recommendationsToTerminal(recs: Recommendation[], situation: Situation, chalk: ChalkInstance, limit = recs.length, moreHint = 'raise --top to see them'): string {
  const lines: string[] = [chalk.bold(`Recommended techniques for ${describeSituation(situation)}`), ''];
  if (recs.length === 0) {
    lines.push(`No technique in the toolkit serves stage ${situation.stage}${situation.activity ? ` and activity ${situation.activity}: try without --activity, or` : ': see'} ptk techniques list.`);
    return `${lines.join('\n')}\n`;
  }
  recs.slice(0, limit).forEach((r, i) => {
    const score = r.score > 0 ? chalk.green(`+${r.score}`) : r.score < 0 ? chalk.red(String(r.score)) : chalk.dim('0');
    lines.push(`${chalk.dim(String(i + 1).padStart(2))}. ${chalk.bold(r.name)} ${chalk.dim(`[${r.id}]`)} ${chalk.dim(r.mode)}  score ${score}`);
    lines.push(`    ${r.summary}`);
    for (const m of r.reasons.matched) lines.push(`    ${chalk.green('+')} ${m}`);
    for (const a of r.reasons.against) lines.push(`    ${chalk.red('-')} ${a}`);
    if (r.tieBreak) lines.push(`    ${chalk.dim('=')} ${r.tieBreak}`);
    if (r.offlinePairing) {
      const p = r.offlinePairing;
      lines.push(
        p.id
          ? `    ${chalk.yellow('pair with')} ${p.name} [${p.id}] (${p.mode}) for people rarely online: ${p.why}; assisted digital: ${p.assistedDigital}`
          : `    ${chalk.yellow('offline route')}: no blended or offline technique in this stage reaches people rarely online; assisted digital: ${p.assistedDigital}`,
      );
    }
  });
  if (recs.length > limit) lines.push('', chalk.dim(`${recs.length - limit} more: ${moreHint}.`));
  if (recs.slice(0, limit).some((r) => r.offlinePairing)) lines.push('', chalk.dim('Some of your audience is rarely online: every online technique that reaches people is paired with an offline or blended route.'));
  lines.push('', chalk.dim('Details: ptk techniques show <id>. A stage plan: ptk wizard ' + situation.stage));
  return `${lines.join('\n')}\n`;
}

export function balancedToTerminal(picks: readonly BalancedPick[], chalk: ChalkInstance): string {
  if (picks.length === 0) return '';
  const lines = [chalk.bold('A balanced set'), ''];
  for (const p of picks) {
    const what = p.id ? `${p.name} [${p.id}]${p.laterStage ? ` (stage ${p.laterStage})` : ''}` : chalk.dim('none');
    lines.push(`  ${SLOT_NAMES[p.slot]}: ${what}`, `    ${chalk.dim(p.reason)}`);
  }
  return `${lines.join('\n')}\n`;
}

export function leftOutToTerminal(excluded: readonly LeftOut[], chalk: ChalkInstance): string {
  if (excluded.length === 0) return '';
  return `${chalk.bold('Left out')} (ruled out by your situation):\n${excluded.map((x) => `  ${x.name} [${x.id}]: ${x.reason}`).join('\n')}\n`;
}
