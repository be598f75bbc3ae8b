import { readColumn } from '../../../ingest/record-kind.js';
import { parseBoolean, splitCollection } from '../../parse-values.js';
import type { OutlookAnywhere } from '../../server-facts.js';
import { defineServerKind } from '../define-server-kind.js';

/**
 * Get-OutlookAnywhere (organisation-wide): a record means enabled on its server; a server that no export
 * lists has it disabled, but only when some export was collected at all (else unknown).
 */
export default defineServerKind({
  kind: 'outlook-anywhere',
  read(rows, { serverNamed, withoutKey, conflict }) {
    for (const r of rows) {
      const v = r.row.values;
      const server = readColumn(v, 'Server') || readColumn(v, 'ServerName') || readColumn(v, 'Identity').split('\\')[0] || r.set.folder;
      if (!server) {
        withoutKey(r, 'Server');
        continue;
      }
      const draft = serverNamed(server, r.from);
      const settings: OutlookAnywhere = {
        enabled: true,
        externalHostname: readColumn(v, 'ExternalHostname'),
        clientAuthenticationMethod: readColumn(v, 'ClientAuthenticationMethod'),
        iisAuthenticationMethods: splitCollection(readColumn(v, 'IISAuthenticationMethods')),
        sslOffloading: parseBoolean(readColumn(v, 'SSLOffloading')),
      };
      const existing = draft.outlookAnywhere;
      if (existing?.value.enabled && existing.value.externalHostname !== settings.externalHostname) {
        conflict('outlook-anywhere', existing.from, r.from, server, existing.value.externalHostname, settings.externalHostname);
      }
      draft.outlookAnywhere ??= { value: settings, from: r.from };
    }
  },
  finish(draft, sets) {
    const firstExport = sets[0];
    if (draft.outlookAnywhere === null && firstExport) draft.outlookAnywhere = { value: { enabled: false }, from: { file: firstExport.file, line: 1 } };
  },
});
