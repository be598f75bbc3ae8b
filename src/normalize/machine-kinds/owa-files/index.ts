import { compareText } from '../../../compare-text.js';
import { readColumn } from '../../../ingest/record-kind.js';
import { shorten } from '../../../ingest/shorten.js';
import { resolveDateOrder } from '../../date-order.js';
import { parseDateTime } from '../../parse-date-time.js';
import { rowsByFile } from '../../kind-module.js';
import { defineMachineKind, listFacts } from '../define-machine-kind.js';

/** OWA file listing (auth and themes): evidence of Logon.aspx and theme customisation. */
export default defineMachineKind({
  kind: 'owa-files',
  read(rows, { diagnostics, machineFor, withoutKey }) {
    const owaFilesOf = listFacts('owaFiles', (f) => f.path.toLowerCase());
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
        const owaFiles = owaFilesOf(m);
        owaFiles.noteSource(r.from);
        const lengthText = readColumn(r.row.values, 'Length');
        const timeText = readColumn(r.row.values, 'LastWriteTime');
        const lastWriteTime = parseDateTime(timeText, order);
        if (lastWriteTime === null && timeText !== '') {
          diagnostics.push({ severity: 'warning', code: 'bad-date-time', file: r.from.file, line: r.from.line, data: { column: 'LastWriteTime', value: shorten(timeText) } });
        }
        owaFiles.add({ path, length: /^\d+$/.test(lengthText) ? Number(lengthText) : null, lastWriteTime, from: r.from });
      }
    }
  },
  finish(draft) {
    if (draft.owaFiles) draft.owaFiles = { items: [...draft.owaFiles.items].sort((a, b) => compareText(a.path.toLowerCase(), b.path.toLowerCase())), from: draft.owaFiles.from };
  },
});
