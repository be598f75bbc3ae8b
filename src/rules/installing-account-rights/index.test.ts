import { describe, expect, it } from 'vitest';
import rule from './index.js';
import { evaluate, machine, server } from '../../../test/support/facts.js';

describe('installing-account-rights', () => {
  const cases = [
    { name: 'update to install → prepare step', fleet: server('EX1'), status: 'pass', steps: ['confirm-installing-account'] },
    { name: 'Edge → local Administrators step', fleet: server('EX1', { roles: ['Edge'] }), status: 'pass', steps: ['confirm-installing-account-edge'] },
    { name: 'level unknown → still gets the step', fleet: server('EX1', { adminDisplayVersion: null, machines: [machine('EX1', { patches: null })] }), status: 'pass', steps: ['confirm-installing-account'] },
    { name: 'already at target → not applicable', fleet: server('EX1', { exsetup: '8.3.517.0' }), status: 'not-applicable', steps: [] },
  ];
  it.each(cases)('$name', ({ fleet, status, steps }) => {
    const result = evaluate(rule, [fleet]);
    expect(result.status).toBe(status);
    expect(result.findings).toEqual([]);
    expect(result.steps.map((s) => `${s.phase}:${s.order}:${s.step}`)).toEqual(steps.map((s) => `prepare:100:${s}`));
  });
});
