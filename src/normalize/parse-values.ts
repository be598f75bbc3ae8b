import type { ServicePackName } from '../knowledge/build-catalog.js';
import type { ExchangeRole, OsFamily } from './server-facts.js';
import { EXCHANGE_ROLES } from './server-facts.js';
import { parseDateTime, type DateOrder } from './parse-date-time.js';

/** NetBIOS-style key: case-insensitive, an FQDN matches its first label. */
export function serverKey(name: string): string {
  return (name.trim().split('.')[0] ?? '').toLowerCase();
}

/** PowerShell prints booleans as True/False; Exchange 2007 cmdlets print some as Yes/No. */
export function parseBoolean(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (t === 'true' || t === 'yes' || t === '$true' || t === '1') return true;
  if (t === 'false' || t === 'no' || t === '$false' || t === '0') return false;
  return null;
}

/** `ClientAccess, HubTransport` (a flags enum's ToString) → roles; `None`/`ProvisionedServer` → none. */
export function parseRoles(text: string): ExchangeRole[] {
  const parts = text.split(/[,;{}\s]+/).map((p) => p.toLowerCase()).filter(Boolean);
  return EXCHANGE_ROLES.filter((role) => parts.includes(role.toLowerCase()));
}

/** `contoso.com/Configuration/Sites/Tokyo` → `Tokyo`. */
export function parseSite(text: string): string | null {
  const t = text.trim();
  if (!t) return null;
  return t.split('/').at(-1) ?? t;
}

/** Splits a collection that was exported as text: `{a, b}`, `a b`, `a;b`; drops a `c...` cut by $FormatEnumerationLimit. */
export function splitCollection(text: string): string[] {
  return text
    .replace(/^\s*\{|\}\s*$/g, '')
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && !s.endsWith('...'));
}

/**
 * `OperationalMachines` of Get-ClusteredMailboxServerStatus: `{NODE1 <Active, Quorum Owner>, NODE2}` or
 * the same joined with `;` — a name followed by optional `<…>` markers. One pass, so a hostile value
 * (a megabyte of `<`) costs linear time. An entry ending in `...` is where $FormatEnumerationLimit cut
 * the list: no node has that name, so it is dropped (the parser already warned).
 */
export function parseOperationalMachines(text: string): { name: string; active: boolean; quorumOwner: boolean }[] {
  const body = text.trim().replace(/^\{|\}$/g, '');
  const entries: { name: string; markers: string }[] = [];
  let depth = 0;
  let name = '';
  let markers = '';
  const flush = (): void => {
    entries.push({ name: name.trim(), markers: markers.toLowerCase() });
    name = '';
    markers = '';
  };
  for (const ch of body) {
    if (ch === '<') depth++;
    else if (ch === '>') depth = Math.max(0, depth - 1);
    else if ((ch === ',' || ch === ';') && depth === 0) flush();
    else if (depth > 0) markers += ch;
    else name += ch;
  }
  flush();
  return entries
    .filter((e) => e.name !== '' && !e.name.endsWith('...'))
    .map((e) => ({ name: e.name, active: e.markers.includes('active'), quorumOwner: e.markers.includes('quorum') }));
}

export function parseOsFamily(version: string): OsFamily {
  if (/^5\.2(\.|$)/.test(version)) return '2003';
  if (/^6\.0(\.|$)/.test(version)) return '2008';
  if (/^6\.1(\.|$)/.test(version)) return '2008R2';
  return 'other';
}

/**
 * The `Installed` value of a patch: `20130211` in the registry, else a date in the server's culture
 * (`2013/02/11`, `2/11/2013`, `11.02.2013`, with or without a time) → `2013-02-11`; null when it is
 * not a date.
 */
export function normalizeInstallDate(text: string, order?: DateOrder): string | null {
  const t = text.trim();
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  return parseDateTime(compact ? `${compact[1] ?? ''}-${compact[2] ?? ''}-${compact[3] ?? ''}` : t, order)?.slice(0, 10) ?? null;
}

export interface PatchName {
  readonly kb: string | null;
  readonly interim: boolean;
  readonly rollup: number | null;
  readonly servicePack: ServicePackName | null;
  readonly mentionsExchange2007: boolean;
}

/**
 * Reads an Add/Remove Programs or MSI patch DisplayName in English or Japanese:
 * `Update Rollup 10 for Exchange Server 2007 Service Pack 3 (KB2788321)`,
 * `Exchange Server 2007 Service Pack 3 (KB2788321) 用の更新プログラムのロールアップ 10`,
 * `Interim Update for Exchange Server 2007 … (KB…)`, `Exchange Server 2007 の中間更新プログラム KB…`.
 */
export function parsePatchName(name: string): PatchName {
  const kbMatch = /KB\s?(\d{6,7})/i.exec(name);
  const rollupMatch = /Update Rollup\s+(\d+)/i.exec(name) ?? /更新プログラムのロールアップ\s*(\d+)/.exec(name);
  const spMatch = /Service Pack\s+(\d)/i.exec(name) ?? /\bSP(\d)\b/i.exec(name);
  const sp = spMatch ? (['RTM', 'SP1', 'SP2', 'SP3'] as const)[Number(spMatch[1])] ?? null : null;
  return {
    kb: kbMatch ? `KB${kbMatch[1] ?? ''}` : null,
    interim: /Interim Update/i.test(name) || name.includes('中間更新プログラム'),
    rollup: rollupMatch ? Number(rollupMatch[1]) : null,
    servicePack: rollupMatch ? (sp ?? 'RTM') : sp,
    // No two adjacent `\s*`: a megabyte of spaces must not cost quadratic backtracking.
    mentionsExchange2007: /Exchange\s*(?:Server\s*)?2007/i.test(name),
  };
}
