import { describe, expect, it } from 'vitest';
import { catalog } from '../../test/support/facts.js';
import type { RecordSet } from '../ingest/read-inventory.js';
import { buildServerFacts } from './build-server-facts.js';
import { readExchangeProduct } from './exchange-version.js';

describe('readExchangeProduct: which Exchange a Get-ExchangeServer record describes', () => {
  it.each([
    [{ AdminDisplayVersion: 'Version 8.3 (Build 83.6)' }, 'Exchange Server 2007', true],
    [{ AdminDisplayVersion: 'Version 6.5 (Build 7638.2: Service Pack 2)', IsExchange2007OrLater: 'False' }, 'Exchange Server 2003', false],
    [{ AdminDisplayVersion: 'Version 6.0 (Build 6249.4: Service Pack 3)' }, 'Exchange 2000 Server', false],
    [{ AdminDisplayVersion: 'Version 5.5 (Build 2653.23: Service Pack 4)' }, 'Exchange Server 5.5', false],
    [{ AdminDisplayVersion: 'Version 14.3 (Build 123.4)' }, 'Exchange Server 2010', false],
    [{ AdminDisplayVersion: 'Version 15.0 (Build 1497.2)' }, 'Exchange Server 2013', false],
    [{ AdminDisplayVersion: 'Version 15.1 (Build 2507.6)' }, 'Exchange Server 2016', false],
    [{ AdminDisplayVersion: '', ExchangeVersion: '0.0 (6.5.6500.0)' }, 'Exchange Server 2003', false],
    [{ AdminDisplayVersion: '', ExchangeVersion: '0.1 (8.0.535.0)' }, 'Exchange Server 2007', true],
    [{ AdminDisplayVersion: '', IsExchange2007OrLater: 'False' }, 'Exchange Server 2003 or earlier', false],
    [{ AdminDisplayVersion: 'garbled' }, null, null],
  ])('%o → %s', (values, product, exchange2007) => {
    expect(readExchangeProduct(values)).toEqual({ product, exchange2007 });
  });
});

describe('servers of other Exchange versions are listed as out of scope', () => {
  const fleet: RecordSet = {
    file: 'org/ExchangeServer.txt',
    kind: 'exchange-server',
    format: 'format-list',
    folder: 'org',
    rows: [
      { line: 1, values: { Name: 'EX2003', ServerRole: 'None', AdminDisplayVersion: 'Version 6.5 (Build 7638.2: Service Pack 2)', IsExchange2007OrLater: 'False' } },
      { line: 9, values: { Name: 'EX2010', ServerRole: 'Mailbox', AdminDisplayVersion: 'Version 14.3 (Build 123.4)', IsExchange2007OrLater: 'True' } },
      { line: 17, values: { Name: 'EXCAS01', ServerRole: 'ClientAccess', AdminDisplayVersion: 'Version 8.3 (Build 83.6)', IsExchange2007OrLater: 'True' } },
    ],
  };
  it('with the product and the version as exported, an info each, and no unreadable-version or missing-data warning', () => {
    const { servers, diagnostics } = buildServerFacts([fleet], catalog);
    expect(servers.map((s) => [s.name, s.excluded])).toEqual([
      ['EX2003', { reason: 'other-version', version: 'Exchange Server 2003, Version 6.5 (Build 7638.2: Service Pack 2)' }],
      ['EX2010', { reason: 'other-version', version: 'Exchange Server 2010, Version 14.3 (Build 123.4)' }],
      ['EXCAS01', null],
    ]);
    expect(diagnostics.map((d) => `${d.code}:${String(d.line)}`)).toEqual(['server-not-exchange-2007:1', 'server-not-exchange-2007:9', 'machine-without-data:17']);
  });
});
