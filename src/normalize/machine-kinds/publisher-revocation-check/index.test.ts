import { describe, expect, it } from 'vitest';
import { catalog } from '../../../../test/support/facts.js';
import { buildServerFacts } from '../../build-server-facts.js';
import { fleetWith } from '../test-fleet.js';
import { parseDword } from './index.js';

describe('publisher-revocation-check: the Software Publishing State DWORD', () => {
  it.each([
    [{ ComputerName: 'EXCAS01', SoftwarePublishingState: '146944' }, 0x23e00, false],
    [{ ComputerName: 'EXCAS01', SoftwarePublishingState: '146432' }, 0x23c00, true],
    [{ PSChildName: 'Software Publishing', State: '0x00023e00' }, 0x23e00, false],
  ])('%o → state %i, checks revocation: %s', (values, state, checksRevocation) => {
    const { servers, diagnostics } = buildServerFacts(fleetWith('publisher-revocation-check', [values]), catalog);
    expect(diagnostics).toEqual([]);
    expect(servers[0]?.machines[0]?.publisherRevocationCheck?.value).toEqual({ state, checksRevocation });
  });

  it('warns about a value that is no DWORD, and ignores Get-ItemProperty of another key', () => {
    const { servers, diagnostics } = buildServerFacts(
      fleetWith('publisher-revocation-check', [
        { PSChildName: 'WinTrust', State: '1' },
        { ComputerName: 'EXCAS01', SoftwarePublishingState: 'on' },
      ]),
      catalog,
    );
    expect(diagnostics.map((d) => `${d.code}:${String(d.line)}`)).toEqual(['bad-dword:3', 'machine-without-data:2']);
    expect(servers[0]?.machines[0]?.publisherRevocationCheck).toBeNull();
  });

  it.each([
    ['146944', 146944],
    ['0x23c00', 0x23c00],
    ['0x00023e00 (146944)', 0x23e00],
    ['4294967296', null],
    ['-1', null],
    ['', null],
  ])('parseDword(%s) = %s', (text, expected) => {
    expect(parseDword(text)).toBe(expected);
  });
});
