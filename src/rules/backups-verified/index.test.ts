import { describe, expect, it } from 'vitest';
import rule from './index.js';
import { evaluate, server } from '../../../test/support/facts.js';

describe('backups-verified', () => {
  const cases = [
    { name: 'Mailbox → databases + system state', fleet: server('EX1'), status: 'pass', steps: ['prepare:300:verify-backups-mailbox'] },
    { name: 'CAS → system state only', fleet: server('EX1', { roles: ['ClientAccess', 'HubTransport'] }), status: 'pass', steps: ['prepare:300:verify-backups'] },
    { name: 'already at target → not applicable', fleet: server('EX1', { exsetup: '8.3.517.0' }), status: 'not-applicable', steps: [] },
  ];
  it.each(cases)('$name', ({ fleet, status, steps }) => {
    const result = evaluate(rule, [fleet]);
    expect(result.status).toBe(status);
    expect(result.findings).toEqual([]);
    expect(result.steps.map((s) => `${s.phase}:${s.order}:${s.step}`)).toEqual(steps);
  });
});
