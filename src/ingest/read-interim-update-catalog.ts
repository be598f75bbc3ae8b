import { basename } from 'node:path';
import type { ExrunbookError } from '../errors.js';
import type { MessageData } from '../i18n/format-message.js';
import { localizedError, type ErrorKey } from '../i18n/localized-error.js';
import type { BuildCatalog, ReleasedLevel } from '../knowledge/build-catalog.js';
import { decodeText } from './decode-text.js';
import { readOptionFile } from './read-option-file.js';
import { parseCsv } from './parse-csv.js';
import { readColumn } from './record-kind.js';

/**
 * The analyst's interim-update catalogue (BRIEF §3): a CSV with columns `KB` (the interim update) and
 * `FixedIn` (the rollup or SP whose build contains its fix, as a KB, a level such as SP3-RU11, or a
 * build). An IU listed here and fixed at or below the target is removed without a replacement; every
 * other IU needs one. A bad row is an input error naming file, line and fix — never a silent skip,
 * because a wrong row would drop a replacement the server needs.
 */
export function readInterimUpdateCatalog(path: string, catalog: BuildCatalog): Map<string, ReleasedLevel> {
  const file = basename(path);
  const bytes = readOptionFile(path, path, { code: 'iu-catalog-unreadable', key: 'error.iuCatalog.unreadable' });
  const decoded = decodeText(bytes, file);
  if (!decoded.ok) throw invalid(path, undefined, 'error.iuCatalog.notText', { reason: decoded.diagnostic.code });
  const { table, diagnostics } = parseCsv(decoded.text, file);
  const error = diagnostics.find((d) => d.severity === 'error');
  if (!table || error) throw invalid(path, error?.line, 'error.iuCatalog.notCsv', { reason: error?.code ?? 'csv-no-header' });
  const has = (c: string): boolean => table.columns.some((x) => x.toLowerCase() === c.toLowerCase());
  if (!(has('KB') || has('InterimUpdate')) || !has('FixedIn')) throw invalid(path, 1, 'error.iuCatalog.columns', { columns: table.columns.join(', ') });
  const fixes = new Map<string, ReleasedLevel>();
  for (const row of table.rows) {
    const kbText = readColumn(row.values, 'KB') || readColumn(row.values, 'InterimUpdate');
    const kb = /^KB\s?(\d{6,7})$/i.exec(kbText)?.[1];
    if (!kb) throw invalid(path, row.line, 'error.iuCatalog.notKb', { value: kbText });
    const fixedIn = readColumn(row.values, 'FixedIn');
    const resolved = catalog.resolve(fixedIn);
    if ('problem' in resolved) throw invalid(path, row.line, 'error.iuCatalog.fixedIn', { value: fixedIn, problem: resolved.problem });
    const earlier = fixes.get(`KB${kb}`);
    if (earlier !== undefined && earlier !== resolved.level) throw invalid(path, row.line, 'error.iuCatalog.listedTwice', { kb: `KB${kb}`, value: fixedIn });
    fixes.set(`KB${kb}`, resolved.level);
  }
  return fixes;
}

function invalid(path: string, line: number | undefined, key: ErrorKey, data: MessageData): ExrunbookError {
  return localizedError('iu-catalog-invalid', 'input', key, data, { location: { file: path, ...(line === undefined ? {} : { line }) }, hint: 'error.iuCatalog.hint' });
}
