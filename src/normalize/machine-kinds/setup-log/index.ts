import { readColumn } from '../../../ingest/record-kind.js';
import { defineMachineKind, type MachineDraft } from '../define-machine-kind.js';

/**
 * The last result lines of C:\ExchangeSetupLogs\ExchangeSetup.log, one record per line (SetupLogLine), in
 * the order the collector wrote them (its LineNumber column, else the file's order). Kept as exported;
 * verify reads them.
 */
export default defineMachineKind({
  kind: 'setup-log',
  read(rows, { machineFor }) {
    const byMachine = new Map<MachineDraft, { readonly line: number; readonly order: number; readonly text: string }[]>();
    for (const [order, r] of rows.entries()) {
      const m = machineFor(r);
      if (!m) continue;
      const numberText = readColumn(r.row.values, 'LineNumber');
      const entries = byMachine.get(m) ?? [];
      entries.push({ line: /^\d+$/.test(numberText) ? Number(numberText) : order, order, text: r.row.values['SetupLogLine'] ?? readColumn(r.row.values, 'SetupLogLine') });
      byMachine.set(m, entries);
      m.setupLog ??= { value: { lines: [] }, from: r.from };
    }
    for (const [m, entries] of byMachine) {
      if (!m.setupLog) continue;
      const lines = [...entries].sort((a, b) => a.line - b.line || a.order - b.order).map((e) => e.text.replace(/\s+$/, ''));
      m.setupLog = { value: { lines }, from: m.setupLog.from };
    }
  },
});
