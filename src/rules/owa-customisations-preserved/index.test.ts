import { describe, expect, it } from 'vitest';
import rule from './index.js';
import { casServer, machine, os, owaFile, server, stockOwaFiles, withOwaFiles } from '../../../test/support/facts.js';
import { placed, testRule } from '../../../test/support/rule-tester.js';
import { analyseOwaFiles } from './owa-evidence.js';

const stock = stockOwaFiles();
const customLogon = stock.map((f) => (/logon\.aspx$/.test(f.path) ? owaFile('auth\\logon.aspx', '2013-06-12T18:40:05', 5230) : f));
const customTheme = [...stock, owaFile('8.3.298.3\\themes\\contoso\\'), owaFile('8.3.298.3\\themes\\contoso\\logon.css', '2013-06-12T18:41:00')];
const cas = (files: ReturnType<typeof stockOwaFiles> | null, exsetup = '8.3.298.3') => casServer('EXCAS01', { machine: withOwaFiles(machine('EXCAS01', { exsetup }), files) });
const backupOnly = ['back-up-owa-folder', 'rollback-restore-owa-files'];
const preserved = [...backupOnly, 'rename-owa-logon-page', 'restore-owa-customisations', 'retest-owa-customisations'];

testRule(rule, [
  { name: 'stock OWA files → pass, backup only', fleet: [cas(stock)], status: 'pass', steps: backupOnly },
  {
    name: 'logon.aspx newer than the other auth files → warning, rename + restore + retest',
    fleet: [cas(customLogon)],
    status: 'fail',
    messages: ['customised:warning'],
    steps: preserved,
    also: (r) => {
      expect(placed(r)).toEqual([
        'prepare:340:back-up-owa-folder:EXCAS01',
        'rollback:400:rollback-restore-owa-files:EXCAS01',
        'window:150:rename-owa-logon-page:EXCAS01',
        'window:750:restore-owa-customisations:EXCAS01',
        'verify:320:retest-owa-customisations:EXCAS01',
      ]);
    },
  },
  { name: 'custom theme folder → warning, rename + restore + retest', fleet: [cas(customTheme)], status: 'fail', messages: ['customised:warning'], steps: preserved },
  {
    name: 'names the customised files and the Owa folder from the listing',
    fleet: [cas([...customLogon, owaFile('8.3.298.3\\themes\\contoso\\')])],
    status: 'fail',
    messages: ['customised:warning'],
    steps: preserved,
    also: (r) => {
      expect(r.findings[0]?.data).toMatchObject({ machine: 'EXCAS01', files: 'auth\\logon.aspx (2013-06-12 18:40), 8.3.298.3\\themes\\contoso' });
      expect(r.steps[0]?.data).toMatchObject({ owaPath: 'C:\\Program Files\\Microsoft\\Exchange Server\\ClientAccess\\Owa' });
    },
  },
  {
    name: 'logon.aspx written minutes after its siblings (setup) → pass',
    fleet: [cas(stock.map((f) => (/logon\.aspx$/.test(f.path) ? owaFile('auth\\logon.aspx', '2013-03-05T10:16:40') : f)))],
    status: 'pass',
    steps: backupOnly,
  },
  {
    name: 'RTM CAS on 2003 with its stock themes → pass',
    fleet: [casServer('RTMCAS2', { machine: withOwaFiles(machine('RTMCAS2', { exsetup: '8.0.685.24', os: os('5.2.3790') }), stockOwaFiles('8.0.685.24')) })],
    status: 'pass',
    steps: backupOnly,
  },
  { name: 'no OWA listing → info, backup kept', fleet: [cas(null)], status: 'fail', messages: ['notChecked:info'], steps: backupOnly },
  { name: 'not a Client Access server → not applicable', fleet: [server('EXMBX01')], status: 'not-applicable' },
  { name: 'Edge → not applicable', fleet: [server('EXEDGE01', { roles: ['Edge'] })], status: 'not-applicable' },
  { name: 'CAS already at target → not applicable', fleet: [cas(customLogon, '8.3.517.0')], status: 'not-applicable' },
]);

describe('owa-evidence', () => {
  it('reads the Owa folder from a non-default install path', () => {
    const files = [{ path: 'D:\\Exchange\\ClientAccess\\Owa\\auth\\logon.aspx', length: 1, lastWriteTime: null, from: { file: 'x', line: 2 } }];
    expect(analyseOwaFiles(files).owaPath).toBe('D:\\Exchange\\ClientAccess\\Owa');
  });
});
