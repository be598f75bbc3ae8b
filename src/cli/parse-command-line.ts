import { parseArgs } from 'node:util';
import { ExrunbookError } from '../errors.js';
import { localizedError } from '../i18n/localized-error.js';
import { nameList } from '../i18n/name-list.js';
import { GLOBAL_OPTIONS, TOP_LEVEL_OPTIONS, type AnyCommand, type OptionSpec, type OptionSpecs } from './command-spec.js';

export type CommandLine =
  /** `exrunbook --help`, `exrunbook help`; `usageError`: no arguments at all (stderr, exit 2). */
  | { readonly kind: 'overview'; readonly usageError: boolean }
  | { readonly kind: 'version' }
  | { readonly kind: 'command-help'; readonly command: AnyCommand }
  | {
      readonly kind: 'run';
      readonly command: AnyCommand;
      readonly values: Readonly<Record<string, string | true>>;
      readonly positionals: Readonly<Record<string, string>>;
    };

/**
 * Reads the command line against the command specs. Options may come before or after the
 * positionals; `--` ends the options. Refused, as usage errors naming the option and the command:
 * an option of another command (`catalog --binder`), an unknown option, a value given to a switch
 * or missing from an option that takes one, a missing or extra argument. `--help` wins over them
 * all, so `exrunbook build --bogus --help` still shows build's help.
 */
export function parseCommandLine(argv: readonly string[], commands: readonly AnyCommand[]): CommandLine {
  const known = allOptions(commands);
  const { tokens } = parseArgs({ args: [...argv], options: parseArgsConfig(known), strict: false, allowPositionals: true, tokens: true });
  const positionals: string[] = [];
  const given: { name: string; raw: string; value: string | undefined; inline: boolean }[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    else if (token.kind === 'option') given.push({ name: token.name, raw: token.rawName, value: token.value, inline: token.inlineValue === true });
  }
  const asksHelp = given.some((o) => o.name === 'help');
  const [first, ...rest] = positionals;

  if (first === undefined || first === 'help') {
    const topic = first === 'help' ? rest[0] : undefined;
    if (topic !== undefined) {
      if (rest.length > 1) throw localizedError('extra-arguments', 'usage', 'error.cli.extraArgument', { value: rest[1] ?? '', usage: 'exrunbook help <command>' });
      return { kind: 'command-help', command: findCommand(topic, commands) };
    }
    if (first === 'help' || asksHelp) return { kind: 'overview', usageError: false };
    if (given.length === 0) return { kind: 'overview', usageError: true };
    const option = given.find((o) => o.name !== 'lang' && o.name !== 'version');
    if (option !== undefined) throw localizedError('no-command', 'usage', 'error.cli.noCommand', { option: option.raw });
    if (given.some((o) => o.name === 'version')) return { kind: 'version' };
    return { kind: 'overview', usageError: true };
  }

  const command = findCommand(first, commands);
  if (asksHelp) return { kind: 'command-help', command };
  const accepted: OptionSpecs = { ...command.options, ...GLOBAL_OPTIONS };
  const values: Record<string, string | true> = {};
  for (const option of given) {
    const spec = accepted[option.name];
    if (spec === undefined) throw notAccepted(option.raw, option.name, command, commands);
    if (spec.type === 'boolean') {
      if (option.value !== undefined) throw localizedError('option-takes-no-value', 'usage', 'error.cli.switchWithValue', { option: `--${option.name}`, command: command.name });
      values[option.name] = true;
    } else {
      // A value that looks like an option is most likely a forgotten value (`--out --binder`);
      // `--out=-x` says it is meant.
      if (option.value === undefined || (!option.inline && option.value.startsWith('-') && option.value !== '-')) {
        throw localizedError('option-needs-value', 'usage', 'error.cli.missingValue', { option: `--${option.name}`, value: spec.value ?? 'VALUE', command: command.name });
      }
      values[option.name] = option.value;
    }
  }
  const names = command.positionals;
  if (rest.length < names.length) {
    throw localizedError('missing-argument', 'usage', 'error.cli.missingArgument', { command: command.name, argument: `<${names[rest.length] ?? ''}>`, usage: usageLine(command) });
  }
  if (rest.length > names.length) throw localizedError('extra-arguments', 'usage', 'error.cli.extraArgument', { value: rest[names.length] ?? '', usage: usageLine(command) });
  const byName: Record<string, string> = {};
  names.forEach((name, i) => (byName[name] = rest[i] ?? ''));
  return { kind: 'run', command, values, positionals: byName };
}

