import { readColumn } from '../../../ingest/record-kind.js';
import { defineMachineKind } from '../define-machine-kind.js';

/** NDP registry keys: NDP\v2.0.50727 (and its language subkeys) give the CLR 2.0 SP; NDP\v3.5 brings CLR 2.0 SP1+. */
export default defineMachineKind({
  kind: 'dotnet-framework',
  read(rows, { machineFor }) {
    for (const r of rows) {
      const version = readColumn(r.row.values, 'Version');
      const installed = readColumn(r.row.values, 'Install') !== '0';
      const m = machineFor(r);
      if (!m) continue;
      m.dotNet ??= { value: { clr2ServicePack: null, has35: false }, from: r.from };
      if (!installed) continue;
      const sp = /^\d+$/.test(readColumn(r.row.values, 'SP')) ? Number(readColumn(r.row.values, 'SP')) : null;
      const current = m.dotNet.value;
      if (/^2\.0\.50727(\.|$)/.test(version) && sp !== null) {
        m.dotNet = { value: { ...current, clr2ServicePack: Math.max(current.clr2ServicePack ?? 0, sp) }, from: m.dotNet.from };
      } else if (/^3\.5(\.|$)/.test(version)) {
        m.dotNet = { value: { ...current, has35: true }, from: m.dotNet.from };
      }
    }
  },
});
