import { defineRule, type Finding, type StepRef } from '../define-rule.js';

type MessageId = 'urlAssumed';
type StepId = 'log-on-to-owa' | 'log-on-to-owa-externally';

/**
 * How-steps 7: after the update, log on to Outlook Web Access and confirm it works — at the internal
 * URL of each OWA virtual directory, and at the external URL where one is published (Internet-facing
 * CAS). Without a Get-OwaVirtualDirectory record the check uses https://<FQDN>/owa and says so.
 */
export default defineRule({
  meta: {
    id: 'owa-logon-verified',
    title: { en: 'OWA logon is verified after the update', ja: '更新後に OWA へのログオンを確認する' },
    failureTitle: { en: 'OWA logon must be verified after the update', ja: '更新後に OWA へのログオンを確認する必要がある' },
    severity: 'info',
    seedSections: ['how-steps'],
    references: [
      { title: 'Troubleshooting Update Rollup Installations (Exchange 2007)', url: 'https://learn.microsoft.com/previous-versions/office/exchange-server-2007/ff772434(v=exchg.80)' },
    ],
    requiredFacts: [],
    messages: {
      urlAssumed: {
        en: 'No OWA virtual directory of {server} is in the inventory: the logon check uses {url}. Add the Get-OwaVirtualDirectory export to use the configured URLs.',
        ja: '{server} の OWA 仮想ディレクトリがインベントリにないため、ログオンの確認には {url} を使います。構成済みの URL を使うには Get-OwaVirtualDirectory のエクスポートを追加してください。',
      },
    },
    steps: {
      'log-on-to-owa': { phase: 'verify', order: 300 },
      'log-on-to-owa-externally': { phase: 'verify', order: 305 },
    },
  },
  check({ server, target }) {
    if (!server.roles.includes('ClientAccess')) return { status: 'not-applicable', reason: 'not-client-access' };
    if (target.upToDate) return { status: 'not-applicable', reason: 'up-to-date' };
    const machine = server.machines[0]?.name ?? server.name;
    const findings: Finding<MessageId>[] = [];
    const steps: StepRef<StepId>[] = [];
    const owa = server.owaVirtualDirectories.filter((v) => /^owa\b/i.test(v.name));
    if (owa.length === 0) {
      const url = `https://${server.fqdn ?? server.name}/owa`;
      findings.push({ messageId: 'urlAssumed', data: { server: server.name, url } });
      steps.push({ step: 'log-on-to-owa', data: { machine, url } });
    }
    for (const vdir of owa) {
      const internal = vdir.internalUrl || `https://${server.fqdn ?? server.name}/owa`;
      steps.push({ step: 'log-on-to-owa', instance: vdir.name, data: { machine, url: internal } });
      if (vdir.externalUrl !== '') steps.push({ step: 'log-on-to-owa-externally', instance: vdir.name, data: { machine, url: vdir.externalUrl } });
    }
    return { status: 'pass', ...(findings.length > 0 ? { findings } : {}), steps };
  },
});
