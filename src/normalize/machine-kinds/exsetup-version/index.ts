import { readColumn } from '../../../ingest/record-kind.js';
import { shorten } from '../../../ingest/shorten.js';
import { compareBuildNumbers, formatBuildNumber, parseBuildNumber } from '../../../knowledge/build-number.js';
import { defineMachineKind } from '../define-machine-kind.js';

/** `Get-Command ExSetup | % { $_.FileVersionInfo }`: the installed build, rollup included. */
export default defineMachineKind({
  kind: 'exsetup-version',
  read(rows, { diagnostics, machineFor }) {
    for (const r of rows) {
      const fileName = readColumn(r.row.values, 'FileName');
      // No FileName (a Format-Table that cut it, reported there): Get-Command ExSetup names only ExSetup.exe.
      if (fileName !== '' && !/exsetup\.exe$/i.test(fileName)) {
        diagnostics.push({ severity: 'warning', code: 'not-exsetup', file: r.from.file, line: r.from.line, data: { fileName: shorten(fileName) } });
        continue;
      }
      const text = readColumn(r.row.values, 'FileVersion') || readColumn(r.row.values, 'ProductVersion');
      const build = parseBuildNumber(text);
      if (!build) {
        diagnostics.push({ severity: 'error', code: 'bad-build-number', file: r.from.file, line: r.from.line, data: { value: shorten(text) } });
        continue;
      }
      const m = machineFor(r);
      if (!m) continue;
      const found = { value: build, from: r.from };
      if (m.exsetup && compareBuildNumbers(m.exsetup.value, build) !== 0) {
        // The lower build is the safe reading: planning from it can repeat an update, never skip one.
        const [kept, dropped] = compareBuildNumbers(build, m.exsetup.value) < 0 ? [found, m.exsetup] : [m.exsetup, found];
        diagnostics.push({
          severity: 'warning',
          code: 'conflicting-exsetup-version',
          file: dropped.from.file,
          line: dropped.from.line,
          data: { machine: shorten(m.name), kept: `${kept.from.file}:${kept.from.line}`, keptValue: formatBuildNumber(kept.value), droppedValue: formatBuildNumber(dropped.value) },
        });
        m.exsetup = kept;
        continue;
      }
      m.exsetup ??= found;
    }
  },
});
