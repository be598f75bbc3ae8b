import { formatMinutes } from '../../i18n/format-duration.js';
import { servicesForRoles } from '../../knowledge/service-lists.js';
import type { Plan } from '../../plan/assemble-plan.js';
import { findingMessage, t, type RenderContext } from '../render-context.js';
import { windowWaves } from '../html/timeline-view.js';
import { serverRow } from '../html/view-model.js';
import { escapeMarkdown as md } from './escape-markdown.js';

/** Servers named in a line of the ticket before the rest are counted: a ticket is pasted, not printed whole. */
const MAX_NAMED = 12;

/**
 * ticket.md (issue 15): the change in a form short enough to paste into a change ticket and complete
 * enough to approve: scope, risk and impact per wave, schedule, prerequisites and blockers, backout,
 * verification. Our own words are Markdown; every inventory string goes through {@link md}, so nothing
 * from the inventory is read as Markdown or markup when the ticket system (or ticket.html) renders it.
 */
export function renderTicketMarkdown(context: RenderContext, plan: Plan): string {
  const out: string[] = [];
  const line = (text = ''): void => {
    out.push(text);
  };
  const needing = plan.servers.filter((s) => s.wave !== null);
  line(`# ${t(context, 'ticket.title', { ticket: md(context.ticket || '—') })}`);
  line();
  line(t(context, 'ticket.summary', { servers: plan.servers.length, needing: needing.length, waves: plan.waves.length }));
  line();

  line(`## ${t(context, 'ticket.scope')}`);
  line();
  line(`| ${[t(context, 'column.server'), t(context, 'column.roles'), t(context, 'column.current'), t(context, 'column.target'), t(context, 'column.wave')].join(' | ')} |`);
  line('|---|---|---|---|---|');
  for (const server of plan.servers) {
    const row = serverRow(context, plan, server);
    // Roles, levels and waves are the tool's own words; only the name comes from the inventory as written.
    line(`| ${[md(row.name), row.roles, row.current, row.target, row.wave].join(' | ')} |`);
  }
  line();

  line(`## ${t(context, 'ticket.impact')}`);
  line();
  for (const wave of plan.waves) {
    const servers = needing.filter((s) => s.wave === wave.index);
    line(`### ${t(context, 'wave.label', { index: wave.index })}: ${names(servers.map((s) => s.facts.name))}`);
    line();
    const roles = [...new Set(servers.flatMap((s) => s.facts.roles))];
    const services = servicesForRoles(roles);
    line(`- ${t(context, 'ticket.servicesStopped', { services: [...services.exchange, ...services.iis].join(', ') || '—' })}`);
    for (const role of roles) line(`- ${t(context, `ticket.usersAffected.${role}`)}`);
    if (servers.some((s) => s.facts.cluster)) line(`- ${t(context, 'ticket.usersAffected.cluster')}`);
    line(`- ${t(context, 'ticket.waveEstimate', { duration: formatMinutes(wave.estimatedMinutes, context.lang) })}`);
    line();
  }

  line(`## ${t(context, 'ticket.schedule')}`);
  line();
  const schedule = plan.schedule;
  if (schedule && schedule.windows.length > 0) {
    line(`| ${[t(context, 'column.window'), t(context, 'ticket.windowStart'), t(context, 'ticket.windowEnd'), t(context, 'column.wave'), t(context, 'column.server'), t(context, 'ticket.estimatedEnd')].join(' | ')} |`);
    line('|---|---|---|---|---|---|');
    for (const w of schedule.windows) {
      const fit = w.overrunMinutes > 0 ? t(context, 'timeline.overrun', { overrun: formatMinutes(w.overrunMinutes, context.lang) }) : t(context, 'ticket.fits');
      const local = (time: string): string => time.replace('T', ' ');
      line(`| ${[String(w.index), local(w.start), local(w.end), windowWaves(w), names(w.servers.map((s) => s.name)), `${local(w.estimatedEnd)} (${fit})`].join(' | ')} |`);
    }
    line();
    if (schedule.unscheduled.length > 0) line(`- ${t(context, 'timeline.unscheduled')}: ${names(schedule.unscheduled.map((u) => u.name))}`);
    line(t(context, 'ticket.scheduleNote', { operators: schedule.operators }));
  } else {
    line(t(context, 'ticket.noSchedule', { window: md(context.window || '—') }));
  }
  line();

  line(`## ${t(context, 'ticket.prerequisites')}`);
  line();
  const blockers = plan.servers.flatMap((s) => s.findings.filter((f) => f.severity === 'blocker').map((f) => ({ server: s.facts.name, message: findingMessage(context, f, md) })));
  if (blockers.length === 0) line(`- ${t(context, 'fleet.noBlockers')}`);
  for (const b of blockers.slice(0, MAX_NAMED)) line(`- **${md(b.server)}**: ${b.message}`);
  if (blockers.length > MAX_NAMED) line(`- ${t(context, 'ticket.moreBlockers', { count: blockers.length - MAX_NAMED })}`);
  line(`- ${t(context, 'ticket.prerequisitesNote')}`);
  line();

  line(`## ${t(context, 'ticket.backout')}`);
  line();
  line(`- ${t(context, 'ticket.backoutRollup')}`);
  const spServers = needing.filter((s) => s.target.servicePackChange).map((s) => s.facts.name);
  if (spServers.length > 0) line(`- ${t(context, 'ticket.backoutServicePack', { servers: names(spServers) })}`);
  line(`- ${t(context, 'ticket.backoutWaves')}`);
  line();

  line(`## ${t(context, 'ticket.verification')}`);
  line();
  line(`- ${t(context, 'ticket.verificationSteps')}`);
  line(`- ${t(context, 'ticket.verificationCommand')}`);
  line();
  line(`_${t(context, 'ticket.generated', { date: context.generatedOn, tool: context.tool.name, version: context.tool.version })}_`);
  return `${out.join('\n')}\n`;
}

/** Up to {@link MAX_NAMED} server names, escaped, then how many more. */
function names(list: readonly string[]): string {
  if (list.length === 0) return '—';
  const shown = list.slice(0, MAX_NAMED).map(md).join(', ');
  return list.length > MAX_NAMED ? `${shown} (+${list.length - MAX_NAMED})` : shown;
}

