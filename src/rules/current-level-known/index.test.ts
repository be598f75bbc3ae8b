import { describe, expect, it } from 'vitest';
import rule from './index.js';
import { build, evaluate, machine, patch, server } from '../../../test/support/facts.js';

const ru10 = patch('KB2788321', 'Update Rollup 10 for Exchange Server 2007 Service Pack 3 (KB2788321)', 'rollup');

describe('current-level-known', () => {
  const cases = [
    { name: 'ExSetup of a released build → pass, info', machines: [machine('EX1', { exsetup: '8.3.298.3' })], status: 'pass', messages: ['fromExsetup:info'], level: ['SP3', 10, 'exsetup'] },
    { name: 'patch list only → pass from installed updates', machines: [machine('EX1', { patches: [ru10] })], status: 'pass', messages: ['fromPatches:info'], level: ['SP3', 10, 'installed-patches'] },
    { name: 'AdminDisplayVersion only → fail with warning (rollup unknown)', machines: [machine('EX1', { patches: null })], status: 'fail', messages: ['adminDisplayVersionOnly:warning'], level: ['SP3', null, 'admin-display-version'] },
    { name: 'unreleased build (IU or private) → warning, placed above the rollup below it', machines: [machine('EX1', { exsetup: '8.3.300.0' })], status: 'fail', messages: ['unreleasedBuild:warning'], level: ['SP3', 10, 'exsetup'] },
    {
      name: 'CMS nodes at different levels → warning, plan from the lowest',
      machines: [machine('N1', { exsetup: '8.3.298.3' }), machine('N2', { exsetup: '8.3.245.2' })],
      status: 'fail',
      messages: ['machinesDiffer:warning', 'fromExsetup:info', 'fromExsetup:info'],
      level: ['SP3', 6, 'exsetup'],
    },
  ] as const;
  it.each(cases)('$name', ({ machines, status, messages, level }) => {
    const result = evaluate(rule, [server('EX1', { machines: [...machines] })]);
    expect(result.status).toBe(status);
    expect(result.findings.map((f) => `${f.messageId}:${f.severity}`).sort()).toEqual([...messages].sort());
    expect([result.current.servicePack, result.current.rollup, result.current.evidence]).toEqual(level);
  });

  it('no evidence at all → blocker', () => {
    const result = evaluate(rule, [server('EX1', { adminDisplayVersion: null, machines: [machine('EX1', { patches: null })] })]);
    expect(result.findings.map((f) => `${f.messageId}:${f.severity}`)).toEqual(['noEvidence:blocker']);
    expect(result.steps).toEqual([]);
  });

  it('asks the operator to confirm the build it planned from, per machine', () => {
    const result = evaluate(rule, [server('EX1', { machines: [machine('N1', { exsetup: '8.3.298.3' }), machine('N2', { exsetup: '8.3.298.3' })] })]);
    expect(result.steps.map((s) => [s.step, s.instance, s.data.build])).toEqual([
      ['confirm-current-build', 'N1', '8.3.298.3'],
      ['confirm-current-build', 'N2', '8.3.298.3'],
    ]);
    expect(build('8.3.298.3')).toEqual([8, 3, 298, 3]);
  });
});
