import { basename } from 'node:path';
import { ExrunbookError } from '../errors.js';
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
  const bytes = readOptionFile(path, path, { option: '--iu-catalog (or iuCatalog in the config file)', what: 'The interim-update catalogue', code: 'iu-catalog-unreadable' });
  const decoded = decodeText(bytes, file);
  if (!decoded.ok) throw invalid(path, undefined, `it is not text (${decoded.diagnostic.code})`);
  const { table, diagnostics } = parseCsv(decoded.text, file);
  const error = diagnostics.find((d) => d.severity === 'error');
  if (!table || error) throw invalid(path, error?.line, `it is not a readable CSV (${error?.code ?? 'no table'})`);
  const has = (c: string): boolean => table.columns.some((x) => x.toLowerCase() === c.toLowerCase());
  if (!(has('KB') || has('InterimUpdate')) || !has('FixedIn')) throw invalid(path, 1, `its columns are ${table.columns.join(', ')}`);
  const fixes = new Map<string, ReleasedLevel>();
  for (const row of table.rows) {
    const kbText = readColumn(row.values, 'KB') || readColumn(row.values, 'InterimUpdate');
    const kb = /^KB\s?(\d{6,7})$/i.exec(kbText)?.[1];
    if (!kb) throw invalid(path, row.line, `"${kbText}" is not a KB number`);
    const fixedIn = readColumn(row.values, 'FixedIn');
    const resolved = catalog.resolve(fixedIn);
    if ('problem' in resolved) throw invalid(path, row.line, `FixedIn "${fixedIn}": ${resolved.problem}`);
    const earlier = fixes.get(`KB${kb}`);
    if (earlier !== undefined && earlier !== resolved.level) throw invalid(path, row.line, `KB${kb} is listed again with another FixedIn "${fixedIn}"`);
    fixes.set(`KB${kb}`, resolved.level);
  }
  return fixes;
}

function invalid(path: string, line: number | undefined, why: string): ExrunbookError {
  return new ExrunbookError('iu-catalog-invalid', 'input', `The interim-update catalogue cannot be used: ${why}.`, {
    hint: 'Write a CSV with a header KB,FixedIn and one row per interim update, e.g. KB2814847,SP3-RU11 (FixedIn: a rollup KB, a level such as SP3-RU11, or a build).',
    location: { file: path, ...(line === undefined ? {} : { line }) },
  });
}
