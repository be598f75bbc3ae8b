import { describe, expect, it } from 'vitest';
import rule from './index.js';
import { casServer, evaluate, machine, owaFile, server, stockOwaFiles, withOwaFiles } from '../../../test/support/facts.js';
import { analyseOwaFiles } from './owa-evidence.js';

const stock = stockOwaFiles();
const customLogon = stock.map((f) => (/logon\.aspx$/.test(f.path) ? owaFile('auth\\logon.aspx', '2013-06-12T18:40:05', 5230) : f));
const customTheme = [...stock, owaFile('8.3.298.3\\themes\\contoso\\'), owaFile('8.3.298.3\\themes\\contoso\\logon.css', '2013-06-12T18:41:00')];
const cas = (files: ReturnType<typeof stockOwaFiles> | null, exsetup = '8.3.298.3') => casServer('EXCAS01', { machine: withOwaFiles(machine('EXCAS01', { exsetup }), files) });

describe('owa-customisations-preserved', () => {
  const cases = [
    { name: 'stock OWA files → pass, backup only', fleet: [cas(stock)], status: 'pass', messages: [], steps: ['back-up-owa-folder', 'rollback-restore-owa-files'] },
    {
      name: 'logon.aspx newer than the other auth files → warning, rename + restore + retest',
      fleet: [cas(customLogon)],
      status: 'fail',
      messages: ['customised:warning'],
      steps: ['back-up-owa-folder', 'rollback-restore-owa-files', 'rename-owa-logon-page', 'restore-owa-customisations', 'retest-owa-customisations'],
    },
    {
      name: 'custom theme folder → warning, rename + restore + retest',
      fleet: [cas(customTheme)],
      status: 'fail',
      messages: ['customised:warning'],
      steps: ['back-up-owa-folder', 'rollback-restore-owa-files', 'rename-owa-logon-page', 'restore-owa-customisations', 'retest-owa-customisations'],
    },
    {
      name: 'logon.aspx written minutes after its siblings (setup) → pass',
      fleet: [cas(stock.map((f) => (/logon\.aspx$/.test(f.path) ? owaFile('auth\\logon.aspx', '2013-03-05T10:16:40') : f)))],
      status: 'pass',
      messages: [],
      steps: ['back-up-owa-folder', 'rollback-restore-owa-files'],
    },
    { name: 'no OWA listing → info, backup kept', fleet: [cas(null)], status: 'fail', messages: ['notChecked:info'], steps: ['back-up-owa-folder', 'rollback-restore-owa-files'] },
    { name: 'not a Client Access server → not applicable', fleet: [server('EXMBX01')], status: 'not-applicable', messages: [], steps: [] },
    { name: 'CAS already at target → not applicable', fleet: [cas(customLogon, '8.3.517.0')], status: 'not-applicable', messages: [], steps: [] },
  ];
  it.each(cases)('$name', ({ fleet, status, messages, steps }) => {
    const result = evaluate(rule, fleet);
    expect(result.status).toBe(status);
    expect(result.findings.map((f) => `${f.messageId}:${f.severity}`)).toEqual(messages);
    expect(result.steps.map((s) => s.step)).toEqual(steps);
  });

  it('names the customised files and the Owa folder from the listing', () => {
    const result = evaluate(rule, [cas([...customLogon, owaFile('8.3.298.3\\themes\\contoso\\')])]);
    expect(result.findings[0]?.data).toMatchObject({ machine: 'EXCAS01', files: 'auth\\logon.aspx (2013-06-12 18:40), 8.3.298.3\\themes\\contoso' });
    expect(result.steps[0]?.data).toMatchObject({ owaPath: 'C:\\Program Files\\Microsoft\\Exchange Server\\ClientAccess\\Owa' });
  });

  it('reads the Owa folder from a non-default install path', () => {
    const files = [{ path: 'D:\\Exchange\\ClientAccess\\Owa\\auth\\logon.aspx', length: 1, lastWriteTime: null, from: { file: 'x', line: 2 } }];
    expect(analyseOwaFiles(files).owaPath).toBe('D:\\Exchange\\ClientAccess\\Owa');
  });
});
