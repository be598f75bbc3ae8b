import { describe, expect, it } from 'vitest';
import { catalog } from '../../test/support/facts.js';
import { buildServerFacts } from './build-server-facts.js';
import { fleetWith } from './machine-kinds/test-fleet.js';
import { dateOrderOfValues, isAmbiguousDate } from './date-order.js';
import type { RecordSet } from '../ingest/read-inventory.js';

const patches = (...installed: string[]) => installed.map((Installed, i) => ({ DisplayName: `Update Rollup ${String(i + 8)} for Exchange Server 2007 Service Pack 3`, Installed }));
const os = (OSLanguage: string): RecordSet => ({ file: 'EXCAS01/os.csv', kind: 'operating-system', format: 'csv', folder: 'EXCAS01', rows: [{ line: 2, values: { CSName: 'EXCAS01', Caption: 'Windows', Version: '6.0.6002', OSLanguage } }] });

describe('ambiguous dates (05/03/2013)', () => {
  it.each([
    ['the file\'s other dates: a day above 12', patches('05/03/2013', '25/03/2013'), null, '2013-03-05'],
    ['the file\'s other dates: a month second above 12', patches('05/03/2013', '03/25/2013'), null, '2013-05-03'],
    ['an AM/PM marker (en-US)', patches('05/03/2013', '3/25/2013 10:00:00 AM'), null, '2013-05-03'],
    ['the server language: en-GB', patches('05/03/2013'), os('2057'), '2013-03-05'],
    ['the server language: en-US', patches('05/03/2013'), os('1033'), '2013-05-03'],
  ])('decided by %s', (_, rows, osSet, expected) => {
    const sets = [...fleetWith('installed-patches', rows), ...(osSet ? [osSet] : [])];
    const { servers, diagnostics } = buildServerFacts(sets, catalog);
    expect(diagnostics.filter((d) => d.code === 'ambiguous-date')).toEqual([]);
    expect(servers[0]?.machines[0]?.patches?.items[0]?.installed).toBe(expected);
  });

  it('said in a warning when nothing decides, with the reading used', () => {
    const { diagnostics } = buildServerFacts([...fleetWith('installed-patches', patches('05/03/2013', '06/03/2013'))], catalog);
    expect(diagnostics.filter((d) => d.code === 'ambiguous-date')).toEqual([
      { severity: 'warning', code: 'ambiguous-date', file: 'EXCAS01/installed-patches.csv', line: 2, data: { column: 'Installed', value: '05/03/2013', readAs: '2013-05-03' } },
    ]);
  });

  it.each([
    ['05/03/2013', true],
    ['05/05/2013', false],
    ['25/03/2013', false],
    ['3/5/2013 10:00:00 AM', false],
    ['2013/03/05', false],
  ])('isAmbiguousDate(%s) = %s', (text, expected) => {
    expect(isAmbiguousDate(text)).toBe(expected);
  });

  it('reads the order from the first telling value', () => {
    expect(dateOrderOfValues(['05/03/2013', '13/03/2013', '03/13/2013'])).toBe('dmy');
    expect(dateOrderOfValues(['05/03/2013'])).toBeNull();
  });
});
