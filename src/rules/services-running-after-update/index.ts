import { defineRule, type StepRef } from '../define-rule.js';
import { servicesForRoles } from '../../knowledge/service-lists.js';
import { clusterSchedule, nodeAfterWindow } from '../cluster-schedule.js';

type StepId = 'verify-services-running' | 'verify-services-running-ccr';

/**
 * How-to steps 5–6 + services: after setup, every Exchange service of the server's roles (and IIS) runs.
 * Installs through Microsoft Update or in silent mode can leave services disabled: set them back to
 * Automatic and start them. On a passive node of a clustered mailbox server (CCR or SCC) MSExchangeIS and MSExchangeSA are stopped by design.
 * One step per machine that holds binaries (both nodes of a clustered mailbox server).
 */
export default defineRule({
  meta: {
    id: 'services-running-after-update',
    title: { en: 'All Exchange services run after the update', ja: '更新後にすべての Exchange サービスが実行されている' },
    failureTitle: { en: 'Exchange services are not running after the update', ja: '更新後に Exchange サービスが実行されていない' },
    severity: 'warning',
    seedSections: ['how-steps', 'services'],
    references: [
      { title: 'Test-ServiceHealth (Exchange PowerShell reference)', url: 'https://learn.microsoft.com/powershell/module/exchange/test-servicehealth' },
      { title: 'Troubleshooting Update Rollup Installations (Exchange 2007)', url: 'https://learn.microsoft.com/previous-versions/office/exchange-server-2007/ff772434(v=exchg.80)' },
      { title: 'Start-ClusteredMailboxServer (Exchange 2007 help): a stopped clustered mailbox server stays down until started with it', url: 'https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/bb124258(v=exchg.80)' },
    ],
    unverified: [
      {
        en: 'That Test-ServiceHealth on a passive node of a clustered mailbox server (CCR or SCC) reports at most MSExchangeIS and MSExchangeSA as not running: a public node-shutdown script reads those two stopped as "this node is passive".',
        ja: 'クラスタ化メールボックス サーバー (CCR または SCC) のパッシブ ノードで Test-ServiceHealth が実行されていないと報告するのは MSExchangeIS と MSExchangeSA だけであること: 公開されているノード シャットダウン用のスクリプトは、この 2 つの停止を「このノードはパッシブ」と解釈しています。',
      },
      {
        en: 'The service names listed per role come from community scripts and monitoring configurations, not from a Microsoft list; what Test-ServiceHealth reports on the server (recorded at the start of the window) is the reference.',
        ja: '役割ごとに示すサービス名はコミュニティのスクリプトや監視設定に基づくもので、マイクロソフトの一覧ではありません。基準は、サーバー上で Test-ServiceHealth が報告する内容 (保守期間の開始時に記録) です。',
      },
    ],
    requiredFacts: [],
    messages: {},
    steps: {
      'verify-services-running': { phase: 'verify', order: 200 },
      'verify-services-running-ccr': { phase: 'verify', order: 200 },
    },
  },
  check({ server, target }) {
    if (target.upToDate) return { status: 'not-applicable', reason: 'up-to-date' };
    const list = servicesForRoles(server.roles);
    const services = [...list.exchange, ...list.iis].join(', ') || '—';
    if (server.cluster) {
      // Per node (CCR and SCC alike): the node that owns the CMS runs every service; a passive node does
      // not run the Information Store and System Attendant (stopped by design there).
      const schedule = clusterSchedule(server, target);
      const steps: StepRef<StepId>[] = server.machines.map((m) => ({
        step: 'verify-services-running-ccr',
        instance: m.name,
        data: { machine: m.name, server: server.name, services, ...nodeAfterWindow(schedule, m.name) },
      }));
      return { status: 'pass', steps };
    }
    const steps: StepRef<StepId>[] = server.machines.map((m) => ({ step: 'verify-services-running', instance: m.name, data: { machine: m.name, server: server.name, services } }));
    return { status: 'pass', steps };
  },
});