/** `exrunbook build <inventory> [options]`. */
export function usageLine(command: AnyCommand): string {
  return ['exrunbook', command.name, ...command.positionals.map((p) => `<${p}>`), '[options]'].join(' ');
}

/**
 * Every option any command knows, with one type per name: two commands may share `--out`, but
 * not as a switch in one and a value in the other (a spec error, caught by the CLI test too).
 */
export function allOptions(commands: readonly AnyCommand[]): ReadonlyMap<string, { spec: OptionSpec; owners: string[] }> {
  const all = new Map<string, { spec: OptionSpec; owners: string[] }>();
  const add = (name: string, spec: OptionSpec, owner: string | null): void => {
    const seen = all.get(name);
    if (seen !== undefined && (seen.spec.type !== spec.type || seen.spec.short !== spec.short)) {
      throw new ExrunbookError('command-spec-conflict', 'internal', `--${name} is declared differently by ${[...seen.owners, owner ?? 'exrunbook'].join(' and ')}.`);
    }
    const entry = seen ?? { spec, owners: [] };
    if (owner !== null && !entry.owners.includes(owner)) entry.owners.push(owner);
    all.set(name, entry);
  };
  for (const [name, spec] of Object.entries({ ...GLOBAL_OPTIONS, ...TOP_LEVEL_OPTIONS })) add(name, spec, null);
  for (const command of commands) for (const [name, spec] of Object.entries(command.options)) add(name, spec, command.name);
  return all;
}

function parseArgsConfig(known: ReadonlyMap<string, { spec: OptionSpec }>): Record<string, { type: 'string' | 'boolean'; short?: string }> {
  const config: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, { spec }] of known) config[name] = spec.short === undefined ? { type: spec.type } : { type: spec.type, short: spec.short };
  return config;
}

function findCommand(name: string, commands: readonly AnyCommand[]): AnyCommand {
  const command = commands.find((c) => c.name === name);
  if (command !== undefined) return command;
  const near = closest(name, commands.map((c) => c.name));
  const list = nameList(commands.map((c) => c.name));
  if (near !== undefined) throw localizedError('unknown-command', 'usage', 'error.cli.unknownCommandNear', { command: name, near, commands: list }, { hint: 'error.cli.unknownCommand.hint' });
  throw localizedError('unknown-command', 'usage', 'error.cli.unknownCommand', { command: name, commands: list });
}

function notAccepted(raw: string, name: string, command: AnyCommand, commands: readonly AnyCommand[]): ExrunbookError {
  const option = raw;
  if (name === 'version') return localizedError('option-of-no-command', 'usage', 'error.cli.versionWithCommand', { command: command.name });
  const owners = allOptions(commands).get(name)?.owners ?? [];
  if (owners.length > 0 && raw.startsWith('--')) {
    return localizedError('option-of-other-command', 'usage', 'error.cli.otherCommandsOption', { option, command: command.name, owners: nameList(owners) });
  }
  const near = closest(name, Object.keys({ ...command.options, ...GLOBAL_OPTIONS }));
  if (near !== undefined) return localizedError('unknown-option', 'usage', 'error.cli.unknownOptionNear', { option, command: command.name, near: `--${near}` }, { hint: 'error.cli.unknownOption.hint' });
  return localizedError('unknown-option', 'usage', 'error.cli.unknownOption', { option, command: command.name });
}

/** The one candidate within two edits (a typo such as `--fromat`, `biuld`; one for short words), if exactly one is. */
function closest(word: string, candidates: readonly string[]): string | undefined {
  const limit = word.length >= 4 ? 2 : 1;
  const near = candidates.filter((c) => editDistance(word.toLowerCase(), c) <= limit);
  return near.length === 1 ? near[0] : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
