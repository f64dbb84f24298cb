/**
 * Shell completion: the bash script is sourced in a real bash subshell and asked to complete, as
 * bash's programmable completion would (COMP_WORDS, COMP_CWORD, then COMPREPLY).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runPtk } from '../helpers/cli.js';

const bash = runPtk(['completion', 'bash']);

/** What the bash completion offers for the words typed so far (the last one being completed). */
function complete(...words: string[]): string[] {
  const script = `${bash.stdout}
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}
_ptk_completion
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const result = spawnSync('bash', ['--norc', '--noprofile', '-c', script], { encoding: 'utf8', cwd: '/' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout.split('\n').filter(Boolean);
}

describe('ptk completion bash', () => {
  it('prints a script that registers itself for ptk', () => {
    expect(bash.code).toBe(0);
    expect(bash.stdout).toContain('complete -o filenames -F _ptk_completion ptk');
  });

  it('completes command words, nested subcommands and their options', () => {
    expect(complete('ptk', 'tech')).toEqual(['techniques']);
    expect(complete('ptk', 'techniques', '')).toEqual(expect.arrayContaining(['list', 'show', 'search']));
    expect(complete('ptk', 'techniques', 'list', '--st')).toEqual(['--stage']);
    expect(complete('ptk', 'analyse', 'in')).toEqual(['init']);
    expect(complete('ptk', 'analyse', 'responses.csv', '--fo').sort()).toEqual(['--force', '--format']);
    // options of another command are not offered, global ones are
    expect(complete('ptk', 'plan', 'check', 'p', '--')).toEqual(expect.arrayContaining(['--json', '--toolkit', '--quiet', '--no-color']));
    expect(complete('ptk', 'plan', 'init', 'p', '--')).not.toContain('--format');
  });

  it('skips global options and their values before the command', () => {
    expect(complete('ptk', '--toolkit', 'overlay', 'mast')).toEqual(['masterclass']);
  });

  it('falls back to file names for arguments', () => {
    expect(complete('ptk', 'analyse', '/et')).toEqual(['/etc']);
  });
});

describe('ptk completion zsh and fish', () => {
  it('prints a zsh script built on the bash one', () => {
    const zsh = runPtk(['completion', 'zsh']);
    expect(zsh.stdout.split('\n')[0]).toBe('#compdef ptk');
    expect(zsh.stdout).toContain('bashcompinit');
    expect(zsh.stdout).toContain('_ptk_completion');
  });

  it('prints fish completions for subcommands and options', () => {
    const fish = runPtk(['completion', 'fish']);
    expect(fish.stdout).toContain("complete -c ptk -n '__fish_use_subcommand' -a analyse");
    expect(fish.stdout).toMatch(/-n '__fish_seen_subcommand_from techniques; and __fish_seen_subcommand_from list' -l stage -s s -r/);
  });

  it('refuses another shell with exit 2', () => {
    const r = runPtk(['completion', 'tcsh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('ptk: no completion for "tcsh": choose bash, zsh or fish.\n');
  });
});
