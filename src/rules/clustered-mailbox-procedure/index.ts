import { defineRule, type Finding, type StepRef } from '../define-rule.js';
import { buildText, describeLevel, longBuildText, packageLanguage, rollupPackageName } from '../describe-level.js';
import { clusterNodeNames, clusterSchedule, MOVE_BACK_ORDER, STAGE_SLOTS } from '../cluster-schedule.js';
import type { MachineFacts, ServerFacts } from '../../normalize/server-facts.js';
import { rollbackLevel } from '../rollback-level.js';
import { machineLevelOf } from '../../normalize/computed/current-level.js';

type MessageId = 'nodeOrder' | 'manualRollupInstall' | 'setupComOnly' | 'rollupAfterServicePack' | 'activeNodeUnknown' | 'nodesUnknown';
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
 * whole install, stage by stage as `clusterSchedule` lays it out: for a service pack, the passive
 * node(s) first (default cluster group moved away, setup.com /mode:upgrade, restart), then the CMS is
 * stopped, moved onto an updated node and upgraded with setup.com /upgradecms, then the formerly
 * active node; for a rollup (after the SP stage, if any) the same passes with the .msp installed by
 * hand and a plain move.
 *
 * The second pass of a stage has its own step ids because its words differ ("now passive", "do not run
 * /upgradecms again"). Window orders come from the schedule (each step reference carries its order);
 * the orders below are those of a stage based at 400 (SP) or 500 (rollup), as the catalogue shows them.
 */
export default defineRule({
  meta: {
    id: 'clustered-mailbox-procedure',
    title: { en: 'Clustered mailbox server is updated node by node, passive node first', ja: 'クラスタ化メールボックス サーバーはパッシブ ノードから 1 ノードずつ更新する' },
    failureTitle: { en: 'Clustered mailbox server procedure cannot be planned from the inventory', ja: 'インベントリからクラスタ化メールボックス サーバーの手順を確定できない' },
    severity: 'info',
    seedSections: ['plan-clusters', 'how-steps', 'slipstream', 'removing-rollup'],
    references: [
      { title: 'Applying Exchange 2007 Update Rollups to Clustered Mailbox Servers', url: 'https://technet.microsoft.com/en-us/library/bb885043(v=exchg.80).aspx' },
      { title: 'How to Install Update Rollups in a CCR Environment (full backup before and after; Exchange Server Administrator and local Administrators)', url: 'http://technet.microsoft.com/en-us/library/bb885047.aspx' },
      { title: 'How to Move a Clustered Mailbox Server (Exchange 2007 help): health checks, and the cluster tools when they refuse', url: 'http://unifiedpeople.ru/exchhelp.en/html/5ac92b11-4d22-4466-8e28-db6496694531.htm' },
      { title: 'Start-ClusteredMailboxServer (Exchange 2007 help)', url: 'https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/bb124258(v=exchg.80)' },
    ],
    unverified: [
      {
        en: 'The service-pack hand-over order (stop the clustered mailbox server, move it to the upgraded node, setup.com /upgradecms there) follows community-documented upgrades and Microsoft\'s rollup procedure; Microsoft\'s own "Upgrading Clustered Mailbox Servers" topic for SP1/SP2 was not retrieved.',
        ja: 'Service Pack での引き継ぎの順序 (クラスタ化メールボックス サーバーを停止し、アップグレード済みのノードに移動し、そこで setup.com /upgradecms を実行する) は、コミュニティで文書化された手順とマイクロソフトのロールアップの手順に基づいています。SP1/SP2 用のマイクロソフトの「クラスタ化メールボックス サーバーのアップグレード」のトピック自体は確認できていません。',
      },
      {
        en: 'That setup.com /upgradecms leaves the clustered mailbox server online: one source ends with an explicit start, so the runbook checks the state and starts it if needed.',
        ja: 'setup.com /upgradecms の後にクラスタ化メールボックス サーバーがオンラインになること: 明示的に起動する手順で終わる資料があるため、この手順書では状態を確認し、必要な場合は起動します。',
      },
    ],
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
      rollupAfterServicePack: {
        en: '{cms} is brought to {servicePack} on every node first — the clustered mailbox server itself upgraded with setup.com /upgradecms on {newOwner} — and only then gets {rollup}, again one passive node at a time. A rollup is never installed on a node before the clustered mailbox server runs {servicePack}.',
        ja: '{cms} は、まずすべてのノードを {servicePack} にアップグレードし ({newOwner} で setup.com /upgradecms を実行してクラスタ化メールボックス サーバー自体をアップグレード)、その後で {rollup} を、再びパッシブ ノードから 1 ノードずつインストールします。クラスタ化メールボックス サーバー自体が {servicePack} になる前に、ノードにロールアップをインストールしないでください。',
      },
      activeNodeUnknown: {
        en: 'No node of {cms} is marked active in the inventory. This runbook assumes {active} is the active node and starts with {passive}: check with Get-ClusteredMailboxServerStatus before the window.',
        ja: 'インベントリでは {cms} のどのノードもアクティブとして示されていません。この手順書は {active} をアクティブ ノードと仮定し、{passive} から作業を開始します。保守期間の前に Get-ClusteredMailboxServerStatus で確認してください。',
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
      'cluster-install-rollup-on-node': { phase: 'window', order: 515 },
      'cluster-stop-cms': { phase: 'window', order: 430 },
      'cluster-move-cms': { phase: 'window', order: 435 },
      'cluster-upgrade-cms': { phase: 'window', order: 440 },
      'cluster-verify-cms': { phase: 'window', order: 445 },
      'cluster-verify-copy-status': { phase: 'window', order: 446 },
      'cluster-former-active-move-cluster-group': { phase: 'window', order: 450 },
      'cluster-former-active-upgrade-node': { phase: 'window', order: 455 },
      'cluster-former-active-install-rollup': { phase: 'window', order: 555 },
      'cluster-former-active-verify-cms': { phase: 'window', order: 465 },
      'cluster-former-active-verify-copy-status': { phase: 'window', order: 466 },
      'cluster-move-cms-back': { phase: 'window', order: 590 },
      'cluster-verify-node': { phase: 'verify', order: 100 },
      'cluster-remove-rollup-2003': { phase: 'rollback', order: 100 },
      'cluster-remove-rollup-2008': { phase: 'rollback', order: 110 },
      'cluster-restore-after-service-pack': { phase: 'rollback', order: 900 },
    },
  },
  check({ server, current, target, catalog }) {
    const cluster = server.cluster;
    if (!cluster) return { status: 'not-applicable', reason: 'not-clustered' };
    if (target.upToDate) return { status: 'not-applicable', reason: 'up-to-date' };
    const schedule = clusterSchedule(server, target);
    if (!schedule) {
      return { status: 'fail', findings: [{ messageId: 'nodesUnknown', severity: 'blocker', data: { cms: server.name, nodes: clusterNodeNames(server).join(', ') || '—' } }] };
    }
    const { nodes, active, activeKnown, passives, stages } = schedule;
    const level = target.level;
    const servicePackChange = target.servicePackChange;
    const rollupToInstall = target.rollupToInstall;
    const common = {
      cms: server.name,
      clusterType: cluster.type === 'ccr' ? 'CCR' : 'SCC',
      from: describeLevel(current),
      servicePack: level.servicePack,
      rollup: describeLevel(level),
      kb: level.kb ?? '—',
      build: buildText(level.build),
      buildLong: longBuildText(level.build),
      active,
      passive: passives.join(', '),
      newOwner: stages[0]?.handoverTo ?? '',
      moveComment: servicePackChange ? `${level.servicePack} upgrade` : `Update rollup ${describeLevel(level)}`,
    };
    // One Exchange language for the CMS: every node runs the same Exchange.
    const packageName = rollupPackageName(level, packageLanguage(server.machines));
    const nodeData = (node: string, otherNode: string, moveComment: string) => {
      return {
        ...common,
        moveComment,
        node,
        otherNode,
        package: packageName,
        packagePath: `C:\\Updates\\${packageName}`,
        logPath: `C:\\Updates\\${level.kb ?? 'rollup'}-${node}.log`,
        ...rollbackLevel(machineLevelOf(current.machines, current, node), target, catalog),
      };
    };

    const findings: Finding<MessageId>[] = [];
    if (!activeKnown) findings.push({ messageId: 'activeNodeUnknown', severity: 'warning', data: common });
    findings.push({ messageId: 'nodeOrder', data: common });
    if (servicePackChange) findings.push({ messageId: 'setupComOnly', data: common });
    if (servicePackChange && rollupToInstall) findings.push({ messageId: 'rollupAfterServicePack', data: common });
    if (rollupToInstall) findings.push({ messageId: 'manualRollupInstall', ...(level.kb ? { kb: level.kb } : {}), data: { ...common, nodes: nodes.join(', ') } });

    const steps: StepRef<StepId>[] = [];
    steps.push({ step: activeKnown ? 'cluster-confirm-passive-node' : 'cluster-identify-active-node', data: common });
    for (const stage of stages) {
      const sp = stage.kind === 'service-pack';
      const moveComment = sp ? `${level.servicePack} upgrade` : `Update rollup ${describeLevel(level)}`;
      // With two stages a node is passed twice: the stage keeps each step instance unique.
      const instance = (node: string): string => (stages.length > 1 ? `${stage.kind}:${node}` : node);
      const at = (slot: keyof typeof STAGE_SLOTS): number => stage.base + STAGE_SLOTS[slot];
      // First pass: every node but the owner, while the CMS stays online on the owner.
      for (const node of stage.first) {
        const data = nodeData(node, stage.owner, moveComment);
        steps.push({ step: 'cluster-move-cluster-group', instance: instance(node), order: at('firstMoveClusterGroup'), data });
        steps.push({ step: sp ? 'cluster-upgrade-passive-node' : 'cluster-install-rollup-on-node', instance: instance(node), order: at('firstUpdate'), data });
      }
      // Hand the CMS over to an updated node (for an SP: stopped, moved, upgraded with /upgradecms).
      const handover = nodeData(stage.handoverTo, stage.owner, moveComment);
      const handoverInstance = instance(stage.handoverTo);
      if (sp) steps.push({ step: 'cluster-stop-cms', instance: handoverInstance, order: at('stopCms'), data: handover });
      steps.push({ step: 'cluster-move-cms', instance: handoverInstance, order: at('moveCms'), data: handover });
      if (sp) steps.push({ step: 'cluster-upgrade-cms', instance: handoverInstance, order: at('upgradeCms'), data: handover });
      steps.push({ step: 'cluster-verify-cms', instance: handoverInstance, order: at('verifyCms'), data: handover });
      if (cluster.type === 'ccr') steps.push({ step: 'cluster-verify-copy-status', instance: handoverInstance, order: at('verifyCopyStatus'), data: handover });
      // Second pass: the former owner, now passive.
      const former = nodeData(stage.owner, stage.handoverTo, moveComment);
      const formerInstance = instance(stage.owner);
      steps.push({ step: 'cluster-former-active-move-cluster-group', instance: formerInstance, order: at('secondMoveClusterGroup'), data: former });
      steps.push({ step: sp ? 'cluster-former-active-upgrade-node' : 'cluster-former-active-install-rollup', instance: formerInstance, order: at('secondUpdate'), data: former });
      steps.push({ step: 'cluster-former-active-verify-cms', instance: formerInstance, order: at('secondVerifyCms'), data: former });
      if (cluster.type === 'ccr') steps.push({ step: 'cluster-former-active-verify-copy-status', instance: formerInstance, order: at('secondVerifyCopyStatus'), data: former });
    }
    if (schedule.finalOwner !== active) {
      steps.push({ step: 'cluster-move-cms-back', instance: active, order: MOVE_BACK_ORDER, data: nodeData(active, schedule.finalOwner, common.moveComment) });
    }

    // Verification and rollback, per node.
    for (const node of nodes) {
      const data = nodeData(node, node === active ? common.newOwner : active, common.moveComment);
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

function machineNamed(server: ServerFacts, name: string): MachineFacts | undefined {
  return server.machines.find((m) => m.name.toUpperCase() === name.toUpperCase());
}

