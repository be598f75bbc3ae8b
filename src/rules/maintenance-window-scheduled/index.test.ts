import { describe, expect, it } from 'vitest';
import rule from './index.js';
import { evaluate, server } from '../../../test/support/facts.js';
import { formatValue } from '../../i18n/format-message.js';

describe('maintenance-window-scheduled', () => {
  const both = ['prepare:110:schedule-maintenance-window', 'window:100:start-maintenance-window'];
  const cases = [
    { name: 'Mailbox → window with IIS services', fleet: server('EX1'), status: 'pass', steps: both, has: ['MSExchangeIS', 'W3Svc'], lacks: ['MSExchangeTransport'] },
    { name: 'Hub Transport → no IIS', fleet: server('EX1', { roles: ['HubTransport'] }), status: 'pass', steps: both, has: ['MSExchangeTransport', 'MSExchangeEdgeSync'], lacks: ['W3Svc', 'MSExchangeIS'] },
    { name: 'CAS + Hub → union of both roles', fleet: server('EX1', { roles: ['ClientAccess', 'HubTransport'] }), status: 'pass', steps: both, has: ['MSExchangeFDS', 'MSExchangeTransport', 'IISAdmin'], lacks: ['MSExchangeIS'] },
    { name: 'already at target → not applicable', fleet: server('EX1', { exsetup: '8.3.517.0' }), status: 'not-applicable', steps: [], has: [], lacks: [] },
  ];
  it.each(cases)('$name', ({ fleet, status, steps, has, lacks }) => {
    const result = evaluate(rule, [fleet]);
    expect(result.status).toBe(status);
    expect(result.findings).toEqual([]);
    expect(result.steps.map((s) => `${s.phase}:${s.order}:${s.step}`)).toEqual(steps);
    const services = formatValue(result.steps[0]?.data['services'] ?? '', 'en').split(', ');
    for (const s of has) expect(services).toContain(s);
    for (const s of lacks) expect(services).not.toContain(s);
  });
});
