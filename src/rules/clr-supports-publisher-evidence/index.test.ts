import { describe, expect, it } from 'vitest';
import rule from './index.js';
import { evaluate, machine, server } from '../../../test/support/facts.js';
import type { ClusterFacts } from '../../normalize/server-facts.js';

const cluster: ClusterFacts = { type: 'ccr', nodes: [{ name: 'N1', active: true, quorumOwner: true }, { name: 'N2', active: false, quorumOwner: false }], from: { file: 't', line: 1 } };

describe('clr-supports-publisher-evidence', () => {
  const cases = [
    { name: '.NET 3.5 SP1 → pass', machines: [machine('EX1', { exsetup: '8.3.298.3' })], status: 'pass', messages: [], steps: [] },
    { name: '.NET 2.0 SP1 without 3.5 → pass', machines: [machine('EX1', { exsetup: '8.3.298.3', dotNet: { clr2ServicePack: 1, has35: false } })], status: 'pass', messages: [], steps: [] },
    { name: '.NET 3.5 listed, 2.0 key missing → pass', machines: [machine('EX1', { exsetup: '8.3.298.3', dotNet: { clr2ServicePack: null, has35: true } })], status: 'pass', messages: [], steps: [] },
    {
      name: '.NET 2.0 SP0 only → blocker + install step',
      machines: [machine('EX1', { exsetup: '8.3.298.3', dotNet: { clr2ServicePack: 0, has35: false } })],
      status: 'fail',
      messages: ['clrWithoutSp1:blocker:KB944752'],
      steps: ['prepare:230:install-dotnet-framework-update:EX1'],
    },
    {
      name: 'no .NET 2.0 or 3.5 key → blocker',
      machines: [machine('EX1', { exsetup: '8.3.298.3', dotNet: { clr2ServicePack: null, has35: false } })],
      status: 'fail',
      messages: ['clrNotFound:blocker:KB944752'],
      steps: ['prepare:230:install-dotnet-framework-update:EX1'],
    },
    {
      name: 'CMS: only the node without SP1 gets the step',
      machines: [machine('N1', { exsetup: '8.3.298.3' }), machine('N2', { exsetup: '8.3.298.3', dotNet: { clr2ServicePack: 0, has35: false } })],
      cluster,
      status: 'fail',
      messages: ['clrWithoutSp1:blocker:KB944752'],
      steps: ['prepare:230:install-dotnet-framework-update:N2'],
    },
    { name: 'already at target → not applicable', machines: [machine('EX1', { exsetup: '8.3.517.0', dotNet: { clr2ServicePack: 0, has35: false } })], status: 'not-applicable', messages: [], steps: [] },
    { name: 'no .NET export → data gap', machines: [machine('EX1', { exsetup: '8.3.298.3', dotNet: null })], status: 'data-gap', messages: ['dataGap:warning:'], steps: [] },
  ];
  it.each(cases)('$name', ({ machines, cluster: c, status, messages, steps }) => {
    const result = evaluate(rule, [server('EX1', { machines, cluster: c ?? null })], 'EX1');
    expect(result.status).toBe(status);
    expect(result.findings.map((f) => `${f.messageId}:${f.severity}:${f.kb ?? ''}`)).toEqual(messages);
    expect(result.steps.map((s) => `${s.phase}:${s.order}:${s.step}:${s.instance}`)).toEqual(steps);
  });
});
