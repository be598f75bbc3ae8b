import type { ServicePackName } from '../knowledge/build-catalog.js';
import type { ExchangeRole, OsFamily } from './server-facts.js';
import { EXCHANGE_ROLES } from './server-facts.js';

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

/** Splits a collection that was exported as text: `{a, b}`, `a b`, `a;b`. */
export function splitCollection(text: string): string[] {
  return text
    .replace(/^\s*\{|\}\s*$/g, '')
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * `OperationalMachines` of Get-ClusteredMailboxServerStatus: `{NODE1 <Active, Quorum Owner>, NODE2}` or
 * the same joined with `;` — a name followed by optional `<…>` markers.
 */
export function parseOperationalMachines(text: string): { name: string; active: boolean; quorumOwner: boolean }[] {
  const body = text.trim().replace(/^\{|\}$/g, '');
  const entries: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of body) {
    if (ch === '<') depth++;
    if (ch === '>') depth = Math.max(0, depth - 1);
    if ((ch === ',' || ch === ';') && depth === 0) {
      entries.push(current);
      current = '';
    } else current += ch;
  }
  entries.push(current);
  return entries
    .map((e) => e.trim())
    .filter(Boolean)
    .map((entry) => {
      const markers = /<([^>]*)>/.exec(entry)?.[1]?.toLowerCase() ?? '';
      const name = entry.replace(/<[^>]*>/g, '').trim();
      return { name, active: markers.includes('active'), quorumOwner: markers.includes('quorum') };
    })
    .filter((e) => e.name !== '');
}

export function parseOsFamily(version: string): OsFamily {
  if (/^5\.2(\.|$)/.test(version)) return '2003';
  if (/^6\.0(\.|$)/.test(version)) return '2008';
  if (/^6\.1(\.|$)/.test(version)) return '2008R2';
  return 'other';
}

/** `20130211`, `2013/02/11`, `2013-02-11` → `2013-02-11`; anything else is kept as exported. */
export function normalizeInstallDate(text: string): string {
  const t = text.trim();
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (compact) return `${compact[1]}-${compact[2]}-${compact[3]}`;
  const ymd = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})/.exec(t);
  if (ymd) return `${ymd[1]}-${(ymd[2] ?? '').padStart(2, '0')}-${(ymd[3] ?? '').padStart(2, '0')}`;
  return t;
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
    mentionsExchange2007: /Exchange\s*(Server)?\s*2007/i.test(name),
  };
}
