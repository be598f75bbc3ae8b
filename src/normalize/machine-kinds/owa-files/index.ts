import { compareText } from '../../../compare-text.js';
import { readColumn } from '../../../ingest/record-kind.js';
import { shorten } from '../../../ingest/shorten.js';
import { resolveDateOrder } from '../../date-order.js';
import { parseDateTime } from '../../parse-date-time.js';
import type { OwaFile, Provenance } from '../../server-facts.js';
import { rowsByFile } from '../../kind-module.js';
import { defineMachineKind, type MachineDraft } from '../define-machine-kind.js';

/** OWA file listing (auth and themes): evidence of Logon.aspx and theme customisation. */
export default defineMachineKind({
  kind: 'owa-files',
  read(rows, { diagnostics, machineFor, withoutKey }) {
    // Kept per machine while reading, so a duplicate path or a file already named is found in constant time.
    const lists = new Map<MachineDraft, { items: OwaFile[]; from: Provenance[]; paths: Set<string>; files: Set<string> }>();
    for (const fileRows of rowsByFile(rows)) {
      const first = fileRows[0];
      const os = first ? (machineFor(first)?.os ?? null) : null;
      const order = resolveDateOrder('LastWriteTime', fileRows.map((r) => ({ text: readColumn(r.row.values, 'LastWriteTime'), from: r.from })), os, (t) => parseDateTime(t), diagnostics);
      for (const r of fileRows) {
        const path = readColumn(r.row.values, 'FullName');
        if (!path) {
          withoutKey(r, 'FullName');
          continue;
        }
        const m = machineFor(r);
        if (!m) continue;
        let list = lists.get(m);
        if (!list) {
          const items = [...(m.owaFiles?.items ?? [])];
          list = { items, from: [...(m.owaFiles?.from ?? [])], paths: new Set(items.map((f) => f.path.toLowerCase())), files: new Set(m.owaFiles?.from.map((p) => p.file)) };
          lists.set(m, list);
          m.owaFiles = { items: list.items, from: list.from };
        }
        if (!list.files.has(r.from.file)) {
          list.files.add(r.from.file);
          list.from.push({ file: r.from.file, line: r.from.line });
        }
        const lengthText = readColumn(r.row.values, 'Length');
        const timeText = readColumn(r.row.values, 'LastWriteTime');
        const lastWriteTime = parseDateTime(timeText, order);
        if (lastWriteTime === null && timeText !== '') {
          diagnostics.push({ severity: 'warning', code: 'bad-date-time', file: r.from.file, line: r.from.line, data: { column: 'LastWriteTime', value: shorten(timeText) } });
        }
        if (list.paths.has(path.toLowerCase())) continue;
        list.paths.add(path.toLowerCase());
        list.items.push({ path, length: /^\d+$/.test(lengthText) ? Number(lengthText) : null, lastWriteTime, from: r.from });
      }
    }
  },
  finish(draft) {
    if (draft.owaFiles) draft.owaFiles = { items: [...draft.owaFiles.items].sort((a, b) => compareText(a.path.toLowerCase(), b.path.toLowerCase())), from: draft.owaFiles.from };
  },
});
