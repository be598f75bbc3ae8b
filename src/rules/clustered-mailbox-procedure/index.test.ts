import { describe, expect, it } from 'vitest';
import rule from './index.js';
import type { ServerFacts } from '../../normalize/server-facts.js';
import { catalog, cmsServer, defaultOptions, machine, os, patch, server } from '../../../test/support/facts.js';
import { inRunbookOrder, rendersInBothLanguages, testRule, type Evaluation, type RuleCase } from '../../../test/support/rule-tester.js';
import interimUpdates from '../interim-updates-removed/index.js';
import { runRules } from '../run-rules.js';
import type { RuleOptions } from '../define-rule.js';

function targetOptions(level: string): RuleOptions {
  const resolved = catalog.resolve(level);
  if (!('level' in resolved)) throw new Error(`bad level ${level}`);
  return { ...defaultOptions, target: { kind: 'level', level: resolved.level } };
}

/** The steps as the runbook prints them: `phase:step@instance`, in the plan's order. */
function runbookLines(steps: Evaluation['steps']): string[] {
  return inRunbookOrder(steps).map((s) => `${s.phase}:${s.step}${s.instance ? `@${s.instance}` : ''}`);
}

/**
 * A case's steps written as the runbook prints them (`phase:step@instance`): the tester compares ids and
 * instances in the runbook's order, `also` the phases, and every step renders in both languages.
 */
function inRunbook(lines: readonly string[], more?: (r: Evaluation) => void): Pick<RuleCase, 'steps' | 'stepOrder' | 'also'> {
  return {
    steps: lines.map((line) => {
      const step = line.slice(line.indexOf(':') + 1);
      return step.includes('@') ? step.replace('@', ':') : `${step}:`;
    }),
    stepOrder: 'runbook',
    also: async (r) => {
      expect(runbookLines(r.steps)).toEqual(lines);
      await rendersInBothLanguages(r);
      more?.(r);
    },
  };
}

const ccrRollup = [
  'prepare:cluster-confirm-passive-node',
  'window:cluster-move-cluster-group@N2',
  'window:cluster-install-rollup-on-node@N2',
  'window:cluster-move-cms@N2',
  'window:cluster-verify-cms@N2',
  'window:cluster-verify-copy-status@N2',
  'window:cluster-former-active-move-cluster-group@N1',
  'window:cluster-former-active-install-rollup@N1',
  'window:cluster-former-active-verify-cms@N1',
  'window:cluster-former-active-verify-copy-status@N1',
  'window:cluster-move-cms-back@N1',
  'verify:cluster-verify-node@N1',
  'verify:cluster-verify-node@N2',
  'rollback:cluster-remove-rollup-2008@N1',
  'rollback:cluster-remove-rollup-2008@N2',
];

const ccrServicePackAndRollup = [
    'prepare:cluster-confirm-passive-node',
    'window:cluster-move-cluster-group@service-pack:N2',
    'window:cluster-upgrade-passive-node@service-pack:N2',
    'window:cluster-stop-cms@service-pack:N2',
    'window:cluster-move-cms@service-pack:N2',
    'window:cluster-upgrade-cms@service-pack:N2',
    'window:cluster-verify-cms@service-pack:N2',
    'window:cluster-verify-copy-status@service-pack:N2',
    'window:cluster-former-active-move-cluster-group@service-pack:N1',
    'window:cluster-former-active-upgrade-node@service-pack:N1',
    'window:cluster-former-active-verify-cms@service-pack:N1',
    'window:cluster-former-active-verify-copy-status@service-pack:N1',
    'window:cluster-move-cluster-group@rollup:N1',
    'window:cluster-install-rollup-on-node@rollup:N1',
    'window:cluster-move-cms@rollup:N1',
    'window:cluster-verify-cms@rollup:N1',
    'window:cluster-verify-copy-status@rollup:N1',
    'window:cluster-former-active-move-cluster-group@rollup:N2',
    'window:cluster-former-active-install-rollup@rollup:N2',
    'window:cluster-former-active-verify-cms@rollup:N2',
    'window:cluster-former-active-verify-copy-status@rollup:N2',
    'verify:cluster-verify-node@N1',
    'verify:cluster-verify-node@N2',
    'rollback:cluster-remove-rollup-2008@N1',
    'rollback:cluster-remove-rollup-2008@N2',
    'rollback:cluster-restore-after-service-pack',
];

