import { describe, expect, it } from 'vitest';
import rule from './index.js';
import { nameList } from '../../i18n/name-list.js';
import { casServer, evaluate, server } from '../../../test/support/facts.js';

const external = 'https://mail.contoso.co.jp/owa';
const cas01 = casServer('EXCAS01', { externalUrl: external, roles: ['ClientAccess', 'HubTransport'] });
const cas01Done = casServer('EXCAS01', { externalUrl: external, exsetup: '8.3.517.0' });
const cas02 = casServer('EXCAS02', { exsetup: '8.2.247.2' });
const cas02Done = casServer('EXCAS02', { exsetup: '8.3.517.0' });
const mbx = server('EXMBX02');
const mbxDone = server('EXMBX02', { exsetup: '8.3.517.0' });
const excludedCas = { ...casServer('EX2010', { externalUrl: external }), excluded: { reason: 'other-version' as const, version: 'Version 14.3 (Build 123.4)' } };

describe('cas-proxy-order', () => {
  const cases = [
    {
      name: 'internal CAS with an Internet-facing CAS to update → confirm it is done first',
      fleet: [cas01, cas02, mbx],
      of: 'EXCAS02',
      status: 'fail',
      messages: ['proxiedAfterInternetFacing:info'],
      steps: ['confirm-internet-facing-cas-updated'],
      servers: ['EXCAS01'],
    },
    { name: 'Internet-facing CAS → goes first (info), no step', fleet: [cas01, cas02, mbx], of: 'EXCAS01', status: 'pass', messages: ['internetFacingFirst:info'], steps: [], servers: ['EXCAS02'] },
    { name: 'only Internet-facing CAS to update → goes first alone', fleet: [cas01, cas02Done], of: 'EXCAS01', status: 'pass', messages: ['internetFacingFirstAlone:info'], steps: [], servers: [] },
    {
      name: 'non-CAS with CAS to update → confirm every CAS first',
      fleet: [cas01, cas02, mbx],
      of: 'EXMBX02',
      status: 'fail',
      messages: ['afterClientAccess:info'],
      steps: ['confirm-client-access-servers-updated'],
      servers: ['EXCAS01', 'EXCAS02'],
    },
    { name: 'internal CAS, Internet-facing CAS already at target → not applicable', fleet: [cas01Done, cas02], of: 'EXCAS02', status: 'not-applicable', messages: [], steps: [], servers: undefined },
    { name: 'internal CAS, the Internet-facing one is excluded (not Exchange 2007) → not applicable', fleet: [excludedCas, cas02], of: 'EXCAS02', status: 'not-applicable', messages: [], steps: [], servers: undefined },
    { name: 'non-CAS, every CAS at target → not applicable', fleet: [cas01Done, cas02Done, mbx], of: 'EXMBX02', status: 'not-applicable', messages: [], steps: [], servers: undefined },
    { name: 'server already at target → not applicable', fleet: [cas01, cas02, mbxDone], of: 'EXMBX02', status: 'not-applicable', messages: [], steps: [], servers: undefined },
  ];
  it.each(cases)('$name', ({ fleet, of, status, messages, steps, servers }) => {
    const result = evaluate(rule, fleet, of);
    expect(result.status).toBe(status);
    expect(result.findings.map((f) => `${f.messageId}:${f.severity}`)).toEqual(messages);
    expect(result.steps.map((s) => s.step)).toEqual(steps);
    if (servers !== undefined) expect(result.findings[0]?.data['servers']).toEqual(nameList(servers));
  });
});
