import { describe, expect, it } from 'vitest';
import { catalog } from '../../../../test/support/facts.js';
import { buildServerFacts } from '../../build-server-facts.js';
import { fleetWith } from '../test-fleet.js';

describe('setup-log: the last result lines of ExchangeSetup.log', () => {
  it('keeps the lines as exported, in the log order given by LineNumber', () => {
    const { servers, diagnostics } = buildServerFacts(
      fleetWith('setup-log', [
        { ComputerName: 'EXCAS01', LineNumber: '20411', SetupLogLine: '[12/05/2026 22:14:09] [0] End of Setup   ' },
        { ComputerName: 'EXCAS01', LineNumber: '20398', SetupLogLine: '[12/05/2026 22:14:02] [0] The Microsoft Exchange Server setup operation completed successfully.' },
      ]),
      catalog,
    );
    expect(diagnostics).toEqual([]);
    expect(servers[0]?.machines[0]?.setupLog).toEqual({
      value: { lines: ['[12/05/2026 22:14:02] [0] The Microsoft Exchange Server setup operation completed successfully.', '[12/05/2026 22:14:09] [0] End of Setup'] },
      from: { file: 'EXCAS01/setup-log.csv', line: 2 },
    });
  });
});
