import { shorten } from './shorten.js';

/**
 * What an unrecognised file looks like, so the warning can say "this is systeminfo output" rather than
 * "columns: Host Name: EXCAS01". Shapes are message keys (`fileShape.<shape>`); detail is inventory text.
 */
export type FileShape = 'systeminfo' | 'reg-export' | 'reg-query' | 'format-table' | 'csv' | 'format-list' | 'clixml' | 'text';

export function describeFileShape(text: string, columns: readonly string[] | null, format: string | null): { shape: FileShape; detail: string } {
  const body = text.replace(/^\uFEFF/, '');
  const lines = body.split(/\r\n|\r|\n/);
  const first = lines.find((l) => l.trim() !== '')?.trim() ?? '';
  const columnList = (): string => shorten((columns ?? []).slice(0, 6).map((c) => shorten(c, 40)).join(', '), 160) || shorten(first, 120);
  if (/^(Windows Registry Editor Version 5\.00|REGEDIT4)$/.test(first)) return { shape: 'reg-export', detail: firstKey(lines) || shorten(first, 120) };
  if (/^HKEY_[A-Z_]+\\/.test(first)) return { shape: 'reg-query', detail: shorten(first, 120) };
  if (lines.some((l) => /^(Host Name|ホスト名):/.test(l))) return { shape: 'systeminfo', detail: shorten(first, 120) };
  if (format === 'format-table') return { shape: 'format-table', detail: columnList() };
  if (format === 'csv' && columns !== null) return { shape: 'csv', detail: columnList() };
  if (format === 'format-list' && columns !== null) return { shape: 'format-list', detail: columnList() };
  if (format === 'clixml') return { shape: 'clixml', detail: columnList() };
  return { shape: 'text', detail: shorten(first, 120) };
}

function firstKey(lines: readonly string[]): string {
  const key = lines.find((l) => /^\[HKEY_/.test(l.trim()));
  return key ? shorten(key.trim().replace(/^\[|\]$/g, ''), 120) : '';
}
