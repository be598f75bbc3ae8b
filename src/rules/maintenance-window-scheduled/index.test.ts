import { expect } from 'vitest';
import rule from './index.js';
import { cmsServer, machine, os, server } from '../../../test/support/facts.js';
import { placed, testRule, type Evaluation } from '../../../test/support/rule-tester.js';
import { formatValue } from '../../i18n/format-message.js';

const both = ['schedule-maintenance-window', 'start-maintenance-window'];

/** The services the window stops, with the places of both steps in the runbook. */
const window =
  (has: string[], lacks: string[], machines?: string) =>
  (r: Evaluation): void => {
    expect(placed(r)).toEqual(['prepare:110:schedule-maintenance-window', 'window:100:start-maintenance-window']);
    const services = formatValue(r.steps[0]?.data['services'] ?? '', 'en').split(', ');
    for (const s of has) expect(services).toContain(s);
    for (const s of lacks) expect(services).not.toContain(s);
    if (machines !== undefined) expect(r.steps[0]?.data['machines']).toBe(machines);
  };

testRule(rule, [
  { name: 'Mailbox → window with IIS services', fleet: [server('EX1')], status: 'pass', steps: both, also: window(['MSExchangeIS', 'W3Svc'], ['MSExchangeTransport']) },
  { name: 'Hub Transport → no IIS', fleet: [server('EX1', { roles: ['HubTransport'] })], status: 'pass', steps: both, also: window(['MSExchangeTransport', 'MSExchangeEdgeSync'], ['W3Svc', 'MSExchangeIS']) },
  {
    name: 'CAS + Hub → union of both roles',
    fleet: [server('EX1', { roles: ['ClientAccess', 'HubTransport'] })],
    status: 'pass',
    steps: both,
    also: window(['MSExchangeFDS', 'MSExchangeTransport', 'IISAdmin'], ['MSExchangeIS']),
  },
  { name: 'Edge on Windows Server 2003, SP1 → AD LDS and transport, no IIS', fleet: [server('EDGE1', { roles: ['Edge'], machines: [machine('EDGE1', { exsetup: '8.1.393.1', os: os('5.2.3790') })] })], status: 'pass', steps: both, also: window(['ADAM_MSExchange', 'MSExchangeEdgeCredential'], ['W3Svc', 'MSExchangeIS']) },
  { name: 'Unified Messaging at RTM → UM and speech services', fleet: [server('UM1', { roles: ['UnifiedMessaging'], exsetup: '8.0.685.24' })], status: 'pass', steps: both, also: window(['MSExchangeUM', 'MSSpeechService'], ['MSExchangeIS']) },
  {
    name: 'SCC on Windows Server 2008 → the window names both nodes',
    fleet: [cmsServer('SCC1', { type: 'scc', nodes: [{ name: 'SCCN1', active: true, os: os('6.0.6002') }, { name: 'SCCN2', os: os('6.0.6002') }] })],
    status: 'pass',
    steps: both,
    also: window(['MSExchangeIS'], [], 'SCCN1, SCCN2'),
  },
  { name: 'already at target → not applicable', fleet: [server('EX1', { exsetup: '8.3.517.0' })], status: 'not-applicable' },
  { name: 'build unknown → still scheduled (the level is not a fact the window needs)', fleet: [server('EX1', { adminDisplayVersion: null, machines: [machine('EX1', { patches: null })] })], status: 'pass', steps: both },
]);
