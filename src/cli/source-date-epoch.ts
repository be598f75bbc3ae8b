import { ExrunbookError } from '../errors.js';

/** 9999-12-31T23:59:59Z: the last second a YYYY-MM-DD date can print. */
const LAST_SECOND = 253_402_300_799;

/**
 * The date of `SOURCE_DATE_EPOCH` (seconds since 1970, reproducible-builds.org), refused (exit 2)
 * when it is past the year 9999: JavaScript's Date cannot print it, and no change is dated there.
 */
export function dateOfSourceDateEpoch(seconds: string): Date {
  const value = Number(seconds);
  if (!Number.isSafeInteger(value) || value > LAST_SECOND) {
    throw new ExrunbookError('bad-source-date-epoch', 'usage', `SOURCE_DATE_EPOCH=${seconds.length > 24 ? `${seconds.slice(0, 24)}…` : seconds}: past the year 9999.`, {
      hint: 'Set it to the seconds since 1970-01-01 of the date to print (e.g. 1796083200 for 2026-12-01), unset it, or use --date YYYY-MM-DD.',
    });
  }
  return new Date(value * 1000);
}
