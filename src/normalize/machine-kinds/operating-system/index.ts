import { readColumn } from '../../../ingest/record-kind.js';
import { parseOsFamily } from '../../parse-values.js';
import type { OperatingSystem } from '../../server-facts.js';
import { defineMachineKind } from '../define-machine-kind.js';

/** `Get-WmiObject Win32_OperatingSystem` (or systeminfo, read as one): caption, version, service pack, language, hotfixes. */
export default defineMachineKind({
  kind: 'operating-system',
  read(rows, { machineFor, conflict }) {
    for (const r of rows) {
      const m = machineFor(r);
      if (!m) continue;
      const version = readColumn(r.row.values, 'Version');
      const os: OperatingSystem = {
        caption: readColumn(r.row.values, 'Caption'),
        version,
        servicePack: readColumn(r.row.values, 'CSDVersion'),
        family: parseOsFamily(version),
        language: readColumn(r.row.values, 'OSLanguage'),
        ...(readColumn(r.row.values, 'Hotfixes') !== '' ? { hotfixes: readColumn(r.row.values, 'Hotfixes').split(';') } : {}),
      };
      if (m.os && m.os.value.version !== os.version) conflict('os', m.os.from, r.from, m.name, m.os.value.version, os.version);
      m.os ??= { value: os, from: r.from };
    }
  },
});
