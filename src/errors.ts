/**
 * The one error type of exrunbook. Every failure a user can act on is an ExrunbookError with a
 * stable code; `main` maps the code's class to an exit code (BRIEF §7).
 */
export type ErrorClass = 'usage' | 'input' | 'browser' | 'internal';

export interface ErrorLocation {
  readonly file?: string;
  readonly line?: number;
}

/**
 * The message catalogue entry an error is printed from, so that `main` prints it in the run's
 * language (i18n/localized-error.ts makes these errors; `message` and `hint` hold the English).
 */
export interface ErrorText {
  readonly key: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** The fix's key when it is not `<key>.hint`. */
  readonly hintKey?: string;
}

export class ExrunbookError extends Error {
  readonly code: string;
  readonly errorClass: ErrorClass;
  readonly hint: string | undefined;
  readonly location: ErrorLocation;
  readonly text: ErrorText | undefined;

  constructor(
    code: string,
    errorClass: ErrorClass,
    message: string,
    options: { hint?: string; location?: ErrorLocation; cause?: unknown; text?: ErrorText } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ExrunbookError';
    this.code = code;
    this.errorClass = errorClass;
    this.hint = options.hint;
    this.location = options.location ?? {};
    this.text = options.text;
  }
}

export const ExitCode = {
  Ok: 0,
  Internal: 1,
  UsageOrInput: 2,
  Browser: 3,
  /** `exrunbook verify`: a planned server is not verified at its target build (BRIEF §7). */
  NotVerified: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export function exitCodeFor(error: unknown): ExitCode {
  if (!(error instanceof ExrunbookError)) return ExitCode.Internal;
  switch (error.errorClass) {
    case 'usage':
    case 'input':
      return ExitCode.UsageOrInput;
    case 'browser':
      return ExitCode.Browser;
    case 'internal':
      return ExitCode.Internal;
  }
}
