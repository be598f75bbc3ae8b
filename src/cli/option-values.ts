import type { Lang } from '../i18n/messages.js';
import { localizedError } from '../i18n/localized-error.js';
import type { OutputFormat } from './run-build.js';

export const LANGS: readonly Lang[] = ['en', 'ja'];

export function parseLang(value: string): Lang {
  const lang = LANGS.find((l) => l === value);
  if (lang === undefined) throw localizedError('bad-lang', 'usage', 'error.cli.badLang', { value });
  return lang;
}

export function parseFormats(value: string): Set<OutputFormat> {
  const formats = new Set<OutputFormat>();
  for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    if (part !== 'html' && part !== 'json' && part !== 'pdf') throw localizedError('bad-format', 'usage', 'error.cli.badFormat', { value: part });
    formats.add(part);
  }
  if (formats.size === 0) throw localizedError('bad-format', 'usage', 'error.cli.emptyFormat');
  return formats;
}

/**
 * `--timeout`: whole seconds from 1 to 3600. A fraction or an exponent is refused rather than
 * rounded: `0.0001` used to mean "no limit" and `1e10` overflowed Node's timer.
 */
export const TIMEOUT_SECONDS = { min: 1, max: 3600, default: 60 } as const;

export function parseTimeout(value: string | undefined): number {
  if (value === undefined) return TIMEOUT_SECONDS.default * 1000;
  const seconds = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds >= TIMEOUT_SECONDS.min && seconds <= TIMEOUT_SECONDS.max)) {
    throw localizedError('bad-timeout', 'usage', 'error.cli.badTimeout', { value, min: TIMEOUT_SECONDS.min, max: TIMEOUT_SECONDS.max });
  }
  return seconds * 1000;
}

/** Dates printed on pages: 1970-01-01 to 9999-12-31, the range SOURCE_DATE_EPOCH can name too. */
const LAST_EPOCH_SECOND = 253_402_300_799;

/** A date that exists on the calendar, written YYYY-MM-DD (2013-02-30 and 2026-1-5 are refused). */
export function parseDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  const day = Number(m?.[3]);
  const date = new Date(Date.UTC(year, month - 1, day));
  const exists = m !== null && year >= 1970 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!exists) throw localizedError('bad-date', 'usage', 'error.cli.badDate', { value });
  return value;
}

/**
 * The date printed on pages: `--date`, else SOURCE_DATE_EPOCH (reproducible builds: whole seconds
 * since 1970, validated like `--date`; empty counts as unset), else today (UTC) from the clock.
 */
export function generationDate(flag: string | undefined, env: Readonly<Record<string, string | undefined>>, now: () => Date): string {
  if (flag !== undefined) return parseDate(flag);
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return now().toISOString().slice(0, 10);
  const seconds = /^\d{1,12}$/.test(epoch) ? Number(epoch) : Number.NaN;
  if (!(seconds <= LAST_EPOCH_SECOND)) throw localizedError('bad-source-date-epoch', 'usage', 'error.cli.badSourceDateEpoch', { value: epoch, max: LAST_EPOCH_SECOND });
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}
