import { compareText } from '../../../compare-text.js';
import { readColumn } from '../../../ingest/record-kind.js';
import { defineServerKind } from '../define-server-kind.js';

/** Get-OwaVirtualDirectory (Server, Name, InternalUrl, ExternalUrl): an ExternalUrl makes the CAS Internet-facing. */
export default defineServerKind({
  kind: 'owa-virtual-directory',
  read(rows, { serverNamed, withoutKey }) {
    for (const r of rows) {
      const server = readColumn(r.row.values, 'Server') || r.set.folder;
      if (!server) {
        withoutKey(r, 'Server');
        continue;
      }
      serverNamed(server, r.from).owaVirtualDirectories.push({
        name: readColumn(r.row.values, 'Name'),
        internalUrl: readColumn(r.row.values, 'InternalUrl'),
        externalUrl: readColumn(r.row.values, 'ExternalUrl'),
        from: r.from,
      });
    }
  },
  finish(draft) {
    draft.owaVirtualDirectories.sort((a, b) => compareText(a.name, b.name));
  },
});
