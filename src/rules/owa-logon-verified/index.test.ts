import { expect } from 'vitest';
import rule from './index.js';
import { casServer, machine, os, server } from '../../../test/support/facts.js';
import { testRule, type Evaluation } from '../../../test/support/rule-tester.js';

const urls =
  (...expected: string[]) =>
  (r: Evaluation): void => {
    expect(r.steps.map((s) => s.data['url'])).toEqual(expected);
  };

testRule(rule, [
  {
    name: 'Internet-facing CAS → internal and external logon checks',
    fleet: [casServer('EXCAS01', { externalUrl: 'https://mail.contoso.co.jp/owa' })],
    status: 'pass',
    steps: ['log-on-to-owa', 'log-on-to-owa-externally'],
    also: urls('https://excas01.contoso.co.jp/owa', 'https://mail.contoso.co.jp/owa'),
  },
  { name: 'internal CAS → internal logon check only', fleet: [casServer('EXCAS02')], status: 'pass', steps: ['log-on-to-owa'], also: urls('https://excas02.contoso.co.jp/owa') },
  {
    name: 'no OWA virtual directory exported → info, URL from the FQDN',
    fleet: [casServer('EXCAS02', { owa: false })],
    status: 'pass',
    messages: ['urlAssumed:info'],
    steps: ['log-on-to-owa'],
    also: (r) => {
      urls('https://EXCAS02.contoso.co.jp/owa')(r);
      expect(r.findings[0]?.data).toEqual({ server: 'EXCAS02', url: 'https://EXCAS02.contoso.co.jp/owa' });
    },
  },
  {
    name: 'RTM CAS on 2003, no Internet → the same checks',
    fleet: [casServer('RTMCAS1', { externalUrl: 'https://mail.contoso.co.jp/owa', machine: machine('RTMCAS1', { exsetup: '8.0.685.24', os: os('5.2.3790'), crl: false }) })],
    status: 'pass',
    steps: ['log-on-to-owa', 'log-on-to-owa-externally'],
    also: urls('https://rtmcas1.contoso.co.jp/owa', 'https://mail.contoso.co.jp/owa'),
  },
  { name: 'CAS + Hub at SP2 → checks on the CAS role', fleet: [casServer('EXCAS03', { roles: ['ClientAccess', 'HubTransport'], exsetup: '8.2.247.2' })], status: 'pass', steps: ['log-on-to-owa'] },
  { name: 'not a Client Access server → not applicable', fleet: [server('EXHUB01', { roles: ['HubTransport'] })], status: 'not-applicable' },
  { name: 'Unified Messaging → not applicable', fleet: [server('EXUM01', { roles: ['UnifiedMessaging'] })], status: 'not-applicable' },
  { name: 'CAS already at target → not applicable', fleet: [casServer('EXCAS01', { exsetup: '8.3.517.0' })], status: 'not-applicable' },
]);
