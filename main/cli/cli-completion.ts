import { Command } from 'commander';
import { refusePositionals } from './cli-program';

interface Verb {
  readonly names: readonly string[];
  readonly flags: readonly string[];
  /** Flags with a fixed set of values (enums), for completing the value. */
  readonly choices: ReadonlyMap<string, readonly string[]>;
}

function verbOf(cmd: Command): Verb {
  const choices = new Map<string, readonly string[]>();
  for (const o of cmd.options) if (o.long && o.argChoices) choices.set(o.long, o.argChoices);
  return { names: [cmd.name(), ...cmd.aliases()], flags: cmd.options.map((o) => o.long).filter((f): f is string => f !== undefined), choices };
}

const quote = (words: readonly string[]): string => words.join(' ');

/** The bash function, generated from the command tree (which the contract's facts generate). */
export function bashCompletion(program: Command): string {
  const tops = program.commands;
  const globals = program.options.map((o) => o.long!).filter(Boolean);
  const cases: string[] = [];
  for (const top of tops) {
    const names = [top.name(), ...top.aliases()].join('|');
    if (top.commands.length === 0) {
      const v = verbOf(top);
      cases.push(`    ${names})\n${valueCases(v, '      ')}      words="${quote([...v.flags, ...globals])}";;`);
      continue;
    }
    const verbs = top.commands.map(verbOf);
    const verbCases = verbs.map((v) => `        ${v.names.join('|')})\n${valueCases(v, '          ')}          words="${quote([...v.flags, ...globals])}";;`).join('\n');
    cases.push(`    ${names})\n      if [ "$COMP_CWORD" -eq 2 ]; then words="${quote(verbs.flatMap((v) => v.names))}"; else\n      case "$verb" in\n${verbCases}\n      esac; fi;;`);
  }
  return `# taskdeck completion for bash: source <(taskdeck completion bash)
_taskdeck() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local res="\${COMP_WORDS[1]}" verb="\${COMP_WORDS[2]}" words=""
  if [ "$COMP_CWORD" -eq 1 ]; then
    words="${quote(tops.map((c) => c.name()))}"
  else
  case "$res" in
${cases.join('\n')}
  esac
  fi
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _taskdeck taskdeck
`;
}

function valueCases(v: Verb, indent: string): string {
  if (v.choices.size === 0) return '';
  const lines = [...v.choices].map(([flag, values]) => `${indent}  ${flag}) COMPREPLY=($(compgen -W "${quote(values)}" -- "$cur")); return;;`);
  return `${indent}case "$prev" in\n${lines.join('\n')}\n${indent}esac\n`;
}

/** zsh loads the bash function through bashcompinit. */
export function zshCompletion(program: Command): string {
  return `#compdef taskdeck\n# taskdeck completion for zsh: source <(taskdeck completion zsh)\nautoload -U +X bashcompinit && bashcompinit\n${bashCompletion(program)}`;
}

/** `taskdeck completion bash|zsh`. */
export function completionCommand(program: Command): Command {
  const cmd = new Command('completion').description('Print a shell completion script: source <(taskdeck completion bash)');
  for (const [shell, make] of [['bash', bashCompletion], ['zsh', zshCompletion]] as const) {
    cmd
      .command(shell)
      .description(`completion for ${shell}`)
      .allowExcessArguments(true)
      .action((_o: unknown, self: Command) => {
        refusePositionals(self, { resource: 'completion', verb: shell }, []);
        (program.configureOutput().writeOut ?? console.log)(make(program));
      });
  }
  return cmd;
}
