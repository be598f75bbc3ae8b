import type { Lang, MessageKey } from '../i18n/messages.js';
import { CATALOGUES } from '../i18n/messages.js';
import { GLOBAL_OPTIONS, TOP_LEVEL_OPTIONS, type AnyCommand, type OptionSpec, type OptionSpecs } from './command-spec.js';
import { usageLine } from './parse-command-line.js';

/**
 * Help, generated from the command specs in the run's language: `exrunbook --help` (the command
 * list), `exrunbook help <command>` (usage, options, examples) and the README's command section.
 */
export function overviewHelp(commands: readonly AnyCommand[], lang: Lang): string {
  const say = (key: MessageKey): string => CATALOGUES[lang][key];
  const rows = commands.map((c) => [[c.name, ...c.positionals.map((p) => `<${p}>`)].join(' '), say(c.summary)] as const);
  return [
    say('cli.help.title'),
    '',
    say('cli.help.usage'),
    '  exrunbook <command> [options]',
    '',
    say('cli.help.commands'),
    ...columns(rows),
    '',
    say('cli.help.options'),
    ...columns(Object.entries({ ...GLOBAL_OPTIONS, ...TOP_LEVEL_OPTIONS }).map(([name, spec]) => optionRow(name, spec, lang))),
    '',
    say('cli.help.more'),
    '',
    say('cli.help.exitCodes'),
    '',
  ].join('\n');
}

export function commandHelp(command: AnyCommand, lang: Lang): string {
  const say = (key: MessageKey): string => CATALOGUES[lang][key];
  const options: OptionSpecs = { ...command.options, ...GLOBAL_OPTIONS };
  return [
    `exrunbook ${command.name} — ${say(command.summary)}`,
    '',
    say('cli.help.usage'),
    `  ${usageLine(command)}`,
    '',
    ...(command.description === undefined ? [] : [say(command.description), '']),
    say('cli.help.options'),
    ...columns(Object.entries(options).map(([name, spec]) => optionRow(name, spec, lang))),
    '',
    say('cli.help.examples'),
    ...command.examples.flatMap((e) => [`  exrunbook ${e.args}`, `      ${say(e.help)}`]),
    '',
    say('cli.help.exitCodes'),
    '',
  ].join('\n');
}

/** The README's command section (English), between its markers; test/cli-spec.test.ts keeps them equal. */
export function readmeCommandSection(commands: readonly AnyCommand[]): string {
  const en = CATALOGUES.en;
  const cell = (text: string): string => text.replace(/\n/g, ' ').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const lines = ['```', ...commands.map((c) => `${usageLine(c).padEnd(46)} # ${en[c.summary]}`), '```', ''];
  for (const command of commands) {
    lines.push(`#### \`exrunbook ${command.name}\``, '');
    if (command.description !== undefined) lines.push(cell(en[command.description]), '');
    lines.push('| option | |', '|---|---|');
    for (const [name, spec] of Object.entries({ ...command.options, ...GLOBAL_OPTIONS })) lines.push(`| \`${cell(optionLabel(name, spec))}\` | ${cell(en[spec.help])} |`);
    const width = Math.max(...command.examples.map((e) => e.args.length)) + 'exrunbook '.length;
    lines.push('', '```sh', ...command.examples.map((e) => `${`exrunbook ${e.args}`.padEnd(width)}  # ${en[e.help]}`), '```', '');
  }
  lines.push(en['cli.help.exitCodes'], '');
  return lines.join('\n');
}

function optionLabel(name: string, spec: OptionSpec): string {
  const long = spec.type === 'string' ? `--${name} ${spec.value ?? 'VALUE'}` : `--${name}`;
  return spec.short === undefined ? long : `-${spec.short}, ${long}`;
}

function optionRow(name: string, spec: OptionSpec, lang: Lang): readonly [string, string] {
  return [optionLabel(name, spec), CATALOGUES[lang][spec.help]];
}

/** Two columns; the second's continuation lines (a `\n` in the message) line up under its start. */
function columns(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(20, ...rows.map(([left]) => left.length)) + 2;
  return rows.flatMap(([left, right]) => right.split('\n').map((line, i) => `  ${(i === 0 ? left : '').padEnd(width)}${line}`.trimEnd()));
}