testRule(rule, [
  { name: 'stand-alone server → not applicable', fleet: [server('CMS')], status: 'not-applicable' },
  {
    name: 'CMS already at the target → not applicable',
    fleet: [cmsServer('CMS', { exsetup: '8.3.517.0', nodes: [{ name: 'N1', active: true }, { name: 'N2' }] })],
    status: 'not-applicable',
  },
  {
    name: 'CCR, rollup only, N1 active → passive N2 first, CMS moved, then N1',
    fleet: [cmsServer('CMS', { nodes: [{ name: 'N1', active: true }, { name: 'N2' }] })],
    status: 'pass',
    messages: ['nodeOrder:info', 'manualRollupInstall:info'],
    ...inRunbook(ccrRollup, (r) => {
      // Every step names its node; the cluster group moves to the node that stays up.
      const first = r.steps.find((s) => s.step === 'cluster-move-cluster-group');
      const second = r.steps.find((s) => s.step === 'cluster-former-active-move-cluster-group');
      expect(first?.data).toMatchObject({ node: 'N2', otherNode: 'N1', cms: 'CMS' });
      expect(second?.data).toMatchObject({ node: 'N1', otherNode: 'N2', cms: 'CMS' });
      expect(r.steps.filter((s) => s.step !== 'cluster-confirm-passive-node').every((s) => s.instance !== '')).toBe(true);
    }),
  },
  {
    name: 'CCR, active flag on N2 → N1 is updated first',
    fleet: [cmsServer('CMS', { nodes: [{ name: 'N1' }, { name: 'N2', active: true }] })],
    status: 'pass',
    messages: ['nodeOrder:info', 'manualRollupInstall:info'],
    ...inRunbook([
      'prepare:cluster-confirm-passive-node',
      'window:cluster-move-cluster-group@N1',
      'window:cluster-install-rollup-on-node@N1',
      'window:cluster-move-cms@N1',
      'window:cluster-verify-cms@N1',
      'window:cluster-verify-copy-status@N1',
      'window:cluster-former-active-move-cluster-group@N2',
      'window:cluster-former-active-install-rollup@N2',
      'window:cluster-former-active-verify-cms@N2',
      'window:cluster-former-active-verify-copy-status@N2',
      'window:cluster-move-cms-back@N2',
      'verify:cluster-verify-node@N1',
      'verify:cluster-verify-node@N2',
      'rollback:cluster-remove-rollup-2008@N1',
      'rollback:cluster-remove-rollup-2008@N2',
    ]),
  },
  {
    name: 'CCR, SP2 → SP3 RU: the SP on both nodes (stop, move, /upgradecms between), then the rollup passive node first',
    fleet: [cmsServer('CMS', { exsetup: '8.2.247.2', nodes: [{ name: 'N1', active: true }, { name: 'N2' }] })],
    status: 'pass',
    messages: ['nodeOrder:info', 'setupComOnly:info', 'rollupAfterServicePack:info', 'manualRollupInstall:info'],
    ...inRunbook(ccrServicePackAndRollup),
  },
  {
    name: 'CCR, SP2 → SP3 without a rollup (--target SP3) → one stage, CMS ends on N2, optional move back',
    fleet: [cmsServer('CMS', { exsetup: '8.2.247.2', nodes: [{ name: 'N1', active: true }, { name: 'N2' }] })],
    options: targetOptions('SP3'),
    status: 'pass',
    messages: ['nodeOrder:info', 'setupComOnly:info'],
    ...inRunbook([
      'prepare:cluster-confirm-passive-node',
      'window:cluster-move-cluster-group@N2',
      'window:cluster-upgrade-passive-node@N2',
      'window:cluster-stop-cms@N2',
      'window:cluster-move-cms@N2',
      'window:cluster-upgrade-cms@N2',
      'window:cluster-verify-cms@N2',
      'window:cluster-verify-copy-status@N2',
      'window:cluster-former-active-move-cluster-group@N1',
      'window:cluster-former-active-upgrade-node@N1',
      'window:cluster-former-active-verify-cms@N1',
      'window:cluster-former-active-verify-copy-status@N1',
      'window:cluster-move-cms-back@N1',
      'verify:cluster-verify-node@N1',
      'verify:cluster-verify-node@N2',
      'rollback:cluster-restore-after-service-pack',
    ]),
  },
  {
    name: 'SCC with three nodes, none marked active → warning, first node by name assumed active, no copy checks',
    fleet: [cmsServer('CMS', { type: 'scc', nodes: [{ name: 'N3' }, { name: 'N1' }, { name: 'N2' }] })],
    status: 'fail',
    messages: ['activeNodeUnknown:warning', 'nodeOrder:info', 'manualRollupInstall:info'],
    ...inRunbook([
      'prepare:cluster-identify-active-node',
      'window:cluster-move-cluster-group@N2',
      'window:cluster-move-cluster-group@N3',
      'window:cluster-install-rollup-on-node@N2',
      'window:cluster-install-rollup-on-node@N3',
      'window:cluster-move-cms@N2',
      'window:cluster-verify-cms@N2',
      'window:cluster-former-active-move-cluster-group@N1',
      'window:cluster-former-active-install-rollup@N1',
      'window:cluster-former-active-verify-cms@N1',
      'window:cluster-move-cms-back@N1',
      'verify:cluster-verify-node@N1',
      'verify:cluster-verify-node@N2',
      'verify:cluster-verify-node@N3',
      'rollback:cluster-remove-rollup-2008@N1',
      'rollback:cluster-remove-rollup-2008@N2',
      'rollback:cluster-remove-rollup-2008@N3',
    ]),
  },
  {
    name: 'Windows Server 2003 nodes → Add or Remove Programs rollback',
    fleet: [cmsServer('CMS', { nodes: [{ name: 'N1', active: true, os: os('5.2.3790') }, { name: 'N2', os: os('5.2.3790') }] })],
    status: 'pass',
    messages: ['nodeOrder:info', 'manualRollupInstall:info'],
    ...inRunbook(ccrRollup.map((s) => s.replace('remove-rollup-2008', 'remove-rollup-2003'))),
  },
  {
    name: 'SCC with three nodes and two stages (SP2 → SP3 RU) → every step instance unique, each stage passes every node once',
    fleet: [cmsServer('CMS', { type: 'scc', exsetup: '8.2.247.2', nodes: [{ name: 'N1', active: true }, { name: 'N2' }, { name: 'N3' }] })],
    status: 'pass',
    messages: ['nodeOrder:info', 'setupComOnly:info', 'rollupAfterServicePack:info', 'manualRollupInstall:info'],
    ...inRunbook(
      [
        'prepare:cluster-confirm-passive-node',
        'window:cluster-move-cluster-group@service-pack:N2',
        'window:cluster-move-cluster-group@service-pack:N3',
        'window:cluster-upgrade-passive-node@service-pack:N2',
        'window:cluster-upgrade-passive-node@service-pack:N3',
        'window:cluster-stop-cms@service-pack:N2',
        'window:cluster-move-cms@service-pack:N2',
        'window:cluster-upgrade-cms@service-pack:N2',
        'window:cluster-verify-cms@service-pack:N2',
        'window:cluster-former-active-move-cluster-group@service-pack:N1',
        'window:cluster-former-active-upgrade-node@service-pack:N1',
        'window:cluster-former-active-verify-cms@service-pack:N1',
        'window:cluster-move-cluster-group@rollup:N1',
        'window:cluster-move-cluster-group@rollup:N3',
        'window:cluster-install-rollup-on-node@rollup:N1',
        'window:cluster-install-rollup-on-node@rollup:N3',
        'window:cluster-move-cms@rollup:N1',
        'window:cluster-verify-cms@rollup:N1',
        'window:cluster-former-active-move-cluster-group@rollup:N2',
        'window:cluster-former-active-install-rollup@rollup:N2',
        'window:cluster-former-active-verify-cms@rollup:N2',
        'verify:cluster-verify-node@N1',
        'verify:cluster-verify-node@N2',
        'verify:cluster-verify-node@N3',
        'rollback:cluster-remove-rollup-2008@N1',
        'rollback:cluster-remove-rollup-2008@N2',
        'rollback:cluster-remove-rollup-2008@N3',
        'rollback:cluster-restore-after-service-pack',
      ],
      (r) => {
        const ids = r.steps.map((s) => `${s.step}@${s.instance}`);
        expect(new Set(ids).size).toBe(ids.length);
        for (const stage of ['service-pack', 'rollup']) {
          const updated = r.steps
            .filter((s) => s.instance.startsWith(`${stage}:`) && /upgrade-passive-node|upgrade-node|install-rollup/.test(s.step))
            .map((s) => s.instance.slice(stage.length + 1))
            .sort();
          expect(updated).toEqual(['N1', 'N2', 'N3']);
        }
      },
    ),
  },
  {
    name: 'RTM SCC on Windows Server 2003 → SP3 then its rollup; removing the rollup leaves SP3 on each node (2003 path)',
    fleet: [cmsServer('CMS', { type: 'scc', exsetup: '8.0.685.24', nodes: [{ name: 'N1', active: true, os: os('5.2.3790') }, { name: 'N2', os: os('5.2.3790') }] })],
    status: 'pass',
    messages: ['nodeOrder:info', 'setupComOnly:info', 'rollupAfterServicePack:info', 'manualRollupInstall:info'],
    ...inRunbook(
      // As on a CCR, without the copy-status checks (an SCC has one copy), and removal from Add or Remove Programs.
      ccrServicePackAndRollup.filter((s) => !s.includes('verify-copy-status')).map((s) => s.replace('remove-rollup-2008', 'remove-rollup-2003')),
      (r) => {
        const removals = r.steps.filter((s) => s.step === 'cluster-remove-rollup-2003');
        expect(removals.map((s) => [s.instance, s.data['afterRemoval'], s.data['spKept']])).toEqual([
          ['N1', 'SP3 (8.3.83.6)', 'SP3'],
          ['N2', 'SP3 (8.3.83.6)', 'SP3'],
        ]);
      },
    ),
  },
  {
    name: 'only one node known → blocker, no steps',
    fleet: [cmsServer('CMS', { nodes: [{ name: 'N1', active: true }] })],
    status: 'fail',
    messages: ['nodesUnknown:blocker'],
  },
  {
    name: 'no build evidence on a node → data gap',
    fleet: [{ ...cmsServer('CMS', { nodes: [{ name: 'N1', active: true }, { name: 'N2' }] }), adminDisplayVersion: null, machines: [machine('N1', { patches: null }), machine('N2', { patches: null })] }],
    status: 'data-gap',
    messages: ['dataGap:warning'],
  },
]);

