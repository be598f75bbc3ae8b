import { defineRule, type Finding, type StepRef } from '../define-rule.js';
import { buildText, describeLevel, longBuildText, rollupPackageName } from '../describe-level.js';
import { compareText } from '../../compare-text.js';
import type { MachineFacts, ServerFacts } from '../../normalize/server-facts.js';

type MessageId = 'nodeOrder' | 'manualRollupInstall' | 'setupComOnly' | 'activeNodeUnknown' | 'nodesUnknown';
type StepId =
  | 'cluster-confirm-passive-node'
  | 'cluster-identify-active-node'
  | 'cluster-move-cluster-group'
  | 'cluster-upgrade-passive-node'
  | 'cluster-install-rollup-on-node'
  | 'cluster-stop-cms'
  | 'cluster-move-cms'
  | 'cluster-upgrade-cms'
  | 'cluster-verify-cms'
  | 'cluster-verify-copy-status'
  | 'cluster-former-active-move-cluster-group'
  | 'cluster-former-active-upgrade-node'
  | 'cluster-former-active-install-rollup'
  | 'cluster-former-active-verify-cms'
  | 'cluster-former-active-verify-copy-status'
  | 'cluster-move-cms-back'
  | 'cluster-verify-node'
  | 'cluster-remove-rollup-2003'
  | 'cluster-remove-rollup-2008'
  | 'cluster-restore-after-service-pack';

/**
 * Planning note on clusters + how-steps + slipstream + removing a rollup, for a clustered mailbox
 * server (CCR or SCC). service-pack-then-rollup leaves clustered servers to this rule, so it emits the
 * whole install: the passive node(s) first (default cluster group moved away, SP with setup.com
 * /mode:upgrade, restart, rollup .msp installed by hand), then the CMS is moved onto an updated node
 * (for an SP: stopped, moved, setup.com /upgradecms), then the formerly active node gets the same.
 *
 * Window orders encode the pass: passive node(s) 410–449, formerly active node 510–549, moving the CMS
 * back 590. Each step id has one order, so the second pass has its own step ids; with several passive
 * nodes (SCC) their steps of one kind sort together by node name.
 */
