import { compareText } from '../../../compare-text.js';
import { readColumn } from '../../../ingest/record-kind.js';
import { shorten } from '../../../ingest/shorten.js';
import type { BuildCatalog } from '../../../knowledge/build-catalog.js';
import { normalizeInstallDate, parsePatchName } from '../../parse-values.js';
import type { InstalledPatch, Provenance } from '../../server-facts.js';
import { resolveDateOrder } from '../../date-order.js';
import { rowsByFile, type KindRow } from '../../kind-module.js';
import { defineMachineKind, listFacts, type MachineDraft } from '../define-machine-kind.js';

/**
 * The Exchange 2007 updates of one machine number a few dozen (every rollup of the build catalogue plus
 * interim updates): thousands mean a generated, concatenated or mis-exported file, and a runbook that
 * removes them all is no runbook.
 */
const MAX_PATCHES_PER_MACHINE = 5_000;

/**
 * The Exchange product's Patches registry keys (or an Uninstall / Add-Remove Programs listing): installed
 * rollups and interim updates. A header-only listing is the collector's answer for a machine without any
 * update installed: known, and none.
 */
export default defineMachineKind({
  kind: 'installed-patches',
  read(rows, { catalog, diagnostics, sets, machineFor, machineNamed }) {
    const patchesOf = listFacts('patches', (p) => p.kb);
    for (const set of sets) {
      if (set.rows.length > 0 || set.folder === '') continue;
      const from = { file: set.file, line: 1 };
      patchesOf(machineNamed(set.folder, from)).noteSource(from);
    }
    const dateOf = (r: KindRow): { column: string; text: string } => {
      const column = readColumn(r.row.values, 'Installed') !== '' ? 'Installed' : 'InstallDate';
      return { column, text: readColumn(r.row.values, column) };
    };
    const overLimit = new Set<MachineDraft>();
    for (const fileRows of rowsByFile(rows)) {
      const first = fileRows[0];
      const os = first ? (machineFor(first)?.os ?? null) : null;
      const dates = fileRows.map((r) => ({ text: dateOf(r).text, from: r.from }));
      const order = resolveDateOrder(first ? dateOf(first).column : 'Installed', dates, os, (t) => normalizeInstallDate(t), diagnostics);
      for (const r of fileRows) {
        const m = machineFor(r);
        if (!m || overLimit.has(m)) continue;
        const patches = patchesOf(m);
        if (patches.size >= MAX_PATCHES_PER_MACHINE) {
          overLimit.add(m);
          diagnostics.push({ severity: 'error', code: 'too-many-patches', file: r.from.file, line: r.from.line, data: { machine: shorten(m.name), limit: MAX_PATCHES_PER_MACHINE } });
          continue;
        }
        patches.noteSource(r.from);
        const displayName = readColumn(r.row.values, 'DisplayName');
        const { column: dateColumn, text: installedText } = dateOf(r);
        if (installedText !== '' && normalizeInstallDate(installedText, order) === null) {
          diagnostics.push({ severity: 'warning', code: 'bad-date-time', file: r.from.file, line: r.from.line, data: { column: dateColumn, value: shorten(installedText) } });
        }
        const patch = classifyPatch(displayName, normalizeInstallDate(installedText, order) ?? installedText.trim(), r.from, catalog);
        if (patch) patches.add(patch);
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
