/** `ptk completion bash|zsh|fish`: a completion script written from the command table. */
import { COMMANDS, GLOBAL_OPTIONS, GROUPS, type CommandSpec, type OptionsOf } from '../command-table.js';
import { UsageError } from '../errors.js';
import type { AnyOptionSpec } from '../options.js';
import { print } from '../lib/output.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];

interface Node {
  path: string;
  description: string;
  children: string[];
  options: AnyOptionSpec[];
}

/** Every command path (groups and commands) with its subcommand words and options. */
function commandTree(): Map<string, Node> {
  const tree = new Map<string, Node>([['', { path: '', description: '', children: [], options: [] }]]);
  const node = (path: string): Node => {
    let found = tree.get(path);
    if (!found) {
      found = { path, description: GROUPS[path] ?? '', children: [], options: [] };
      tree.set(path, found);
      const words = path.split(' ');
      const parent = node(words.slice(0, -1).join(' '));
      parent.children.push(words.at(-1)!);
    }
    return found;
  };
  for (const spec of Object.values(COMMANDS) as CommandSpec[]) {
    const entry = node(spec.path.join(' '));
    entry.description = spec.description;
    entry.options = Object.values(spec.options);
  }
  node('help').description = 'show help for a command';
  return tree;
}

/** `-o, --out <dir>` gives `-o` and `--out`; `--no-color` gives `--no-color`. */
function flagWords(spec: AnyOptionSpec): { short?: string; long: string; takesValue: boolean } {
  const words = spec.flags.split(/[ ,|]+/);
  const short = words.find((w) => /^-[a-zA-Z]$/.test(w));
  const long = words.find((w) => w.startsWith('--'))!;
  return { ...(short ? { short } : {}), long, takesValue: /[<[]/.test(spec.flags) };
}

const globalOptions = (): AnyOptionSpec[] => Object.values(GLOBAL_OPTIONS);
const shellQuote = (text: string): string => `'${text.replace(/'/g, "'\\''")}'`;

export function bashScript(): string {
  const tree = commandTree();
  const paths = [...tree.keys()].filter((p) => p !== '');
  const globalWords = [...globalOptions().flatMap((o) => Object.values(flagWords(o)).filter((w): w is string => typeof w === 'string')), '--help', '-h'];
  const cases = [...tree.values()].map((n) => {
    const words = [...n.children, ...n.options.flatMap((o) => [flagWords(o).long, flagWords(o).short].filter((w): w is string => w !== undefined)), ...globalWords];
    if (n.path === '') words.push('--version', '-v');
    return `    ${shellQuote(n.path)}) words=${shellQuote(words.join(' '))} ;;`;
  });
  return `# ptk completion for bash: source it, or put it in ~/.local/share/bash-completion/completions/ptk
_ptk_completion() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" path="" word i words=""
  # the command so far: words that extend a known command path (option values and arguments do not)
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    case "\${path:+$path }$word" in
      ${paths.map(shellQuote).join('|')}) path="\${path:+$path }$word" ;;
    esac
  done
  case "$path" in
${cases.join('\n')}
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
  # arguments and option values are mostly files
  if [[ \${#COMPREPLY[@]} -eq 0 && "$cur" != -* ]]; then
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _ptk_completion ptk
`;
}

export function zshScript(): string {
  return `#compdef ptk
# ptk completion for zsh: save as _ptk in a folder on $fpath (or source it after compinit)
autoload -U +X bashcompinit && bashcompinit
${bashScript()}`;
}

export function fishScript(): string {
  const tree = commandTree();
  const lines = ['# ptk completion for fish: save as ~/.config/fish/completions/ptk.fish', 'complete -c ptk -f'];
  const seen = (path: string): string => path.split(' ').map((w) => `__fish_seen_subcommand_from ${w}`).join('; and ');
  for (const node of tree.values()) {
    for (const child of node.children) {
      const childNode = tree.get(node.path === '' ? child : `${node.path} ${child}`)!;
      const condition = node.path === '' ? '__fish_use_subcommand' : `${seen(node.path)}; and not __fish_seen_subcommand_from ${node.children.join(' ')}`;
      lines.push(`complete -c ptk -n ${shellQuote(condition)} -a ${child} -d ${shellQuote(childNode.description)}`);
    }
    if (node.path === '') continue;
    for (const option of node.options) {
      const { short, long, takesValue } = flagWords(option);
      lines.push(`complete -c ptk -n ${shellQuote(seen(node.path))} -l ${long.slice(2)}${short ? ` -s ${short.slice(1)}` : ''}${takesValue ? ' -r -F' : ''} -d ${shellQuote(option.description)}`);
    }
  }
  for (const option of globalOptions()) {
    const { short, long, takesValue } = flagWords(option);
    lines.push(`complete -c ptk -l ${long.slice(2)}${short ? ` -s ${short.slice(1)}` : ''}${takesValue ? ' -r -F' : ''} -d ${shellQuote(option.description)}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function run(shell: string, _options: OptionsOf<'completion'>): Promise<void> {
  if (!(SHELLS as readonly string[]).includes(shell)) throw new UsageError(`no completion for "${shell}": choose bash, zsh or fish.`);
  const scripts: Record<Shell, () => string> = { bash: bashScript, zsh: zshScript, fish: fishScript };
  print(scripts[shell as Shell]().trimEnd());
}