/** Interim updates on a CMS's nodes come off inside each node's pass, never before the passes start. */
describe('clustered-mailbox-procedure with interim-updates-removed', () => {
  const iu = patch('KB2814847', 'Interim Update for Exchange Server 2007 (KB2814847)');
  const fleetWith = (exsetup?: string): ServerFacts[] => [
    cmsServer('CMS', {
      ...(exsetup ? { exsetup } : {}),
      nodes: [{ name: 'N1', active: true }, { name: 'N2' }],
      patches: [iu],
    }),
  ];
  const windowOrder = (fleet: ServerFacts[]): string[] => {
    const [evaluation] = runRules(fleet, [rule, interimUpdates], catalog, defaultOptions);
    return runbookLines(evaluation?.steps ?? []).filter((s) => s.startsWith('window:'));
  };

  it('rollup only: removed after the cluster group moves off each node, reinstalled after its rollup', () => {
    expect(windowOrder(fleetWith())).toEqual([
      'window:cluster-move-cluster-group@N2',
      'window:remove-interim-update@N2:KB2814847',
      'window:cluster-install-rollup-on-node@N2',
      'window:reinstall-replacement-interim-update@N2:KB2814847',
      'window:cluster-move-cms@N2',
      'window:cluster-verify-cms@N2',
      'window:cluster-verify-copy-status@N2',
      'window:cluster-former-active-move-cluster-group@N1',
      'window:remove-interim-update@N1:KB2814847',
      'window:cluster-former-active-install-rollup@N1',
      'window:reinstall-replacement-interim-update@N1:KB2814847',
      'window:cluster-former-active-verify-cms@N1',
      'window:cluster-former-active-verify-copy-status@N1',
      'window:cluster-move-cms-back@N1',
    ]);
  });

  it('service pack and rollup: removed before each node\'s SP, reinstalled after its rollup', () => {
    const steps = windowOrder(fleetWith('8.2.247.2'));
    const at = (step: string): number => steps.indexOf(step);
    for (const node of ['N1', 'N2']) {
      expect(at(`window:remove-interim-update@${node}:KB2814847`)).toBeGreaterThan(-1);
      expect(at(`window:remove-interim-update@${node}:KB2814847`)).toBeLessThan(Math.min(...steps.filter((s) => /upgrade-(passive-)?node@service-pack:/.test(s) && s.endsWith(node)).map(at)));
      expect(at(`window:reinstall-replacement-interim-update@${node}:KB2814847`)).toBeGreaterThan(Math.max(...steps.filter((s) => /install-rollup(-on-node)?@rollup:/.test(s) && s.endsWith(node)).map(at)));
    }
    expect(at('window:remove-interim-update@N2:KB2814847')).toBeGreaterThan(at('window:cluster-move-cluster-group@service-pack:N2'));
    expect(at('window:remove-interim-update@N1:KB2814847')).toBeGreaterThan(at('window:cluster-upgrade-cms@service-pack:N2'));
  });
});
