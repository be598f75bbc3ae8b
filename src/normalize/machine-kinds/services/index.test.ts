import { describe, expect, it } from 'vitest';
import { catalog } from '../../../../test/support/facts.js';
import { buildServerFacts } from '../../build-server-facts.js';
import { fleetWith } from '../test-fleet.js';

describe('services: Win32_Service or Get-Service records', () => {
  it('reads Win32_Service (State, StartMode) and Get-Service (Status, StartType), sorted by name, once per name', () => {
    const { servers, diagnostics } = buildServerFacts(
      fleetWith('services', [
        { ComputerName: 'EXCAS01', Name: 'W3SVC', DisplayName: 'World Wide Web Publishing Service', State: 'Running', StartMode: 'Auto' },
        { ComputerName: 'EXCAS01', Name: 'MSExchangeIS', DisplayName: 'Microsoft Exchange Information Store', Status: 'Stopped', StartType: 'Disabled' },
        { ComputerName: 'EXCAS01', Name: 'msexchangeis', DisplayName: 'again', State: 'Running', StartMode: 'Auto' },
        { ComputerName: 'EXCAS01', Name: 'IISADMIN', DisplayName: 'IIS Admin Service', Status: 'Running' },
      ]),
      catalog,
    );
    expect(diagnostics).toEqual([]);
    expect(servers[0]?.machines[0]?.services).toEqual({
      items: [
        { name: 'IISADMIN', displayName: 'IIS Admin Service', state: 'Running', startMode: '', from: { file: 'EXCAS01/services.csv', line: 5 } },
        { name: 'MSExchangeIS', displayName: 'Microsoft Exchange Information Store', state: 'Stopped', startMode: 'Disabled', from: { file: 'EXCAS01/services.csv', line: 3 } },
        { name: 'W3SVC', displayName: 'World Wide Web Publishing Service', state: 'Running', startMode: 'Auto', from: { file: 'EXCAS01/services.csv', line: 2 } },
      ],
      from: [{ file: 'EXCAS01/services.csv', line: 2 }],
    });
  });

  it('is null when no services export names the machine', () => {
    const { servers } = buildServerFacts(fleetWith('operating-system', [{ CSName: 'EXCAS01', Caption: 'Windows', Version: '6.0.6002' }]), catalog);
    expect(servers[0]?.machines[0]?.services).toBeNull();
  });
});
