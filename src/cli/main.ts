import { ExitCode, ExrunbookError, exitCodeFor } from '../errors.js';
import { localizeError } from '../i18n/localized-error.js';
import type { Lang } from '../i18n/messages.js';
import { t } from '../render/render-context.js';
import type { CliIo } from './command-spec.js';
import { COMMANDS } from './commands/index.js';
import { commandHelp, overviewHelp } from './help.js';
import { parseLang } from './option-values.js';
import { parseCommandLine } from './parse-command-line.js';
import { readToolInfo } from './tool-info.js';

export type { CliIo } from './command-spec.js';
export { watchClosedPipes } from './closed-pipes.js';

/**
 * The whole CLI: returns an exit code instead of exiting, so tests run it in-process. Help goes to
 * stdout with exit 0 when asked for (`--help`, `help`); with no arguments at all the command list
 * goes to stderr with exit 2, as a usage error. Every message is in the run's language: `--lang`,
 * else the config file's `lang:` once it is read, else English.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const session = { lang: requestedLang(argv) };
  try {
    const line = parseCommandLine(argv, COMMANDS);
    switch (line.kind) {
      case 'version': {
        const tool = readToolInfo();
        io.stdout.write(`${tool.name} ${tool.version}\n`);
        return ExitCode.Ok;
      }
      case 'overview':
        (line.usageError ? io.stderr : io.stdout).write(overviewHelp(COMMANDS, session.lang));
        return line.usageError ? ExitCode.UsageOrInput : ExitCode.Ok;
      case 'command-help':
        io.stdout.write(commandHelp(line.command, session.lang));
        return ExitCode.Ok;
      case 'run': {
        const flag = line.values.lang;
        if (typeof flag === 'string') session.lang = parseLang(flag);
        return await line.command.run({
          values: line.values,
          positionals: line.positionals,
          io,
          lang: session.lang,
          useLanguage: (lang) => (session.lang = lang),
        });
      }
    }
  } catch (error) {
    io.stderr.write(describeFailure(error, session.lang, io.env['EXRUNBOOK_DEBUG'] === '1'));
    return exitCodeFor(error);
  }
}

/** `exrunbook: message (file:line)` and the fix on the next line; anything else is a bug report. */
function describeFailure(error: unknown, lang: Lang, debug: boolean): string {
  // An internal error with a catalogue message is one the user can act on (reinstall exrunbook).
  if (error instanceof ExrunbookError && (error.errorClass !== 'internal' || error.text !== undefined)) return describeError(error, lang);
  // A bug: one line and where to report it; the stack trace only when asked for (EXRUNBOOK_DEBUG=1).
  const summary = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).split('\n')[0] ?? '';
  const stack = debug && error instanceof Error && error.stack !== undefined ? `${error.stack}\n` : '';
  return `${t({ lang }, 'cli.error.internal', { summary })}\n${stack}`;
}

function describeError(error: ExrunbookError, lang: Lang): string {
  const { message, hint } = localizeError(error, lang);
  const { file, line } = error.location;
  const where = file ? ` (${file}${line ? `:${line}` : ''})` : '';
  // A fix of several lines (a YAML example) stays indented under its first line.
  const fix = hint ? `  ${t({ lang }, 'cli.error.fix', { hint }).replace(/\n/g, '\n    ')}\n` : '';
  return `exrunbook: ${message}${where}\n${fix}`;
}

/**
 * `--lang` as typed, before the command line is checked, so that an error in the command line
 * itself is already in the language asked for.
 */
function requestedLang(argv: readonly string[]): Lang {
  for (const [i, arg] of argv.entries()) {
    if (arg === '--') break;
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    if (value === 'ja' || value === 'en') return value;
  }
  return 'en';
}
