import { describe, expect, it } from 'vitest';
import rule from './index.js';
import { PHASES } from '../define-rule.js';
import type { ResolvedStep } from '../run-rules.js';
import type { ServerFacts } from '../../normalize/server-facts.js';
import { cmsServer, evaluate, machine, os, renderSteps, server } from '../../../test/support/facts.js';

/** The runbook's order: phase, order, instance, step (as the plan sorts them). */
function inRunbookOrder(steps: readonly ResolvedStep[]): string[] {
  return [...steps]
    .sort((a, b) => PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase) || a.order - b.order || (a.instance < b.instance ? -1 : a.instance > b.instance ? 1 : 0) || (a.step < b.step ? -1 : 1))
    .map((s) => `${s.phase}:${s.step}${s.instance ? `@${s.instance}` : ''}`);
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

interface Case {
  name: string;
  fleet: ServerFacts[];
  status: string;
  messages: string[];
  steps: string[];
}

const cases: Case[] = [
  { name: 'stand-alone server → not applicable', fleet: [server('CMS')], status: 'not-applicable', messages: [], steps: [] },
  {
    name: 'CMS already at the target → not applicable',
    fleet: [cmsServer('CMS', { exsetup: '8.3.517.0', nodes: [{ name: 'N1', active: true }, { name: 'N2' }] })],
    status: 'not-applicable',
    messages: [],
    steps: [],
  },
  {
    name: 'CCR, rollup only, N1 active → passive N2 first, CMS moved, then N1',
    fleet: [cmsServer('CMS', { nodes: [{ name: 'N1', active: true }, { name: 'N2' }] })],
    status: 'pass',
    messages: ['nodeOrder:info', 'manualRollupInstall:info'],
    steps: ccrRollup,
  },
  {
    name: 'CCR, active flag on N2 → N1 is updated first',
    fleet: [cmsServer('CMS', { nodes: [{ name: 'N1' }, { name: 'N2', active: true }] })],
    status: 'pass',
    messages: ['nodeOrder:info', 'manualRollupInstall:info'],
    steps: [
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
    ],
  },
  {
    name: 'CCR, SP2 → SP3: setup.com on the passive node, stop, move, /upgradecms, then the other node',
    fleet: [cmsServer('CMS', { exsetup: '8.2.247.2', nodes: [{ name: 'N1', active: true }, { name: 'N2' }] })],
    status: 'pass',
    messages: ['nodeOrder:info', 'setupComOnly:info', 'manualRollupInstall:info'],
    steps: [
      'prepare:cluster-confirm-passive-node',
      'window:cluster-move-cluster-group@N2',
      'window:cluster-upgrade-passive-node@N2',
      'window:cluster-install-rollup-on-node@N2',
      'window:cluster-stop-cms@N2',
      'window:cluster-move-cms@N2',
      'window:cluster-upgrade-cms@N2',
      'window:cluster-verify-cms@N2',
      'window:cluster-verify-copy-status@N2',
      'window:cluster-former-active-move-cluster-group@N1',
      'window:cluster-former-active-upgrade-node@N1',
      'window:cluster-former-active-install-rollup@N1',
      'window:cluster-former-active-verify-cms@N1',
      'window:cluster-former-active-verify-copy-status@N1',
      'window:cluster-move-cms-back@N1',
      'verify:cluster-verify-node@N1',
      'verify:cluster-verify-node@N2',
      'rollback:cluster-remove-rollup-2008@N1',
      'rollback:cluster-remove-rollup-2008@N2',
      'rollback:cluster-restore-after-service-pack',
    ],
  },
  {
    name: 'SCC with three nodes, none marked active → warning, first node by name assumed active, no copy checks',
    fleet: [cmsServer('CMS', { type: 'scc', nodes: [{ name: 'N3' }, { name: 'N1' }, { name: 'N2' }] })],
    status: 'fail',
    messages: ['activeNodeUnknown:warning', 'nodeOrder:info', 'manualRollupInstall:info'],
    steps: [
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
    ],
  },
  {
    name: 'Windows Server 2003 nodes → Add or Remove Programs rollback',
    fleet: [cmsServer('CMS', { nodes: [{ name: 'N1', active: true, os: os('5.2.3790') }, { name: 'N2', os: os('5.2.3790') }] })],
    status: 'pass',
    messages: ['nodeOrder:info', 'manualRollupInstall:info'],
    steps: ccrRollup.map((s) => s.replace('remove-rollup-2008', 'remove-rollup-2003')),
  },
  {
    name: 'only one node known → blocker, no steps',
    fleet: [cmsServer('CMS', { nodes: [{ name: 'N1', active: true }] })],
    status: 'fail',
    messages: ['nodesUnknown:blocker'],
    steps: [],
  },
  {
    name: 'no build evidence on a node → data gap',
    fleet: [{ ...cmsServer('CMS', { nodes: [{ name: 'N1', active: true }, { name: 'N2' }] }), adminDisplayVersion: null, machines: [machine('N1', { patches: null }), machine('N2', { patches: null })] }],
    status: 'data-gap',
    messages: ['dataGap:warning'],
    steps: [],
  },
];

describe('clustered-mailbox-procedure', () => {
  it.each(cases)('$name', async ({ fleet, status, messages, steps }) => {
    const result = evaluate(rule, fleet, 'CMS');
    expect(result.status).toBe(status);
    expect(result.findings.map((f) => `${f.messageId}:${f.severity}`)).toEqual(messages);
    expect(inRunbookOrder(result.steps)).toEqual(steps);
    for (const lang of ['en', 'ja'] as const) {
      const rendered = await renderSteps(result, lang);
      expect(rendered).toHaveLength(result.steps.length);
    }
  });

  it('names the nodes in every step and moves the cluster group to the node that stays up', () => {
    const result = evaluate(rule, [cmsServer('CMS', { nodes: [{ name: 'N1', active: true }, { name: 'N2' }] })], 'CMS');
    const first = result.steps.find((s) => s.step === 'cluster-move-cluster-group');
    const second = result.steps.find((s) => s.step === 'cluster-former-active-move-cluster-group');
    expect(first?.data).toMatchObject({ node: 'N2', otherNode: 'N1', cms: 'CMS' });
    expect(second?.data).toMatchObject({ node: 'N1', otherNode: 'N2', cms: 'CMS' });
    expect(result.steps.filter((s) => s.step !== 'cluster-confirm-passive-node').every((s) => s.instance !== '')).toBe(true);
  });
});

