import type { Lang, MessageKey } from '../i18n/messages.js';

/** The streams, environment and clock a command runs with (injected: tests run `main` in-process). */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Injected clock: only used for the default generation date. */
  readonly now?: () => Date;
}

/** One option of a command, as parsing, validation, help and the README see it. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** The value's name in help (`DIR`, `FILE`, `ja|en`); string options only. */
  readonly value?: string;
  /** What it does, for help (lines after the first are continuation lines). */
  readonly help: MessageKey;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export type OptionValues<O extends OptionSpecs> = {
  readonly [K in keyof O]?: O[K] extends { type: 'string' } ? string : O[K] extends { type: 'boolean' } ? true : string | true;
};

export interface Example {
  /** The arguments after `exrunbook`. */
  readonly args: string;
  readonly help: MessageKey;
}

/** What a command's `run` gets: values already checked against its spec. */
export interface CommandInput<O extends OptionSpecs, P extends readonly string[]> {
  /** The command's own options and the global ones (`lang`). */
  readonly values: OptionValues<O & typeof GLOBAL_OPTIONS>;
  /** Every positional the spec names, by name. */
  readonly positionals: { readonly [K in P[number]]: string };
  readonly io: CliIo;
  /** `--lang`, else en; a command that reads a config file may switch it with `useLanguage`. */
  readonly lang: Lang;
  /** Errors and messages from here on are printed in `lang` (the config file's `lang:`). */
  readonly useLanguage: (lang: Lang) => void;
}

/**
 * A command: its positionals (all required, in order), its own options, help and examples, and
 * what it does. The spec alone drives parsing, validation, `exrunbook help <command>` and the
 * README's command section. `--help` and `--lang` belong to every command (GLOBAL_OPTIONS).
 */
export interface CommandSpec<O extends OptionSpecs = OptionSpecs, P extends readonly string[] = readonly string[]> {
  readonly name: string;
  /** One line for the command list and the head of its help. */
  readonly summary: MessageKey;
  /** Paragraphs printed under the usage line. */
  readonly description?: MessageKey;
  readonly positionals: P;
  readonly options: O;
  readonly examples: readonly Example[];
  /** Returns the exit code; throws an ExrunbookError for anything the user can act on. */
  run(input: CommandInput<O, P>): Promise<number>;
}

/** Keeps the literal option and positional names, so `run` sees typed values. */
export function defineCommand<const O extends OptionSpecs, const P extends readonly string[]>(spec: CommandSpec<O, P>): CommandSpec<O, P> {
  return spec;
}

/** Accepted by every command. */
export const GLOBAL_OPTIONS = {
  lang: { type: 'string', value: 'ja|en', help: 'cli.option.lang' },
  help: { type: 'boolean', short: 'h', help: 'cli.option.help' },
} as const satisfies OptionSpecs;

/** Accepted only without a command. */
export const TOP_LEVEL_OPTIONS = {
  version: { type: 'boolean', short: 'v', help: 'cli.option.version' },
} as const satisfies OptionSpecs;

/** Erases a command's literal types for the registry. */
export type AnyCommand = CommandSpec;
