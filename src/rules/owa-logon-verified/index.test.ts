import { describe, expect, it } from 'vitest';
import rule from './index.js';
import { casServer, evaluate, server } from '../../../test/support/facts.js';

describe('owa-logon-verified', () => {
  const cases = [
    {
      name: 'Internet-facing CAS → internal and external logon checks',
      fleet: [casServer('EXCAS01', { externalUrl: 'https://mail.contoso.co.jp/owa' })],
      status: 'pass',
      messages: [],
      steps: ['log-on-to-owa', 'log-on-to-owa-externally'],
      urls: ['https://excas01.contoso.co.jp/owa', 'https://mail.contoso.co.jp/owa'],
    },
    { name: 'internal CAS → internal logon check only', fleet: [casServer('EXCAS02')], status: 'pass', messages: [], steps: ['log-on-to-owa'], urls: ['https://excas02.contoso.co.jp/owa'] },
    {
      name: 'no OWA virtual directory exported → info, URL from the FQDN',
      fleet: [casServer('EXCAS02', { owa: false })],
      status: 'pass',
      messages: ['urlAssumed:info'],
      steps: ['log-on-to-owa'],
      urls: ['https://EXCAS02.contoso.co.jp/owa'],
    },
    { name: 'not a Client Access server → not applicable', fleet: [server('EXHUB01', { roles: ['HubTransport'] })], status: 'not-applicable', messages: [], steps: [], urls: [] },
    { name: 'CAS already at target → not applicable', fleet: [casServer('EXCAS01', { exsetup: '8.3.517.0' })], status: 'not-applicable', messages: [], steps: [], urls: [] },
  ];
  it.each(cases)('$name', ({ fleet, status, messages, steps, urls }) => {
    const result = evaluate(rule, fleet);
    expect(result.status).toBe(status);
    expect(result.findings.map((f) => `${f.messageId}:${f.severity}`)).toEqual(messages);
    expect(result.steps.map((s) => s.step)).toEqual(steps);
    expect(result.steps.map((s) => s.data['url'])).toEqual(urls);
  });
});
