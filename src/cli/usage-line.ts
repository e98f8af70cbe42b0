/**
 * commander's usage errors as one line on stderr, as every other error of the command is: its
 * `(Did you mean t2v?)` folded into the sentence, arguments named as the usage line names them
 * (`<prompt>`), and a pointer to the help instead of the help itself, which scrolled the error
 * out of sight.
 *
 * @module
 */
import type { Command } from 'commander';

/** `'t2v'`, or `'t2v' or 'i2v'`. */
function choices(names: string): string {
  return names.split(', ').map((name) => `'${name}'`).join(' or ');
}

/** An argument of `command` as its usage line shows it: `<prompt>`, `<refs...>`. */
function argumentName(command: Command | undefined, name: string): string {
  const argument = command?.registeredArguments.find((candidate) => candidate.name() === name);
  return `<${name}${argument?.variadic === true ? '...' : ''}>`;
}

/**
 * commander's message (`error: unknown command 't2vv'\n(Did you mean t2v?)`) as one sentence
 * without its `error: ` prefix: `unknown command 't2vv'; did you mean 't2v'?`.
 */
export function usageMessage(message: string, command?: Command): string {
  return message
    .trim()
    .replace(/^error: /, '')
    .replace(/\s*\(Did you mean (?:one of )?(.+?)\?\)$/s, (_, names: string) => `; did you mean ${choices(names)}?`)
    .replace(/missing required argument '([^']+)'/, (_, name: string) => `missing required argument ${argumentName(command, name)}`);
}

/** `sentence` and then `next`, with a full stop between them unless the sentence has its own. */
function thenSentence(sentence: string, next: string): string {
  return `${sentence}${/[.?!]$/.test(sentence) ? '' : '.'} ${next}`;
}

/**
 * Makes `command`'s usage errors one line, `error: UsageError: <message> Run modelstudio-video
 * <name> --help ...`, instead of the message followed by the help.
 */
export function oneLineUsageErrors(command: Command, help: string): Command {
  return command.showHelpAfterError(false).configureOutput({
    outputError: (text, write) => write(`error: UsageError: ${thenSentence(usageMessage(text, command), help)}\n`),
  });
}
