import { defineRule, type StepRef } from '../define-rule.js';
import { servicesForRoles } from '../../knowledge/service-lists.js';

type StepId = 'verify-services-running' | 'verify-services-running-ccr';

/**
 * How-to steps 5–6 + services: after setup, every Exchange service of the server's roles (and IIS) runs.
 * Installs through Microsoft Update or in silent mode can leave services disabled: set them back to
 * Automatic and start them. On a CCR passive node MSExchangeIS and MSExchangeSA are stopped by design.
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
    const step: StepId = server.cluster?.type === 'ccr' ? 'verify-services-running-ccr' : 'verify-services-running';
    const steps: StepRef<StepId>[] = server.machines.map((m) => ({ step, instance: m.name, data: { machine: m.name, server: server.name, services } }));
    return { status: 'pass', steps };
  },
});
