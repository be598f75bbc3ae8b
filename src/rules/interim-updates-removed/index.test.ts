import { describe, expect, it } from 'vitest';
import rule from './index.js';
import { catalog, defaultOptions, evaluate, machine, patch, server } from '../../../test/support/facts.js';

const iu = patch('KB2814847', 'Interim Update for Exchange Server 2007 Service Pack 3 Update Rollup 10 (KB2814847)');
const ru10 = patch('KB2788321', 'Update Rollup 10 for Exchange Server 2007 Service Pack 3 (KB2788321)', 'rollup');

describe('interim-updates-removed', () => {
  const cases = [
    { name: 'no IU installed → pass', machines: [machine('EX1', { exsetup: '8.3.298.3', patches: [ru10] })], status: 'pass', messages: [], steps: [] },
    {
      name: 'unknown IU → blocker, obtain + remove + reinstall replacement',
      machines: [machine('EX1', { exsetup: '8.3.298.3', patches: [ru10, iu] })],
      status: 'fail',
      messages: ['replacementNeeded:blocker'],
      steps: ['obtain-replacement-interim-update', 'reinstall-replacement-interim-update', 'remove-interim-update', 'rollback-reinstall-interim-update'],
    },
    {
      name: 'IU fixed in the target per the analyst catalogue → remove only',
      machines: [machine('EX1', { exsetup: '8.3.298.3', patches: [iu] })],
      fixes: new Map([['KB2814847', levelByKb('KB2873746')]]),
      status: 'fail',
      messages: ['fixedInTarget:warning'],
      steps: ['remove-interim-update', 'rollback-reinstall-interim-update'],
    },
    {
      name: 'IU fixed only in a later level than the target → replacement needed',
      machines: [machine('EX1', { exsetup: '8.3.298.3', patches: [iu] })],
      fixes: new Map([['KB2814847', levelByKb('KB4011325')]]),
      target: { kind: 'level' as const, kb: 'KB2873746' },
      status: 'fail',
      messages: ['replacementNeeded:blocker'],
      steps: ['obtain-replacement-interim-update', 'reinstall-replacement-interim-update', 'remove-interim-update', 'rollback-reinstall-interim-update'],
    },
    { name: 'server already at target → not applicable', machines: [machine('EX1', { exsetup: '8.3.517.0', patches: [iu] })], status: 'not-applicable', messages: [], steps: [] },
    { name: 'no patch listing → data gap', machines: [machine('EX1', { exsetup: '8.3.298.3', patches: null })], status: 'data-gap', messages: ['dataGap:warning'], steps: [] },
  ];
  it.each(cases)('$name', ({ machines, fixes, target, status, messages, steps }) => {
    const options = {
      ...defaultOptions,
      interimUpdateFixes: fixes ?? new Map(),
      ...(target ? { target: { kind: 'level' as const, level: levelByKb(target.kb) } } : {}),
    };
    const result = evaluate(rule, [server('EX1', { machines })], 'EX1', options);
    expect(result.status).toBe(status);
    expect(result.findings.map((f) => `${f.messageId}:${f.severity}`)).toEqual(messages);
    expect(result.steps.map((s) => s.step).sort()).toEqual(steps);
  });
});

function levelByKb(kb: string) {
  const level = catalog.byKb(kb);
  if (!level) throw new Error(`${kb} is not in the catalogue`);
  return level;
}
