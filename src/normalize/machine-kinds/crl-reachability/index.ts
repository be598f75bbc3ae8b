import { readColumn } from '../../../ingest/record-kind.js';
import { shorten } from '../../../ingest/shorten.js';
import { parseBoolean } from '../../parse-values.js';
import { defineMachineKind } from '../define-machine-kind.js';

/** The collector's own test of Microsoft's code-signing CRL (Reachable True/False). */
export default defineMachineKind({
  kind: 'crl-reachability',
  read(rows, { diagnostics, machineFor }) {
    for (const r of rows) {
      const value = parseBoolean(readColumn(r.row.values, 'Reachable'));
      if (value === null) {
        diagnostics.push({ severity: 'warning', code: 'bad-boolean', file: r.from.file, line: r.from.line, data: { column: 'Reachable', value: shorten(readColumn(r.row.values, 'Reachable')) } });
        continue;
      }
      const m = machineFor(r);
      if (!m) continue;
      if (m.crlReachable && m.crlReachable.value !== value) {
        // Safe reading: one failed test means the host may not reach the CRL during setup.
        const found = { value, from: r.from };
        const [kept, dropped] = value ? [m.crlReachable, found] : [found, m.crlReachable];
        diagnostics.push({
          severity: 'warning',
          code: 'conflicting-crl-reachability',
          file: dropped.from.file,
          line: dropped.from.line,
          data: { machine: shorten(m.name), kept: `${kept.from.file}:${kept.from.line}` },
        });
        m.crlReachable = kept;
        continue;
      }
      m.crlReachable ??= { value, from: r.from };
    }
  },
});
