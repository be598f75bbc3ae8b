import { defineRule, type StepRef } from '../define-rule.js';
import { clusterNodeNames, clusterSchedule, nodeAfterWindow, ownerAfterWindow } from '../cluster-schedule.js';
import { machineLevelOf } from '../../normalize/computed/current-level.js';

type StepId =
  | 'health-baseline-transport'
  | 'health-baseline-mailbox'
  | 'health-baseline-ccr'
  | 'health-baseline-scc'
  | 'health-baseline-client-access'
  | 'health-baseline-edge'
  | 'health-baseline-unified-messaging'
  | 'pause-file-level-antivirus'
  | 'resume-file-level-antivirus'
  | 'review-setup-logs'
  | 'health-after-transport'
  | 'health-after-mailbox'
  | 'health-after-ccr'
  | 'health-after-scc'
  | 'health-after-client-access'
  | 'health-after-edge'
  | 'health-after-unified-messaging';

/**
 * How-steps 6–7 + services, made into a health baseline: before setup, per role, the state the server
 * must be back in afterwards is recorded (Hub/Edge queues and mail flow, databases mounted and MAPI
 * logons, CCR copy status and replication health, OWA / ActiveSync / web services tests, UM, Edge
 * synchronisation and a configuration export); after setup the same checks are repeated, and on every
 * machine the Application and System logs and the setup log are read. File-level antivirus scanning of
 * the Exchange folders is paused for setup and resumed afterwards.
 *
 * A clustered mailbox server's checks name each node with what is expected of it (the active node runs
 * the databases; the passive node runs the copies, with the Information Store and System Attendant
 * stopped by design). A single copy cluster has no copies to check, but which node owns the clustered
 * mailbox server before and after the window is recorded the same way (Get-ClusteredMailboxServerStatus
 * reports the operational machines of any clustered mailbox server).
 */
