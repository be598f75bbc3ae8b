import { compareText } from '../../../compare-text.js';
import { readColumn } from '../../../ingest/record-kind.js';
import { shorten } from '../../../ingest/shorten.js';
import type { BuildCatalog } from '../../../knowledge/build-catalog.js';
import { normalizeInstallDate, parsePatchName } from '../../parse-values.js';
import type { InstalledPatch, Provenance } from '../../server-facts.js';
import { resolveDateOrder } from '../../date-order.js';
import { defineMachineKind, noteSource, rowsByFile, type KindRow } from '../define-machine-kind.js';

/**
 * The Exchange product's Patches registry keys (or an Uninstall / Add-Remove Programs listing): installed
 * rollups and interim updates. A header-only listing is the collector's answer for a machine without any
 * update installed: known, and none.
 */
export default defineMachineKind({
  kind: 'installed-patches',
  read(rows, { catalog, diagnostics, recordSets, machineFor, machineNamed }) {
    for (const set of recordSets) {
      if (set.kind !== 'installed-patches' || set.rows.length > 0 || set.folder === '') continue;
      const m = machineNamed(set.folder, { file: set.file, line: 1 });
      m.patches ??= { items: [], from: [] };
      m.patches = { items: m.patches.items, from: [...m.patches.from, { file: set.file, line: 1 }] };
    }
    const dateOf = (r: KindRow): { column: string; text: string } => {
      const column = readColumn(r.row.values, 'Installed') !== '' ? 'Installed' : 'InstallDate';
      return { column, text: readColumn(r.row.values, column) };
    };
    for (const fileRows of rowsByFile(rows)) {
      const first = fileRows[0];
      const os = first ? (machineFor(first)?.os ?? null) : null;
      const dates = fileRows.map((r) => ({ text: dateOf(r).text, from: r.from }));
      const order = resolveDateOrder(first ? dateOf(first).column : 'Installed', dates, os, (t) => normalizeInstallDate(t), diagnostics);
      for (const r of fileRows) {
        const m = machineFor(r);
        if (!m) continue;
        const items = [...(m.patches?.items ?? [])];
        const from = [...(m.patches?.from ?? [])];
        noteSource(from, r);
        const displayName = readColumn(r.row.values, 'DisplayName');
        const { column: dateColumn, text: installedText } = dateOf(r);
        if (installedText !== '' && normalizeInstallDate(installedText, order) === null) {
          diagnostics.push({ severity: 'warning', code: 'bad-date-time', file: r.from.file, line: r.from.line, data: { column: dateColumn, value: shorten(installedText) } });
        }
        const patch = classifyPatch(displayName, normalizeInstallDate(installedText, order) ?? installedText.trim(), r.from, catalog);
        if (patch && !items.some((p) => p.kb !== null && p.kb === patch.kb)) items.push(patch);
        m.patches = { items, from };
      }
    }
  },
  finish(draft) {
    if (draft.patches) draft.patches = { items: [...draft.patches.items].sort(comparePatches), from: draft.patches.from };
  },
});

function classifyPatch(displayName: string, installed: string, from: Provenance, catalog: BuildCatalog): InstalledPatch | null {
  const parsed = parsePatchName(displayName);
  const known = parsed.kb ? catalog.byKb(parsed.kb) : undefined;
  if (known && known.rollup > 0) {
    return { kb: parsed.kb, displayName, installed, kind: 'rollup', servicePack: known.servicePack, rollup: known.rollup, from };
  }
  if (parsed.interim) {
    return { kb: parsed.kb, displayName, installed, kind: 'interim-update', servicePack: parsed.servicePack, rollup: null, from };
  }
  if (parsed.rollup !== null) {
    return { kb: parsed.kb, displayName, installed, kind: 'rollup', servicePack: parsed.servicePack, rollup: parsed.rollup, from };
  }
  // Anything else under Exchange 2007's product code is an out-of-band fix: the safe reading is an IU.
  if (parsed.kb !== null && (parsed.mentionsExchange2007 || /exchange/i.test(displayName))) {
    return { kb: parsed.kb, displayName, installed, kind: 'interim-update', servicePack: parsed.servicePack, rollup: null, from };
  }
  return null;
}

function comparePatches(a: InstalledPatch, b: InstalledPatch): number {
  return compareText(a.kind, b.kind) || (a.rollup ?? 0) - (b.rollup ?? 0) || compareText(a.kb ?? '', b.kb ?? '') || compareText(a.displayName, b.displayName);
}
