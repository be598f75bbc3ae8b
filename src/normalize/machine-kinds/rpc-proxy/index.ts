import { readColumn } from '../../../ingest/record-kind.js';
import { parseBoolean } from '../../parse-values.js';
import type { RpcProxySettings } from '../../server-facts.js';
import { defineMachineKind } from '../define-machine-kind.js';

/** HKLM\SOFTWARE\Microsoft\Rpc\RpcProxy: a record means the key exists on that machine. */
export default defineMachineKind({
  kind: 'rpc-proxy',
  read(rows, { machineFor, conflict }) {
    for (const r of rows) {
      const m = machineFor(r);
      if (!m) continue;
      const enabledText = readColumn(r.row.values, 'Enabled');
      const settings: RpcProxySettings = { validPorts: readColumn(r.row.values, 'ValidPorts'), enabled: enabledText === '' ? null : parseBoolean(enabledText) };
      if (m.rpcProxy && m.rpcProxy.value.validPorts !== settings.validPorts) {
        conflict('rpc-proxy', m.rpcProxy.from, r.from, m.name, m.rpcProxy.value.validPorts, settings.validPorts);
        continue;
      }
      m.rpcProxy ??= { value: settings, from: r.from };
    }
  },
});
