import { defineRule } from '../define-rule.js';
import { servicesForRoles } from '../../knowledge/service-lists.js';

type StepId = 'schedule-maintenance-window' | 'start-maintenance-window';

/**
 * Services stopping: setup stops the Exchange services of the server's roles and IIS, so the server
 * cannot serve users while it runs. Prepare: schedule and announce a window that names what stops.
 * Window: at its start, announce it and record the services' state as a baseline for verification.
 */
export default defineRule({
  meta: {
    id: 'maintenance-window-scheduled',
    title: { en: 'The update runs in a scheduled maintenance window', ja: '更新はスケジュールされた保守期間中に実施する' },
    failureTitle: { en: 'No maintenance window is scheduled for the update', ja: '更新の保守期間がスケジュールされていない' },
    severity: 'warning',
    seedSections: ['services', 'how-steps'],
    references: [
      { title: 'Test-ServiceHealth (Exchange PowerShell reference)', url: 'https://learn.microsoft.com/powershell/module/exchange/test-servicehealth' },
      { title: 'Troubleshooting Update Rollup Installations (Exchange 2007)', url: 'https://learn.microsoft.com/previous-versions/office/exchange-server-2007/ff772434(v=exchg.80)' },
    ],
    requiredFacts: [],
    messages: {},
    steps: {
      'schedule-maintenance-window': { phase: 'prepare', order: 110 },
      'start-maintenance-window': { phase: 'window', order: 100 },
    },
  },
  check({ server, target }) {
    if (target.upToDate) return { status: 'not-applicable', reason: 'up-to-date' };
    const list = servicesForRoles(server.roles);
    const data = {
      server: server.name,
      machines: server.machines.map((m) => m.name).join(', '),
      roles: server.roles.join(', ') || '—',
      services: [...list.exchange, ...list.iis].join(', ') || '—',
    };
    const steps = (['schedule-maintenance-window', 'start-maintenance-window'] as const satisfies readonly StepId[]).map((step) => ({ step, data }));
    return { status: 'pass', steps };
  },
});
