import { defineRule } from '../define-rule.js';
import { servicePackAtLeast } from '../../knowledge/build-catalog.js';

type StepId = 'verify-backups-mailbox' | 'verify-backups';

/**
 * Backups + how-to step 3: before the update, a full backup of every Exchange database on the server
 * (Mailbox role, a clustered mailbox server included), a system state backup of every machine, and the
 * custom settings; restore-tested, with the job recorded. A service pack cannot be removed, so these
 * backups are the way back. The method follows the OS and the Exchange level (Microsoft's "Using Backup to
 * Back Up and Restore Exchange Data"): NTBackup on Windows Server 2003 (Exchange-aware, per storage group,
 * and `systemstate`); on Windows Server 2008 Windows Server Backup with the Exchange plug-in from SP2, and
 * before SP2 an Exchange-aware VSS application, since Windows Server Backup alone is not Exchange-aware.
 */
export default defineRule({
  meta: {
    id: 'backups-verified',
    title: { en: 'Current, restore-tested backups exist', ja: '復元を確認した最新のバックアップがある' },
    failureTitle: { en: 'Backups are not verified before the update', ja: '更新前のバックアップが確認されていない' },
    severity: 'warning',
    seedSections: ['backups', 'how-steps'],
    references: [
      { title: 'Using Backup to Back Up and Restore Exchange Data: NTBackup on Windows Server 2003, the SP2 plug-in for Windows Server Backup on 2008', url: 'https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/aa998870(v=exchg.80)' },
      { title: 'How to Install Update Rollups in a CCR Environment (full backup before and after; Exchange Server Administrator and local Administrators)', url: 'http://technet.microsoft.com/en-us/library/bb885047.aspx' },
    ],
    unverified: [
      {
        en: 'ESE event 224 as the Application-log sign that a full backup truncated a storage group\'s logs, and backing up a CCR passive copy only with a VSS application (NTBackup streams the active copy), are stated from Exchange administration practice, not from a retrieved Microsoft page.',
        ja: '完全バックアップによりストレージ グループのログが切り捨てられたことを示すアプリケーション ログの ESE イベント 224、および CCR のパッシブ コピーは VSS アプリケーションでのみバックアップできること (NTBackup はアクティブ コピーをストリーム バックアップする) は、Exchange の運用上の知識に基づく記述で、マイクロソフトのページでは確認できていません。',
      },
    ],
    requiredFacts: [],
    messages: {},
    steps: {
      'verify-backups-mailbox': { phase: 'prepare', order: 300 },
      'verify-backups': { phase: 'prepare', order: 300 },
    },
  },
  check({ server, current, target }) {
    if (target.upToDate) return { status: 'not-applicable', reason: 'up-to-date' };
    const step: StepId = server.roles.includes('Mailbox') ? 'verify-backups-mailbox' : 'verify-backups';
    const families = new Set(server.machines.map((m) => m.os?.value.family ?? 'other'));
    const on2003 = families.has('2003');
    const on2008 = families.has('2008') || families.has('2008R2');
    // Windows Server Backup makes Exchange-aware backups only with the plug-in that Exchange 2007 SP2 added.
    const wsbPlugin = servicePackAtLeast(current.servicePack, 'SP2');
    const data = {
      server: server.name,
      machines: server.machines.map((m) => m.name).join(', '),
      ntbackup: on2003 ? 'yes' : '',
      wsb: on2008 && wsbPlugin ? 'yes' : '',
      noExchangeAwareWsb: on2008 && !wsbPlugin ? 'yes' : '',
      osUnknown: !on2003 && !on2008 ? 'yes' : '',
      ccr: server.cluster?.type === 'ccr' ? 'yes' : '',
      // OWA files and the RPC proxy key live on a Client Access server only.
      clientAccess: server.roles.includes('ClientAccess') ? 'yes' : '',
      servicePack: current.servicePack ?? '?',
    };
    return { status: 'pass', steps: [{ step, data }] };
  },
});
