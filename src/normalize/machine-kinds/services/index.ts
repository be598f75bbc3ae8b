import { compareText } from '../../../compare-text.js';
import { readColumn } from '../../../ingest/record-kind.js';
import { defineMachineKind, listFacts } from '../define-machine-kind.js';

/**
 * Windows services: the collector's `Get-WmiObject Win32_Service` (Name, DisplayName, State, StartMode),
 * or an operator's `Get-Service` (Status; StartType only from PowerShell 5, so the start mode may be '').
 * Values are kept as exported (`Running`, `Auto` / `Automatic`); verify reads them.
 */
export default defineMachineKind({
  kind: 'services',
  read(rows, { machineFor, withoutKey }) {
    const servicesOf = listFacts('services', (s) => s.name.toLowerCase());
    for (const r of rows) {
      const v = r.row.values;
      const name = readColumn(v, 'Name');
      if (!name) {
        withoutKey(r, 'Name');
        continue;
      }
      const m = machineFor(r);
      if (!m) continue;
      const services = servicesOf(m);
      services.noteSource(r.from);
      services.add({
        name,
        displayName: readColumn(v, 'DisplayName'),
        state: readColumn(v, 'State') || readColumn(v, 'Status'),
        startMode: readColumn(v, 'StartMode') || readColumn(v, 'StartType'),
        from: r.from,
      });
    }
  },
  finish(draft) {
    if (draft.services) draft.services = { items: [...draft.services.items].sort((a, b) => compareText(a.name.toLowerCase(), b.name.toLowerCase())), from: draft.services.from };
  },
});
