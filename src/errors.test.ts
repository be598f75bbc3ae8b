import { describe, expect, it } from 'vitest';
import { describeInternalError, ExitCode, ExrunbookError, exitCodeFor, outputWriteError } from './errors.js';

describe('describeInternalError', () => {
  const bug = new TypeError("Cannot read properties of undefined (reading 'facts')");

  it('says what broke and where to report it in two lines, without the stack', () => {
    const text = describeInternalError(bug, false);
    expect(text).toBe(
      "exrunbook: internal error (TypeError: Cannot read properties of undefined (reading 'facts')).\n" +
        '  This is a bug in exrunbook. Please report it to the exrunbook maintainers (see README, "Reporting a problem") with the command you ran and this message; EXRUNBOOK_DEBUG=1 adds the details.\n',
    );
    expect(text).not.toMatch(/\n\s+at /);
  });

  it('adds the stack with EXRUNBOOK_DEBUG=1', () => {
    expect(describeInternalError(bug, true)).toContain('    at ');
  });
});

describe('outputWriteError', () => {
  it.each([
    ['ENOSPC', 'usage', ExitCode.UsageOrInput],
    ['ENOSPC', 'browser', ExitCode.Browser],
    ['EACCES', 'usage', ExitCode.UsageOrInput],
    ['ENOTDIR', 'usage', ExitCode.UsageOrInput],
  ] as const)('%s while writing (%s) → exit %i, naming the file', (code, errorClass, exit) => {
    const error = outputWriteError(Object.assign(new Error(code), { code, path: '/out/servers/A.html' }), errorClass);
    expect(error).toBeInstanceOf(ExrunbookError);
    expect(exitCodeFor(error)).toBe(exit);
    expect((error as ExrunbookError).message).toContain(`(${code}, /out/servers/A.html)`);
  });

  it('passes on what it cannot explain', () => {
    const bug = new RangeError('Invalid time value');
    expect(outputWriteError(bug, 'usage')).toBe(bug);
  });
});
