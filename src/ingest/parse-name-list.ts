import type { Diagnostic } from './diagnostic.js';
import type { RawTable } from './raw-table.js';

/**
 * A list of installed programs' names without a header, one a line, as operators copy it from
 * Add/Remove Programs or from `(Get-ItemProperty …\Uninstall\*).DisplayName`:
 *
 *   Microsoft Exchange Server 2007
 *   Update Rollup 10 for Exchange Server 2007 Service Pack 3 (KB2788321)
 *
 * Read as a DisplayName column (an installed-updates listing without dates). Claimed only when a line
 * names an Exchange 2007 update by its KB and no line looks like another format (`Name : value`,
 * delimiters, a table's dashes).
 */
export function looksLikeNameList(text: string): boolean {
  const lines = namesOf(text);
  if (lines.length === 0 || lines.length > 5000) return false;
  if (lines.some(({ name }) => /\s:\s|^-+$|[\t";]|^HKEY_|^\[/.test(name))) return false;
  return lines.some(({ name }) => /Exchange\s*(Server\s*)?2007/i.test(name) && /KB\s?\d{6,7}/i.test(name));
}

export function parseNameList(text: string): { table: RawTable; diagnostics: Diagnostic[] } {
  const rows = namesOf(text).map(({ name, line }) => ({ line, values: { DisplayName: name } }));
  return { table: { format: 'name-list', columns: ['DisplayName'], rows, typeName: null }, diagnostics: [] };
}

function namesOf(text: string): { name: string; line: number }[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line, index) => ({ name: line.trim(), line: index + 1 }))
    .filter(({ name }) => name !== '');
}
