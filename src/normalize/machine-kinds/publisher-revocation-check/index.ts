import { readColumn } from '../../../ingest/record-kind.js';
import { shorten } from '../../../ingest/shorten.js';
import { defineMachineKind } from '../define-machine-kind.js';

/**
 * The installing account's `State` DWORD under HKCU\Software\Microsoft\Windows\CurrentVersion\WinTrust\
 * Trust Providers\Software Publishing (reference/exchange2007-facts.md: 0x23c00 = "Check for publisher's
 * certificate revocation" on, 0x23e00 = off — two blogs, no Microsoft document). The two differ in the
 * 0x200 bit alone, so a set 0x200 bit reads as "no check". Exported as decimal (Get-ItemProperty, the
 * collector) or hexadecimal (`0x00023e00`, reg query).
 */
export default defineMachineKind({
  kind: 'publisher-revocation-check',
  read(rows, { diagnostics, machineFor, conflict }) {
    for (const r of rows) {
      const v = r.row.values;
      const childName = readColumn(v, 'PSChildName');
      if (childName !== '' && childName.toLowerCase() !== 'software publishing') continue;
      const text = readColumn(v, 'SoftwarePublishingState') || readColumn(v, 'State');
      const state = parseDword(text);
      if (state === null) {
        diagnostics.push({ severity: 'warning', code: 'bad-dword', file: r.from.file, line: r.from.line, data: { column: 'State', value: shorten(text) } });
        continue;
      }
      const m = machineFor(r);
      if (!m) continue;
      const value = { state, checksRevocation: (state & 0x200) === 0 };
      if (m.publisherRevocationCheck && m.publisherRevocationCheck.value.state !== state) {
        conflict('publisher-revocation-check', m.publisherRevocationCheck.from, r.from, m.name, hex(m.publisherRevocationCheck.value.state), hex(state));
        continue;
      }
      m.publisherRevocationCheck ??= { value, from: r.from };
    }
  },
});

/** `146944`, `0x00023e00`, `0x23e00 (146944)` (reg query on some systems) → the number. */
export function parseDword(text: string): number | null {
  const t = text.trim();
  const hexMatch = /^0x([0-9a-f]{1,8})\b/i.exec(t);
  if (hexMatch) return parseInt(hexMatch[1] ?? '', 16);
  if (/^\d{1,10}$/.test(t) && Number(t) <= 0xffffffff) return Number(t);
  return null;
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}