export default defineRule({
  meta: {
    id: 'health-checked-before-and-after',
    title: { en: 'The server\'s health is recorded before the update and checked after it', ja: 'サーバーの正常性を更新前に記録し、更新後に確認する' },
    failureTitle: { en: 'No health baseline to compare the update with', ja: '更新と比較する正常性の基準値がない' },
    severity: 'info',
    seedSections: ['how-steps', 'services'],
    references: [
      { title: 'Test-ServiceHealth (Exchange PowerShell reference)', url: 'https://learn.microsoft.com/powershell/module/exchange/test-servicehealth' },
      { title: 'Get-StorageGroupCopyStatus (Exchange 2007 help)', url: 'https://learn.microsoft.com/nb-no/previous-versions/office/exchange-server-2007/bb690972(v=exchg.80)' },
      { title: 'How to Install Update Rollups in a CCR Environment (verify the clustered mailbox server and copy status after each node)', url: 'http://technet.microsoft.com/en-us/library/bb885047.aspx' },
      { title: 'Troubleshooting Update Rollup Installations (Exchange 2007): verbose setup logs, services not restarted', url: 'https://learn.microsoft.com/previous-versions/office/exchange-server-2007/ff772434(v=exchg.80)' },
      { title: 'Test-MapiConnectivity (Exchange 2007 help): -Server tests the SystemMailbox of every database on the server', url: 'https://technet.microsoft.com/en-us/library/bb123681(v=exchg.80).aspx' },
      { title: 'Test-EdgeSynchronization (Exchange 2007 SP1 and later help; the RTM help is bb691077)', url: 'https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/aa996925(v=exchg.80)' },
      { title: 'Description of the Outlook Connection Status dialog (KB2737188; ja-JP: [接続状態])', url: 'https://support.microsoft.com/kb/2737188' },
      { title: 'Test-UMConnectivity (Exchange PowerShell reference)', url: 'https://learn.microsoft.com/powershell/module/exchange/test-umconnectivity' },
      { title: 'Get-ClusteredMailboxServerStatus (Exchange 2007 SP1 and later help; the RTM help is bb691169): state and operational machines of a clustered mailbox server', url: 'https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/aa998632(v=exchg.80)' },
      { title: 'Test-OwaConnectivity (Exchange 2007 help): -ClientAccessServer, -AllowUnsecureAccess', url: 'https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/aa997682(v=exchg.80)' },
      { title: 'Test-ActiveSyncConnectivity (Exchange 2007 help)', url: 'https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/bb123540(v=exchg.80)' },
      { title: 'Test-OutlookWebServices (Exchange 2007 help): Autodiscover and the Outlook providers on a Client Access server', url: 'https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/bb124509(v=exchg.80)' },
    ],
    unverified: [
      {
        en: 'The Exchange 2007 names of the checks Test-ReplicationHealth reports, and that a CCR passive node may list MSExchangeIS and MSExchangeSA as not running (a public node-shutdown script treats them as stopped there by design).',
        ja: 'Test-ReplicationHealth が報告する Exchange 2007 のチェック名、および CCR のパッシブ ノードで MSExchangeIS と MSExchangeSA が実行されていないと表示される場合があること (公開されているノード シャットダウン用のスクリプトは、これらがパッシブ ノードでは設計上停止しているものとして扱っています)。',
      },
      {
        en: 'The ExportEdgeConfig.ps1 script and its -cloneConfigData parameter (Edge Transport cloned configuration, Exchange 2007 SP1 and later) are quoted from memory of the Exchange 2007 help.',
        ja: 'ExportEdgeConfig.ps1 スクリプトとその -cloneConfigData パラメータ (エッジ トランスポート サーバーの複製構成、Exchange 2007 SP1 以降) は Exchange 2007 のヘルプの記憶に基づいています。',
      },
      {
        en: 'That Test-ReplicationHealth first shipped with Exchange 2007 SP1 (no Exchange 2007 page for it was retrieved; the runbook skips it on a node still at RTM), and the output property names read in the expected results: SyncStatus and LastSynchronizedUtc of Test-EdgeSynchronization, CurrCalls and Result of Test-UMConnectivity (taken from later versions\' output). If a name is missing, Format-List without names shows every property.',
        ja: 'Test-ReplicationHealth が Exchange 2007 SP1 で追加されたこと (Exchange 2007 の該当ページは取得できていません。RTM のノードではこのコマンドを省略します)、および期待される結果で読むプロパティ名 (Test-EdgeSynchronization の SyncStatus と LastSynchronizedUtc、Test-UMConnectivity の CurrCalls と Result。後のバージョンの出力に基づく)。名前が表示されない場合は、Format-List をプロパティ名なしで実行するとすべてのプロパティが表示されます。',
      },
      {
        en: 'Get-Queue and its Identity, Status (Retry), MessageCount and NextHopDomain columns, the Scripts\\new-TestCasConnectivityUser.ps1 script that creates the test mailbox of the client access tests, and the reason given for pausing file-level antivirus scanning during setup (slower setup, files locked while setup replaces them): no Exchange 2007 page for them was retrieved.',
        ja: 'Get-Queue とその Identity、Status (Retry)、MessageCount、NextHopDomain の列、クライアント アクセスのテスト用メールボックスを作成する Scripts\\new-TestCasConnectivityUser.ps1 スクリプト、およびセットアップ中にファイル レベルのウイルス対策スキャンを一時停止する理由 (セットアップが遅くなり、セットアップが置き換えるファイルがロックされる): これらについての Exchange 2007 のページは確認できていません。',
      },
    ],
    requiredFacts: [],
    messages: {},
    steps: {
      'health-baseline-transport': { phase: 'window', order: 110 },
      'health-baseline-mailbox': { phase: 'window', order: 111 },
      'health-baseline-ccr': { phase: 'window', order: 112 },
      'health-baseline-scc': { phase: 'window', order: 112 },
      'health-baseline-client-access': { phase: 'window', order: 113 },
      'health-baseline-edge': { phase: 'window', order: 114 },
      'health-baseline-unified-messaging': { phase: 'window', order: 115 },
      'pause-file-level-antivirus': { phase: 'window', order: 120 },
      'resume-file-level-antivirus': { phase: 'window', order: 680 },
      'review-setup-logs': { phase: 'verify', order: 150 },
      'health-after-transport': { phase: 'verify', order: 210 },
      'health-after-mailbox': { phase: 'verify', order: 211 },
      'health-after-ccr': { phase: 'verify', order: 212 },
      'health-after-scc': { phase: 'verify', order: 212 },
      'health-after-client-access': { phase: 'verify', order: 310 },
      'health-after-edge': { phase: 'verify', order: 214 },
      'health-after-unified-messaging': { phase: 'verify', order: 215 },
    },
  },
  check({ server, current, target }) {
    if (target.upToDate) return { status: 'not-applicable', reason: 'up-to-date' };
    const roles = server.roles;
    const machines = server.machines.map((m) => m.name);
    const data = { server: server.name, machines: machines.join(', ') || server.name, servicePackChange: target.servicePackChange ? 'yes' : '' };
    const steps: StepRef<StepId>[] = [];
    const both = (before: StepId, after: StepId): void => {
      steps.push({ step: before, data }, { step: after, data });
    };
    if (roles.includes('HubTransport') || roles.includes('Edge')) both('health-baseline-transport', 'health-after-transport');
    if (roles.includes('Edge')) both('health-baseline-edge', 'health-after-edge');
    if (roles.includes('Mailbox')) both('health-baseline-mailbox', 'health-after-mailbox');
    if (server.cluster) {
      const schedule = clusterSchedule(server, target);
      const nodes = clusterNodeNames(server);
      const activeBefore = schedule?.active ?? nodes[0] ?? server.name;
      if (server.cluster.type === 'scc') {
        const after = schedule ? ownerAfterWindow(schedule) : { owner: activeBefore, movedBack: false };
        const owners = { activeBefore, activeNode: after.owner, movedBack: after.movedBack ? 'yes' : '' };
        steps.push({ step: 'health-baseline-scc', data: { ...data, ...owners } }, { step: 'health-after-scc', data: { ...data, ...owners } });
      } else {
        for (const node of nodes) {
          // Test-ReplicationHealth came with SP1: before the window an RTM node has only the other two checks.
          const rtmBefore = machineLevelOf(current.machines, current, node).servicePack === 'RTM' ? 'yes' : '';
          steps.push({ step: 'health-baseline-ccr', instance: node, data: { ...data, node, passiveNode: node === activeBefore ? '' : 'yes', rtmBefore } });
          steps.push({ step: 'health-after-ccr', instance: node, data: { ...data, node, ...nodeAfterWindow(schedule, node) } });
        }
      }
    }
    if (roles.includes('UnifiedMessaging')) both('health-baseline-unified-messaging', 'health-after-unified-messaging');
    if (roles.includes('ClientAccess')) both('health-baseline-client-access', 'health-after-client-access');
    for (const machine of machines) {
      steps.push({ step: 'pause-file-level-antivirus', instance: machine, data: { ...data, machine } });
      steps.push({ step: 'resume-file-level-antivirus', instance: machine, data: { ...data, machine } });
      steps.push({ step: 'review-setup-logs', instance: machine, data: { ...data, machine } });
    }
    return { status: 'pass', steps };
  },
});
