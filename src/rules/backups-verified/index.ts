import { defineRule } from '../define-rule.js';

type StepId = 'verify-backups-mailbox' | 'verify-backups';

/**
 * Backups + how-to step 3: before the update, a full backup of every Exchange database on the server
 * (Mailbox role, a clustered mailbox server included), a system state backup of every machine, and the
 * custom settings; restore-tested, with the job recorded. A service pack cannot be removed, so these
 * backups are the way back.
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
    requiredFacts: [],
    messages: {},
    steps: {
      'verify-backups-mailbox': { phase: 'prepare', order: 300 },
      'verify-backups': { phase: 'prepare', order: 300 },
    },
  },
  check({ server, target }) {
    if (target.upToDate) return { status: 'not-applicable', reason: 'up-to-date' };
    const step: StepId = server.roles.includes('Mailbox') ? 'verify-backups-mailbox' : 'verify-backups';
    return { status: 'pass', steps: [{ step, data: { server: server.name, machines: server.machines.map((m) => m.name).join(', ') } }] };
  },
});
