import type { Diagnostic } from './diagnostic.js';
import type { RawTable } from './raw-table.js';

/**
 * `systeminfo` output (text, or `/fo csv`), English or Japanese Windows, read as a Win32_OperatingSystem
 * record (CSName, Caption, Version, CSDVersion, OSLanguage) plus Hotfixes (the KB numbers it lists), so
 * the operating-system kind reads it like the collector's export:
 *
 *   Host Name:                 EXCAS01                  ホスト名:         EXCAS01
 *   OS Name:                   Microsoft Windows …      OS 名:            Microsoft Windows …
 *   OS Version:                6.0.6002 Service Pack 2 Build 6002     OS バージョン:  6.1.7601 Service Pack 1 ビルド 7601
 *   System Locale:             ja;Japanese              システム ロケール:  ja;日本語
 *   Hotfix(s):                 2 Hotfix(s) Installed.   ホットフィックス:  2 ホットフィックスがインストールされています。
 *                              [01]: KB955430                             [01]: KB2479943
 *
 * OSLanguage is the LCID of the system locale (systeminfo does not print the install language; on the
 * servers this tool is for the two are the same), '' for a locale not in the table below.
 */
const LABELS: Readonly<Record<string, string>> = {
  'host name': 'host',
  ホスト名: 'host',
  'os name': 'caption',
  'os 名': 'caption',
  'os version': 'version',
  'os バージョン': 'version',
  'system locale': 'locale',
  'システム ロケール': 'locale',
  'hotfix(s)': 'hotfixes',
  ホットフィックス: 'hotfixes',
};

/** Locale codes systeminfo prints → LCID (Win32_OperatingSystem.OSLanguage). */
const LOCALE_LCID: Readonly<Record<string, string>> = { ja: '1041', 'en-us': '1033', 'en-gb': '2057', de: '1031', fr: '1036', 'zh-cn': '2052', 'zh-tw': '1028', ko: '1042', it: '1040', es: '3082' };

export function looksLikeSysteminfo(text: string): boolean {
  const head = text.replace(/^\uFEFF/, '').slice(0, 8192);
  return /^(Host Name|ホスト名):\s/m.test(head) && /^(OS Name|OS 名):\s/m.test(head);
}

/** True for the header of `systeminfo /fo csv`. */
export function isSysteminfoCsv(columns: readonly string[]): boolean {
  const known = new Set(columns.map((c) => LABELS[c.trim().toLowerCase()]));
  return known.has('host') && known.has('caption') && known.has('version');
}

export function parseSysteminfo(text: string): { table: RawTable | null; diagnostics: Diagnostic[] } {
  const fields = new Map<string, { value: string; line: number }>();
  let last: string | null = null;
  let firstLine = 0;
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .forEach((line, index) => {
      const m = /^([^\s:][^:]*?):\s+(.*)$/.exec(line);
      if (m && !/^\s/.test(line)) {
        last = LABELS[(m[1] ?? '').trim().toLowerCase()] ?? null;
        if (last !== null && !fields.has(last)) fields.set(last, { value: (m[2] ?? '').trim(), line: index + 1 });
        if (last === 'host') firstLine ||= index + 1;
        return;
      }
      // Continuation lines belong to the label above: the hotfix list, one `[01]: KB…` a line.
      if (last === 'hotfixes' && line.trim() !== '') {
        const entry = fields.get('hotfixes');
        if (entry) entry.value += `,${line.trim()}`;
      }
    });
  return { table: systeminfoTable([Object.fromEntries([...fields].map(([k, v]) => [k, v.value]))], firstLine || 1), diagnostics: [] };
}

/** `systeminfo /fo csv` rows (labels as columns) → the same record. */
export function systeminfoFromCsv(table: RawTable): RawTable {
  const records = table.rows.map((row) => {
    const fields: Record<string, string> = {};
    for (const [label, value] of Object.entries(row.values)) {
      const field = LABELS[label.trim().toLowerCase()];
      if (field !== undefined) fields[field] = value;
    }
    return fields;
  });
  const out = systeminfoTable(records, table.rows[0]?.line ?? 1);
  return { ...out, rows: out.rows.map((r, i) => ({ ...r, line: table.rows[i]?.line ?? r.line })) };
}

function systeminfoTable(records: readonly Readonly<Record<string, string>>[], line: number): RawTable {
  const rows = records.map((fields, i) => {
    const version = /^(\d+\.\d+\.\d+)\s*(.*?)\s*(?:Build|ビルド)\s+\d+\s*$/.exec(fields['version'] ?? '') ?? /^(\d+\.\d+\.\d+)\s*(.*)$/.exec(fields['version'] ?? '');
    const locale = (fields['locale'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const hotfixes = [...(fields['hotfixes'] ?? '').matchAll(/\b(KB\d{6,7}|Q\d{6})\b/gi)].map((m) => (m[1] ?? '').toUpperCase());
    return {
      line: line + i,
      values: {
        CSName: fields['host'] ?? '',
        Caption: fields['caption'] ?? '',
        Version: version?.[1] ?? '',
        CSDVersion: version?.[2] ?? '',
        OSLanguage: LOCALE_LCID[locale] ?? '',
        Hotfixes: hotfixes.join(';'),
      },
    };
  });
  return { format: 'systeminfo', columns: ['CSName', 'Caption', 'Version', 'CSDVersion', 'OSLanguage', 'Hotfixes'], rows, typeName: null };
}
