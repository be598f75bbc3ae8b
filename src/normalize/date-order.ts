import type { Diagnostic } from '../ingest/diagnostic.js';
import { shorten } from '../ingest/shorten.js';
import type { DateOrder } from './parse-date-time.js';
import type { OperatingSystem, Provenance, Sourced } from './server-facts.js';

/**
 * How to read `05/03/2013`: 5 March (day first: en-GB, fr, de with slashes, it, es …) or May 3 (month
 * first: en-US). Decided, in order, by
 *   1. the file's own other dates in that column: a first number above 12 means day first, a second
 *      number above 12 means month first, an AM/PM marker means en-US (month first);
 *   2. the server's language (Win32_OperatingSystem.OSLanguage, or systeminfo's locale): 1033 (en-US)
 *      month first; the LCIDs below day first;
 * and else not at all: the value is read with parseDateTime's guess and an `ambiguous-date` warning
 * says which reading was used.
 */
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/\d{4}(?:\s+(.*))?$/;

/** LCIDs whose short date is day/month/year with slashes: en-GB, en-AU, en-NZ, en-IE, fr-FR, it-IT, es-ES, pt-BR, el-GR. */
const DAY_FIRST_LCIDS = new Set(['2057', '3081', '5129', '6153', '1036', '1040', '3082', '1046', '1032']);

export function dateOrderOfValues(values: readonly string[]): DateOrder | null {
  for (const value of values) {
    const m = SLASHED.exec(value.trim());
    if (!m) continue;
    if (Number(m[1]) > 12) return 'dmy';
    if (Number(m[2]) > 12 || /[AP]M\s*$/i.test(m[3] ?? '')) return 'mdy';
  }
  return null;
}

export function dateOrderOfLanguage(os: Sourced<OperatingSystem> | null): DateOrder | null {
  const lcid = os?.value.language ?? '';
  if (lcid === '1033') return 'mdy';
  return DAY_FIRST_LCIDS.has(lcid) ? 'dmy' : null;
}

/** Both numbers 12 or less and different: `05/03/2013` is either date. */
export function isAmbiguousDate(value: string): boolean {
  const m = SLASHED.exec(value.trim());
  return m !== null && Number(m[1]) <= 12 && Number(m[2]) <= 12 && Number(m[1]) !== Number(m[2]) && !/[AP]M\s*$/i.test(m[3] ?? '');
}

/**
 * The order for one file's column: from its values, else the machine's language. When neither tells and
 * a value is ambiguous, one warning for the file (at its first ambiguous value) says how it was read.
 */
export function resolveDateOrder(
  column: string,
  values: readonly { readonly text: string; readonly from: Provenance }[],
  os: Sourced<OperatingSystem> | null,
  readAs: (text: string) => string | null,
  diagnostics: Diagnostic[],
): DateOrder | undefined {
  const order = dateOrderOfValues(values.map((v) => v.text)) ?? dateOrderOfLanguage(os);
  if (order !== null) return order;
  const first = values.find((v) => isAmbiguousDate(v.text));
  if (first) {
    diagnostics.push({ severity: 'warning', code: 'ambiguous-date', file: first.from.file, line: first.from.line, data: { column, value: shorten(first.text), readAs: readAs(first.text) ?? '' } });
  }
  return undefined;
}
