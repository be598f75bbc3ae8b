import { expect } from 'vitest';
import rule from './index.js';
import { catalog, cmsServer, defaultOptions, machine, os, patch, server } from '../../../test/support/facts.js';
import { placed, testRule } from '../../../test/support/rule-tester.js';
import type { MachineFacts } from '../../normalize/server-facts.js';

const iu = patch('KB2814847', 'Interim Update for Exchange Server 2007 Service Pack 3 Update Rollup 10 (KB2814847)');
const iuNoKb = { ...patch('KB0', 'Interim Update for Exchange Server 2007 (hotfix without a number)'), kb: null };
const ru10 = patch('KB2788321', 'Update Rollup 10 for Exchange Server 2007 Service Pack 3 (KB2788321)', 'rollup');
const ex1 = (...machines: MachineFacts[]) => [server('EX1', { machines })];
const replaced = (instance: string) => [`obtain-replacement-interim-update:${instance}`, `reinstall-replacement-interim-update:${instance}`, `remove-interim-update:${instance}`, `rollback-reinstall-interim-update:${instance}`];

function levelByKb(kb: string) {
  const level = catalog.byKb(kb);
  if (!level) throw new Error(`${kb} is not in the catalogue`);
  return level;
}

testRule(rule, [
  { name: 'no IU installed → pass', fleet: ex1(machine('EX1', { exsetup: '8.3.298.3', patches: [ru10] })), status: 'pass' },
  {
    name: 'unknown IU → blocker, obtain + remove + reinstall replacement',
    fleet: ex1(machine('EX1', { exsetup: '8.3.298.3', patches: [ru10, iu] })),
    status: 'fail',
    messages: ['replacementNeeded:blocker'],
    steps: replaced('EX1:KB2814847'),
    also: (r) => {
      expect(placed(r)).toEqual([
        'prepare:220:obtain-replacement-interim-update:EX1:KB2814847',
        'window:700:reinstall-replacement-interim-update:EX1:KB2814847',
        'window:300:remove-interim-update:EX1:KB2814847',
        'rollback:150:rollback-reinstall-interim-update:EX1:KB2814847',
      ]);
      expect(r.findings[0]?.kb).toBe('KB2814847');
      expect(r.findings[0]?.data).toMatchObject({ machine: 'EX1', kb: 'KB2814847', targetBuild: '8.3.517.0', osFamily: '2008R2' });
    },
  },
  {
    name: 'IU without a KB number on an RTM host on 2003 → blocker naming it, replacement for the target build',
    fleet: [server('RTM1', { machines: [machine('RTM1', { exsetup: '8.0.685.24', os: os('5.2.3790'), patches: [iuNoKb] })] })],
    status: 'fail',
    messages: ['noKb:blocker'],
    steps: replaced('RTM1:no-kb-1'),
    also: (r) => {
      expect(r.findings[0]?.kb).toBeNull();
      expect(r.findings[0]?.data).toMatchObject({ machine: 'RTM1', kb: 'Interim Update for Exchange Server 2007 (hotfix without a number)', osFamily: '2003', targetBuild: '8.3.517.0' });
    },
  },
  {
    name: 'two IUs without a KB and one IU listed twice → one set of steps each, distinct step ids',
    fleet: [server('RTM1', { machines: [machine('RTM1', { exsetup: '8.0.685.24', os: os('5.2.3790'), patches: [iuNoKb, { ...iuNoKb, displayName: 'Interim Update for Exchange Server 2007 (second hotfix)' }, iu, iu] })] })],
    status: 'fail',
    messages: ['noKb:blocker', 'noKb:blocker', 'replacementNeeded:blocker'],
    steps: [...replaced('RTM1:no-kb-1'), ...replaced('RTM1:no-kb-2'), ...replaced('RTM1:KB2814847')],
  },
  {
    name: 'IU fixed in the target per the analyst catalogue → remove only',
    fleet: ex1(machine('EX1', { exsetup: '8.3.298.3', patches: [iu] })),
    options: { ...defaultOptions, interimUpdateFixes: new Map([['KB2814847', levelByKb('KB2873746')]]) },
    status: 'fail',
    messages: ['fixedInTarget:warning'],
    steps: ['remove-interim-update:EX1:KB2814847', 'rollback-reinstall-interim-update:EX1:KB2814847'],
    also: (r) => {
      expect(r.findings[0]?.data['fixedIn']).toBe('SP3 RU11');
    },
  },
  {
    name: 'IU fixed only in a later level than the target → replacement needed',
    fleet: ex1(machine('EX1', { exsetup: '8.3.298.3', patches: [iu] })),
    options: { ...defaultOptions, interimUpdateFixes: new Map([['KB2814847', levelByKb('KB4011325')]]), target: { kind: 'level', level: levelByKb('KB2873746') } },
    status: 'fail',
    messages: ['replacementNeeded:blocker'],
    steps: replaced('EX1:KB2814847'),
  },
  {
    name: 'CCR nodes both carrying the IU → per node, each inside its own pass',
    fleet: [cmsServer('CCR1', { nodes: [{ name: 'N1', active: true }, { name: 'N2' }], patches: [iu] })],
    status: 'fail',
    messages: ['replacementNeeded:blocker', 'replacementNeeded:blocker'],
    steps: [...replaced('N1:KB2814847'), ...replaced('N2:KB2814847')],
    also: (r) => {
      // The passive node (N2) is updated first: its removal comes before the former active node's.
      const order = (step: string, node: string) => r.steps.find((s) => s.step === step && s.instance === `${node}:KB2814847`)?.order ?? 0;
      expect(order('remove-interim-update', 'N2')).toBeLessThan(order('remove-interim-update', 'N1'));
      expect(order('reinstall-replacement-interim-update', 'N2')).toBeLessThan(order('reinstall-replacement-interim-update', 'N1'));
    },
  },
  { name: 'server already at target → not applicable', fleet: ex1(machine('EX1', { exsetup: '8.3.517.0', patches: [iu] })), status: 'not-applicable' },
  { name: 'no patch listing → data gap', fleet: ex1(machine('EX1', { exsetup: '8.3.298.3', patches: null })), status: 'data-gap' },
]);
