import type { Diagnostic } from './diagnostic.js';
import type { RawRow, RawTable } from './raw-table.js';
import { shorten } from './shorten.js';

/**
 * Registry evidence as operators export it, read as one row per key that has values: the value names
 * are the columns (as Get-ItemProperty would name them), plus PSChildName (the key's last name) and
 * PSPath (the whole key), so the usual classification applies: the Exchange Patches keys (DisplayName,
 * Installed), Uninstall keys (DisplayName, InstallDate), NDP (Version, SP, Install), RpcProxy
 * (ValidPorts, Enabled), Software Publishing (State). DWORDs become decimal text, as Get-ItemProperty
 * prints them; REG_MULTI_SZ joins its strings with ';'.
 *
 * - `reg export` (regedit's .reg): `Windows Registry Editor Version 5.00` (UTF-16LE) or `REGEDIT4`, then
 *   `[key]` sections of `"name"="string"`, `@=` (the default value), `dword:0000abcd`, `hex(7):…` with
 *   `\` line continuations. The npm registry packages (regedit, regedit-rs) read a live Windows
 *   registry, not .reg files, so this is a small parser of regedit's documented export format.
 * - `reg query <key> /s`: a key's full name on a line of its own, then its values indented as
 *   `name  REG_TYPE  data` (spaces on Windows Vista and later, tabs on Windows Server 2003); the same on
 *   Japanese Windows, where the default value is `(既定)` instead of `(Default)`.
 */
export function parseRegExport(text: string, file: string): { table: RawTable; diagnostics: Diagnostic[] } {
  const lines = logicalLines(text.replace(/^\uFEFF/, ''));
  const diagnostics: Diagnostic[] = [];
  const keys = new KeyCollector('reg-export');
  for (const { text: line, number } of lines) {
    const t = line.trim();
    if (t === '' || t.startsWith(';') || /^(Windows Registry Editor Version 5\.00|REGEDIT4)$/.test(t)) continue;
    const key = /^\[(-?)(.+)\]$/.exec(t);
    if (key) {
      keys.startKey(key[1] === '-' ? null : (key[2] ?? ''), number);
      continue;
    }
    const value = /^(@|"((?:[^"\\]|\\.)*)")=(.*)$/.exec(t);
    const data = value ? regExportData(value[3] ?? '') : null;
    if (!value || data === null) {
      diagnostics.push({ severity: 'warning', code: 'registry-unparsed-line', file, line: number, data: { text: shorten(t) } });
      continue;
    }
    keys.addValue(value[1] === '@' ? '(default)' : unescape(value[2] ?? ''), data);
  }
  return { table: keys.table(), diagnostics };
}

export function parseRegQuery(text: string, file: string): { table: RawTable; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const keys = new KeyCollector('reg-query');
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .forEach((line, index) => {
      const t = line.trim();
      if (t === '' || t.startsWith('! REG.EXE')) return;
      if (/^HKEY_[A-Z_]+(\\|$)/.test(line)) {
        keys.startKey(t, index + 1);
        return;
      }
      const value = /^\s+(.*?)\s+(REG_[A-Z_]+)(?:\s+(.*))?$/.exec(line);
      if (value) {
        const name = value[1] ?? '';
        keys.addValue(name === '(Default)' || name === '(既定)' || name === '<NO NAME>' ? '(default)' : name, regQueryData(value[2] ?? '', (value[3] ?? '').trim()));
        return;
      }
      // `End of search: 3 match(es) found.` (with /f), `検索の終わり: …`: the summary, no data.
      if (/^(End of search|検索の終わり)/.test(t)) return;
      diagnostics.push({ severity: 'warning', code: 'registry-unparsed-line', file, line: index + 1, data: { text: shorten(t) } });
    });
  return { table: keys.table(), diagnostics };
}

export function looksLikeRegExport(text: string): boolean {
  return /^\uFEFF?\s*(Windows Registry Editor Version 5\.00|REGEDIT4)\s*$/m.test(text.slice(0, 200).split(/\r?\n/).slice(0, 3).join('\n'));
}

