import { describe, expect, it } from 'vitest';
import rule from './index.js';
import { evaluate, machine, os, server } from '../../../test/support/facts.js';

describe('service-pack-then-rollup', () => {
  const cases = [
    {
      name: 'SP1 on 2003 → SP upgrade, restart, then rollup; 2003 rollback path; SP restore',
      m: machine('EX1', { exsetup: '8.1.393.1', os: os('5.2.3790') }),
      status: 'fail',
      messages: ['separateInstalls:info'],
      steps: ['install-service-pack', 'restart-after-service-pack', 'restore-after-service-pack', 'install-update-rollup', 'remove-update-rollup-2003', 'verify-build'],
    },
    {
      name: 'SP3 RU10 on 2008 R2 → rollup only, 2008 rollback path',
      m: machine('EX1', { exsetup: '8.3.298.3', os: os('6.1.7601') }),
      status: 'fail',
      messages: ['rollupOnly:info'],
      steps: ['install-update-rollup', 'remove-update-rollup-2008', 'verify-build'],
    },
    {
      name: 'unknown OS → both rollback paths',
      m: machine('EX1', { exsetup: '8.3.298.3', os: null }),
      status: 'fail',
      messages: ['rollupOnly:info'],
      steps: ['install-update-rollup', 'remove-update-rollup-2003', 'remove-update-rollup-2008', 'verify-build'],
    },
    { name: 'up to date → not applicable', m: machine('EX1', { exsetup: '8.3.517.0' }), status: 'not-applicable', messages: [], steps: [] },
  ];
  it.each(cases)('$name', ({ m, status, messages, steps }) => {
    const result = evaluate(rule, [server('EX1', { machines: [m] })]);
    expect(result.status).toBe(status);
    expect(result.findings.map((f) => `${f.messageId}:${f.severity}`)).toEqual(messages);
    expect(result.steps.map((s) => s.step)).toEqual(steps);
  });

  it('leaves clustered mailbox servers to their own procedure', () => {
    const result = evaluate(rule, [server('CMS', { cluster: { type: 'ccr', nodes: [], from: { file: 'x', line: 1 } }, machines: [machine('N1', { exsetup: '8.3.298.3' })] })], 'CMS');
    expect(result.status).toBe('not-applicable');
  });

  it('prints ExSetup long form for the operator to compare', () => {
    const result = evaluate(rule, [server('EX1', { machines: [machine('EX1', { exsetup: '8.3.298.3' })] })]);
    expect(result.steps.find((s) => s.step === 'verify-build')?.data.buildLong).toBe('08.03.0517.000');
  });
});