export default defineRule({
  meta: {
    id: 'clustered-mailbox-procedure',
    title: { en: 'Clustered mailbox server is updated node by node, passive node first', ja: 'クラスタ化メールボックス サーバーはパッシブ ノードから 1 ノードずつ更新する' },
    failureTitle: { en: 'Clustered mailbox server procedure cannot be planned from the inventory', ja: 'インベントリからクラスタ化メールボックス サーバーの手順を確定できない' },
    severity: 'info',
    seedSections: ['plan-clusters', 'how-steps', 'slipstream', 'removing-rollup'],
    requiredFacts: ['build-evidence'],
    messages: {
      nodeOrder: {
        en: '{clusterType} clustered mailbox server {cms}: update the passive node {passive} first, move {cms} to {newOwner}, then update {active}. Never update the node that owns {cms}.',
        ja: '{clusterType} のクラスタ化メールボックス サーバー {cms}: まずパッシブ ノード {passive} を更新し、{cms} を {newOwner} に移動してから {active} を更新します。{cms} を所有しているノードを更新しないでください。',
      },
      manualRollupInstall: {
        en: 'Microsoft Update does not detect update rollups on clustered mailbox servers: install {rollup} ({kb}) manually on each node ({nodes}), one node at a time.',
        ja: 'Microsoft Update では、クラスタ化メールボックス サーバーの更新プログラムのロールアップは検出されません。{rollup} ({kb}) を各ノード ({nodes}) に 1 ノードずつ手動でインストールしてください。',
      },
      setupComOnly: {
        en: 'A clustered mailbox server is upgraded to {servicePack} with setup.com from the command line, never with the setup.exe wizard: setup.com /mode:upgrade on each node, and setup.com /upgradecms once, on the node that owns {cms} after the move.',
        ja: 'クラスタ化メールボックス サーバーを {servicePack} にアップグレードするには、setup.exe のウィザードではなく、コマンド ラインから setup.com を使用します。各ノードで setup.com /mode:upgrade を実行し、移動後に {cms} を所有するノードで setup.com /upgradecms を 1 回だけ実行します。',
      },
      activeNodeUnknown: {
        en: 'No node of {cms} is marked active in the inventory. This runbook assumes {active} is the active node and starts with {passive}: check with Get-ClusteredMailboxServerStatus before the window.',
        ja: 'インベントリでは {cms} のどのノードもアクティブとして示されていません。この手順書は {active} をアクティブ ノードと仮定し、{passive} から作業を開始します。作業前に Get-ClusteredMailboxServerStatus で確認してください。',
      },
      nodesUnknown: {
        en: 'The nodes of {cms} are not known (found: {nodes}). Export Get-MailboxServer (RedundantMachines) and Get-ClusteredMailboxServerStatus and re-run the plan.',
        ja: '{cms} のノードが判明していません (検出: {nodes})。Get-MailboxServer (RedundantMachines) と Get-ClusteredMailboxServerStatus をエクスポートし、計画を再作成してください。',
      },
    },
    steps: {
      'cluster-confirm-passive-node': { phase: 'prepare', order: 420 },
      'cluster-identify-active-node': { phase: 'prepare', order: 420 },
      'cluster-move-cluster-group': { phase: 'window', order: 410 },
      'cluster-upgrade-passive-node': { phase: 'window', order: 415 },
      'cluster-install-rollup-on-node': { phase: 'window', order: 425 },
      'cluster-stop-cms': { phase: 'window', order: 430 },
      'cluster-move-cms': { phase: 'window', order: 435 },
      'cluster-upgrade-cms': { phase: 'window', order: 440 },
      'cluster-verify-cms': { phase: 'window', order: 445 },
      'cluster-verify-copy-status': { phase: 'window', order: 446 },
      'cluster-former-active-move-cluster-group': { phase: 'window', order: 510 },
      'cluster-former-active-upgrade-node': { phase: 'window', order: 515 },
      'cluster-former-active-install-rollup': { phase: 'window', order: 525 },
      'cluster-former-active-verify-cms': { phase: 'window', order: 545 },
      'cluster-former-active-verify-copy-status': { phase: 'window', order: 546 },
      'cluster-move-cms-back': { phase: 'window', order: 590 },
      'cluster-verify-node': { phase: 'verify', order: 100 },
      'cluster-remove-rollup-2003': { phase: 'rollback', order: 100 },
      'cluster-remove-rollup-2008': { phase: 'rollback', order: 110 },
      'cluster-restore-after-service-pack': { phase: 'rollback', order: 200 },
    },
  },
  check({ server, current, target }) {
    const cluster = server.cluster;
    if (!cluster) return { status: 'not-applicable', reason: 'not-clustered' };
    if (target.upToDate) return { status: 'not-applicable', reason: 'up-to-date' };
    const clusterType = cluster.type === 'ccr' ? 'CCR' : 'SCC';
    const names = nodeNames(server);
    if (names.length < 2) {
      return { status: 'fail', findings: [{ messageId: 'nodesUnknown', severity: 'blocker', data: { cms: server.name, nodes: names.join(', ') || '—' } }] };
    }
    const marked = cluster.nodes.filter((n) => n.active).map((n) => n.name).sort(compareText)[0];
    const activeKnown = marked !== undefined && names.includes(marked);
    // Without an active flag, assume the first node by name is active (NODE1 usually is) and say so.
    const active = activeKnown ? marked : (names[0] ?? '');
    const passives = names.filter((n) => n !== active);
    const newOwner = passives[0] ?? '';
    const level = target.level;
    const servicePackChange = target.servicePackChange;
    const rollupToInstall = target.rollupToInstall;
    const common = {
      cms: server.name,
      clusterType,
      from: describeLevel(current),
      servicePack: level.servicePack,
      rollup: describeLevel(level),
      kb: level.kb ?? '—',
      build: buildText(level.build),
      buildLong: longBuildText(level.build),
      active,
      passive: passives.join(', '),
      newOwner,
      moveComment: servicePackChange ? `${level.servicePack} upgrade` : `Update rollup ${describeLevel(level)}`,
    };
    const nodeData = (node: string, otherNode: string) => {
      const machine = machineNamed(server, node);
      const packageName = rollupPackageName(level, machine?.os?.value.language ?? '');
      return { ...common, node, otherNode, package: packageName, packagePath: `C:\\Updates\\${packageName}`, logPath: `C:\\Updates\\${level.kb ?? 'rollup'}-${node}.log` };
    };

    const findings: Finding<MessageId>[] = [];
    if (!activeKnown) findings.push({ messageId: 'activeNodeUnknown', severity: 'warning', data: common });
    findings.push({ messageId: 'nodeOrder', data: common });
    if (servicePackChange) findings.push({ messageId: 'setupComOnly', data: common });
    if (rollupToInstall) findings.push({ messageId: 'manualRollupInstall', ...(level.kb ? { kb: level.kb } : {}), data: { ...common, nodes: names.join(', ') } });

    const steps: StepRef<StepId>[] = [];
    steps.push({ step: activeKnown ? 'cluster-confirm-passive-node' : 'cluster-identify-active-node', data: common });

    // Pass 1: every passive node, while the CMS stays online on the active node.
    for (const node of passives) {
      const data = nodeData(node, active);
      steps.push({ step: 'cluster-move-cluster-group', instance: node, data });
      if (servicePackChange) steps.push({ step: 'cluster-upgrade-passive-node', instance: node, data });
      if (rollupToInstall) steps.push({ step: 'cluster-install-rollup-on-node', instance: node, data });
    }
    // Hand the CMS over to the first updated passive node.
    const handover = nodeData(newOwner, active);
    if (servicePackChange) steps.push({ step: 'cluster-stop-cms', instance: newOwner, data: handover });
    steps.push({ step: 'cluster-move-cms', instance: newOwner, data: handover });
    if (servicePackChange) steps.push({ step: 'cluster-upgrade-cms', instance: newOwner, data: handover });
    steps.push({ step: 'cluster-verify-cms', instance: newOwner, data: handover });
    if (cluster.type === 'ccr') steps.push({ step: 'cluster-verify-copy-status', instance: newOwner, data: handover });

    // Pass 2: the formerly active node, now passive.
    const former = nodeData(active, newOwner);
    steps.push({ step: 'cluster-former-active-move-cluster-group', instance: active, data: former });
    if (servicePackChange) steps.push({ step: 'cluster-former-active-upgrade-node', instance: active, data: former });
    if (rollupToInstall) steps.push({ step: 'cluster-former-active-install-rollup', instance: active, data: former });
    steps.push({ step: 'cluster-former-active-verify-cms', instance: active, data: former });
    if (cluster.type === 'ccr') steps.push({ step: 'cluster-former-active-verify-copy-status', instance: active, data: former });
    steps.push({ step: 'cluster-move-cms-back', instance: active, data: former });

    // Verification and rollback, per node.
    for (const node of names) {
      const data = nodeData(node, node === active ? newOwner : active);
      steps.push({ step: 'cluster-verify-node', instance: node, data });
      if (rollupToInstall) {
        const family = machineNamed(server, node)?.os?.value.family ?? 'other';
        if (family !== '2008' && family !== '2008R2') steps.push({ step: 'cluster-remove-rollup-2003', instance: node, data });
        if (family !== '2003') steps.push({ step: 'cluster-remove-rollup-2008', instance: node, data });
      }
    }
    if (servicePackChange) steps.push({ step: 'cluster-restore-after-service-pack', data: common });

    return activeKnown ? { status: 'pass', findings, steps } : { status: 'fail', findings, steps };
  },
});

/** The CMS's nodes by name: from the cluster status, else the machines that hold its binaries. */
function nodeNames(server: ServerFacts): string[] {
  const fromCluster = server.cluster?.nodes.map((n) => n.name) ?? [];
  const names = fromCluster.length > 0 ? fromCluster : server.machines.map((m) => m.name);
  return [...new Set(names)].sort(compareText);
}

function machineNamed(server: ServerFacts, name: string): MachineFacts | undefined {
  return server.machines.find((m) => m.name.toUpperCase() === name.toUpperCase());
}