export function looksLikeRegQuery(text: string): boolean {
  const lines = text.replace(/^\uFEFF/, '').slice(0, 64 * 1024).split(/\r\n|\r|\n/, 50).filter((l) => l.trim() !== '' && !l.startsWith('! REG.EXE'));
  return /^HKEY_[A-Z_]+(\\|$)/.test(lines[0] ?? '') && lines.slice(1).some((l) => /^\s+.*?\s+REG_[A-Z_]+/.test(l));
}

class KeyCollector {
  private readonly rows: RawRow[] = [];
  private readonly columns = new Map<string, true>();
  private key: { path: string; line: number; values: Map<string, string> } | null = null;

  constructor(private readonly format: 'reg-export' | 'reg-query') {}

  startKey(path: string | null, line: number): void {
    this.flush();
    this.key = path === null ? null : { path, line, values: new Map() };
  }

  addValue(name: string, data: string): void {
    if (this.key === null || this.key.values.has(name)) return;
    this.key.values.set(name, data);
  }

  table(): RawTable {
    this.flush();
    return { format: this.format, columns: [...this.columns.keys()], rows: this.rows, typeName: null };
  }

  private flush(): void {
    const key = this.key;
    this.key = null;
    if (key === null || key.values.size === 0) return;
    const values: Record<string, string> = { PSPath: key.path, PSChildName: key.path.split('\\').at(-1) ?? key.path };
    for (const [name, data] of key.values) if (!Object.hasOwn(values, name)) values[name] = data;
    for (const name of Object.keys(values)) this.columns.set(name, true);
    this.rows.push({ line: key.line, values: Object.fromEntries(Object.entries(values)) });
  }
}

/** Joins regedit's `\`-continued lines, keeping the line each value starts on. */
function logicalLines(text: string): { text: string; number: number }[] {
  const out: { text: string; number: number }[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let index = 0; index < lines.length; index++) {
    const first = index;
    let joined = lines[index] ?? '';
    while (/=hex(\([0-9a-f]+\))?:.*\\$/i.test(joined) && index + 1 < lines.length) joined = joined.slice(0, -1) + (lines[++index] ?? '').trim();
    out.push({ text: joined, number: first + 1 });
  }
  return out;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

/** `"text"`, `dword:00023e00`, `hex(7):…` (REG_MULTI_SZ), `hex(2):…` (REG_EXPAND_SZ), `hex:…`, `hex(b):…` (QWORD). */
function regExportData(data: string): string | null {
  const string = /^"((?:[^"\\]|\\.)*)"$/.exec(data);
  if (string) return unescape(string[1] ?? '');
  const dword = /^dword:([0-9a-f]{8})$/i.exec(data);
  if (dword) return String(parseInt(dword[1] ?? '0', 16));
  const hex = /^hex(?:\(([0-9a-f]+)\))?:([0-9a-f,\s]*)$/i.exec(data);
  if (!hex) return null;
  const bytes = Buffer.from((hex[2] ?? '').split(',').map((b) => b.trim()).filter(Boolean).map((b) => parseInt(b, 16)));
  const type = (hex[1] ?? '3').toLowerCase();
  if (type === '2' || type === '1') return bytes.toString('utf16le').replace(/\0+$/, '');
  if (type === '7') return bytes.toString('utf16le').replace(/\0+$/, '').split('\0').join(';');
  if (type === 'b' && bytes.length === 8) return bytes.readBigUInt64LE(0).toString();
  if (type === '4' && bytes.length === 4) return String(bytes.readUInt32LE(0));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function regQueryData(type: string, data: string): string {
  if ((type === 'REG_DWORD' || type === 'REG_QWORD') && /^0x[0-9a-f]+$/i.test(data)) return BigInt(data).toString();
  if (type === 'REG_MULTI_SZ') return data.split('\\0').filter(Boolean).join(';');
  return data;
}
