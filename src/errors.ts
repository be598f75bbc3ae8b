/**
 * The one error type of exrunbook. Every failure a user can act on is an ExrunbookError with a
 * stable code; `main` maps the code's class to an exit code (BRIEF §7).
 */
export type ErrorClass = 'usage' | 'input' | 'browser' | 'internal';

export interface ErrorLocation {
  readonly file?: string;
  readonly line?: number;
}

export class ExrunbookError extends Error {
  readonly code: string;
  readonly errorClass: ErrorClass;
  readonly hint: string | undefined;
  readonly location: ErrorLocation;

  constructor(
    code: string,
    errorClass: ErrorClass,
    message: string,
    options: { hint?: string; location?: ErrorLocation; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ExrunbookError';
    this.code = code;
    this.errorClass = errorClass;
    this.hint = options.hint;
    this.location = options.location ?? {};
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
