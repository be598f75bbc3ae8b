import { defineRule } from '../define-rule.js';

type StepId = 'confirm-installing-account' | 'confirm-installing-account-edge';

/**
 * Planning (permissions) + how-to step 2: the installing account is a local Administrator, can read the
 * Exchange objects in Active Directory and holds server-level rights (Exchange Server Administrator for
 * the server), because setup detects the installed roles through them; without them OWA may not be
 * updated. The inventory cannot show the account, so the rule puts a check into every runbook that
 * installs something. An Edge server is outside the domain: local Administrators is what counts there.
 */
export default defineRule({
  meta: {
    id: 'installing-account-rights',
    title: { en: 'The installing account has the required rights', ja: 'インストールに使うアカウントに必要な権限がある' },
    failureTitle: { en: 'The installing account lacks the required rights', ja: 'インストールに使うアカウントに必要な権限がない' },
    severity: 'warning',
    seedSections: ['plan-permissions', 'how-steps'],
    references: [
      { title: 'How to Install Update Rollups in a CCR Environment (full backup before and after; Exchange Server Administrator and local Administrators)', url: 'http://technet.microsoft.com/en-us/library/bb885047.aspx' },
    ],
    requiredFacts: [],
    messages: {},
    steps: {
      'confirm-installing-account': { phase: 'prepare', order: 100 },
      'confirm-installing-account-edge': { phase: 'prepare', order: 100 },
    },
  },
  check({ server, target }) {
    if (target.upToDate) return { status: 'not-applicable', reason: 'up-to-date' };
    const data = { server: server.name, machines: server.machines.map((m) => m.name).join(', ') };
    const step: StepId = server.roles.includes('Edge') ? 'confirm-installing-account-edge' : 'confirm-installing-account';
    return { status: 'pass', steps: [{ step, data }] };
  },
});
