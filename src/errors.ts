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

const FS_REASONS: Readonly<Record<string, { reason: string; hint: string }>> = {
  ENOSPC: { reason: 'the disk is full', hint: 'Free some space, or choose an --out folder on another disk, and run again.' },
  EDQUOT: { reason: 'the disk quota is used up', hint: 'Free some space, or choose an --out folder on another disk, and run again.' },
  EACCES: { reason: 'permission denied', hint: 'Choose an --out folder you may write to, or change its permissions.' },
  EPERM: { reason: 'the operation is not permitted', hint: 'Choose an --out folder you may write to; on Windows, close any program that has a file in it open.' },
  EROFS: { reason: 'the file system is read-only', hint: 'Choose an --out folder on a writable disk.' },
  ENOTDIR: { reason: 'a part of the path is a file, not a folder', hint: 'Choose an --out path whose folders are folders.' },
  EEXIST: { reason: 'a file is in the way', hint: 'Choose an --out path where no file is in the way.' },
  ENOTEMPTY: { reason: 'a folder appeared at --out while exrunbook was writing', hint: 'Run again once nothing else writes there.' },
  ENAMETOOLONG: { reason: 'the path is too long', hint: 'Choose a shorter --out path.' },
  EMFILE: { reason: 'too many files are open', hint: 'Close other programs and run again.' },
  ENFILE: { reason: 'too many files are open', hint: 'Close other programs and run again.' },
  EIO: { reason: 'the disk reported an input/output error', hint: 'Check the disk, or choose an --out folder on another one.' },
};

/**
 * An operating-system error met while writing output, as an error a user can act on (which file,
 * what happened, what to do), of class `errorClass`; other errors are returned unchanged.
 */
export function outputWriteError(error: unknown, errorClass: ErrorClass): unknown {
  if (error instanceof ExrunbookError || !(error instanceof Error)) return error;
  const { code, path } = error as NodeJS.ErrnoException;
  const known = code === undefined ? undefined : FS_REASONS[code];
  if (known === undefined) return error;
  return new ExrunbookError(`out-${code?.toLowerCase() ?? 'fs'}`, errorClass, `Could not write the output: ${known.reason} (${code ?? ''}${path === undefined ? '' : `, ${path}`}). Nothing was changed in --out.`, {
    hint: known.hint,
    cause: error,
  });
}

/**
 * What `main` prints for an error that is no ExrunbookError: a bug. A short line and where to
 * report it; the stack trace only with EXRUNBOOK_DEBUG=1.
 */
export function describeInternalError(error: unknown, debug: boolean): string {
  const summary = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const details = debug && error instanceof Error && error.stack !== undefined ? `${error.stack}\n` : '';
  return (
    `exrunbook: internal error (${summary.split('\n')[0] ?? ''}).\n` +
    `  This is a bug in exrunbook. Please report it to the exrunbook maintainers (see README, "Reporting a problem") with the command you ran and this message; EXRUNBOOK_DEBUG=1 adds the details.\n` +
    details
  );
}
