import type { Plan, ServerPlan } from '../../plan/assemble-plan.js';
import { PHASES } from '../../rules/define-rule.js';
import { describeLevel, buildText } from '../../rules/describe-level.js';
import { SEED_SECTIONS, type SeedSectionId } from '../../rules/seed-sections.js';
import { runbookPath } from '../file-names.js';
import { diagnosticMessage, findingMessage, t, type RenderContext } from '../render-context.js';
import type { StepText } from './step-texts.js';
import { nameList } from '../../i18n/name-list.js';
import { compareText } from '../../compare-text.js';
import { formatMinutes } from '../../i18n/format-duration.js';
import { buildTimelineView } from './timeline-view.js';
import type { ScheduledServer, ScheduledWindow } from '../../plan/schedule-windows.js';
import { DURATION_ASSUMPTIONS, windowMinutes, type DurationAssumptionId } from '../../plan/step-durations.js';

/**
 * Everything the templates show, precomputed: templates only print and loop, they decide nothing.
 */

export function osLabel(server: ServerPlan): string {
  const labels = [...new Set(server.facts.machines.map((m) => (m.os ? [m.os.value.caption, m.os.value.servicePack].filter(Boolean).join(' ') : '')).filter(Boolean))];
  return labels.join(' / ') || '—';
}

function levelLabel(level: Parameters<typeof describeLevel>[0] & { build: Parameters<typeof buildText>[0] }): string {
  return `${describeLevel(level)} (${buildText(level.build)})`;
}

export function serverRow(context: RenderContext, plan: Plan, server: ServerPlan) {
  return {
    name: server.facts.name,
    href: `${runbookPath(plan, server.facts.name)}.html`,
    roles: server.facts.roles.join(', ') || '—',
    site: server.facts.site ?? '—',
    os: osLabel(server),
    current: levelLabel(server.current),
    target: server.target.upToDate ? t(context, 'fleet.upToDate') : levelLabel({ ...server.target.level }),
    evidence: t(context, `evidence.${server.current.evidence}`),
    wave: server.wave === null ? t(context, 'wave.none') : String(server.wave),
    internet: t(context, `internet.${String(server.internetAccess) as 'true' | 'false' | 'null'}`),
    blockers: server.findings.filter((f) => f.severity === 'blocker').length,
  };
}

/** Which tool, version, date and build catalogue made a page. */
function provenance(context: RenderContext): string {
  return t(context, 'fleet.provenance', { tool: context.tool.name, version: context.tool.version, date: context.generatedOn, catalog: context.catalogSha256.slice(0, 16) });
}

/** Files and records per kind of export, by kind ('—', files of no known kind, last). */
function inputKinds(plan: Plan): { kind: string; files: number; records: number }[] {
  const byKind = new Map<string, { kind: string; files: number; records: number }>();
  for (const input of plan.inputs) {
    const kind = input.kind ?? '—';
    const row = byKind.get(kind) ?? { kind, files: 0, records: 0 };
    row.files++;
    row.records += input.records;
    byKind.set(kind, row);
  }
  return [...byKind.values()].sort((a, b) => Number(a.kind === '—') - Number(b.kind === '—') || compareText(a.kind, b.kind));
}

/**
 * The fleet-level rollback policy: go/no-go points, what a failure in a window means, and what happens to
 * the later waves when a wave fails — stated per plan (waves, whether AD is prepared for a service pack).
 */
function rollbackPolicy(context: RenderContext, plan: Plan): string[] {
  const items = [t(context, 'fleet.policy.go'), t(context, 'fleet.policy.window')];
  if (plan.waves.length > 1) {
    for (const wave of plan.waves.slice(0, -1)) items.push(t(context, 'fleet.policy.waves', { current: wave.index, next: wave.index + 1 }));
  } else if (plan.waves.length === 1) {
    items.push(t(context, 'fleet.policy.singleWave'));
  }
  if (plan.servers.some((s) => s.steps.some((step) => step.step === 'ad-prepare-schema' || step.step === 'ad-prepare-ad'))) items.push(t(context, 'fleet.policy.ad'));
  items.push(t(context, 'fleet.policy.record'));
  return items;
}

export function buildFleetView(context: RenderContext, plan: Plan) {
  const needing = plan.servers.filter((s) => !s.target.upToDate).length;
  const blockers = plan.servers.flatMap((s) =>
    s.findings.filter((f) => f.severity === 'blocker').map((f) => ({ server: s.facts.name, href: `${runbookPath(plan, s.facts.name)}.html`, message: findingMessage(context, f) })),
  );
  return {
    lang: context.lang,
    title: t(context, 'fleet.title'),
    summary: t(context, 'fleet.summary', { servers: plan.servers.length, needing, waves: plan.waves.length, blockers: blockers.length }),
    waves: plan.waves.map((w) => ({
      label: t(context, 'wave.label', { index: w.index }),
      reason: t(context, `wave.reason.${w.reason}`),
      servers: w.servers.map((name) => ({ name, href: `${runbookPath(plan, name)}.html` })),
    })),
    servers: plan.servers.map((s) => serverRow(context, plan, s)),
    blockers,
    excluded: plan.excluded.map((e) => ({ name: e.name, reason: t(context, `fleet.excludedReason.${e.reason}`, { version: e.version }) })),
    diagnostics: plan.diagnostics.map((d) => ({
      severityClass: d.severity,
      severity: t(context, `severity.${d.severity}`),
      file: d.file || '—',
      line: d.line ?? '',
      ...diagnosticMessage(context, d),
    })),
    policy: rollbackPolicy(context, plan),
    inputKinds: inputKinds(plan),
    schedule: plan.schedule ? scheduleView(context, plan) : null,
    inputsNote: t(context, 'fleet.inputsNote', { files: plan.inputs.length }),
    provenance: provenance(context),
  };
}

function scheduleView(context: RenderContext, plan: Plan) {
  const schedule = plan.schedule;
  if (!schedule) return null;
  const href = (name: string): string => `${runbookPath(plan, name)}.html`;
  return {
    timeline: buildTimelineView(context, schedule),
    legend: t(context, 'timeline.legend', { operators: schedule.operators }),
    rows: schedule.windows.flatMap((w) =>
      w.servers.map((s) => ({
        window: t(context, 'timeline.window', { window: w.index }),
        name: s.name,
        href: href(s.name),
        wave: String(s.wave),
        // The offset is the window's, printed in the timeline's lane title.
        start: s.start.slice(0, 16).replace('T', ' '),
        end: s.end.slice(0, 16).replace('T', ' '),
        duration: formatMinutes(s.minutes, context.lang),
        blockers: s.blockers === 0 ? '' : String(s.blockers),
      })),
    ),
    unscheduled: schedule.unscheduled.map((u) => ({ name: u.name, href: href(u.name), reason: t(context, `timeline.unscheduled.${u.reason}`, { wave: u.wave }) })),
  };
}

/** The screen-only page of every input file (inputs.html): it grows with the fleet, so it is not printed. */
export function buildInputsView(context: RenderContext, plan: Plan) {
  return {
    title: t(context, 'inputs.title'),
    summary: t(context, 'inputs.summary', { files: plan.inputs.length }),
    inputs: plan.inputs.map((f) => ({ path: f.path, kind: f.kind ?? '—', records: f.records, sha256: f.sha256 })),
    provenance: provenance(context),
  };
}

/**
 * "Finish first": the servers of every earlier wave (assemble-plan), said as such, so a runbook of
 * wave 3 reads "every server of waves 1–2: …", the list shortened past 12 names.
 */
function predecessorsText(context: RenderContext, server: ServerPlan): string {
  if (server.predecessors.length === 0 || server.wave === null || server.wave < 2) return t(context, 'runbook.noPredecessors');
  const servers = nameList(server.predecessors);
  return server.wave === 2 ? t(context, 'runbook.predecessorsOneWave', { last: 1, servers }) : t(context, 'runbook.predecessorsWaves', { first: 1, last: server.wave - 1, servers });
}

/** Each scheduled server's window and slot, found once per plan: a search per runbook made the fleet quadratic. */
const slotsOfPlan = new WeakMap<Plan, ReadonlyMap<string, { window: ScheduledWindow; slot: ScheduledServer }>>();

/** "Window 2: 2026-12-12 22:00–02:30 (UTC+09:00); this server ≈ 23:54–00:23" when the schedule places the server. */
function scheduledWindow(context: RenderContext, plan: Plan, name: string): string | null {
  let slots = slotsOfPlan.get(plan);
  if (!slots) {
    slots = new Map((plan.schedule?.windows ?? []).flatMap((window) => window.servers.map((slot) => [slot.name, { window, slot }] as const)));
    slotsOfPlan.set(plan, slots);
  }
  const found = slots.get(name);
  if (!found) return null;
  const { window, slot } = found;
  return t(context, 'runbook.scheduledWindow', {
    window: window.index,
    start: window.start.slice(0, 16).replace('T', ' '),
    end: window.end.slice(11, 16),
    offset: window.start.slice(16),
    from: slot.start.slice(11, 16),
    to: slot.end.slice(11, 16),
  });
}

/** The duration assumptions this runbook's steps rest on, in the catalogue's order. */
function usedAssumptions(server: ServerPlan): DurationAssumptionId[] {
  const used = new Set(server.steps.map((s) => s.estimate.assumption));
  return (Object.keys(DURATION_ASSUMPTIONS) as DurationAssumptionId[]).filter((id) => used.has(id));
}

/** The references and unverified statements of every rule that put a step or a finding into this runbook. */
function ruleSources(context: RenderContext, server: ServerPlan) {
  const ids = [...new Set([...server.steps.map((s) => s.rule), ...server.findings.map((f) => f.rule)])].sort(compareText);
  return ids.flatMap((id) => {
    const meta = context.rules.get(id)?.meta;
    if (!meta) return [];
    return [{ rule: id, references: meta.references, unverified: (meta.unverified ?? []).map((u) => u[context.lang]) }];
  });
}

export function buildServerView(context: RenderContext, plan: Plan, server: ServerPlan, stepTexts: ReadonlyMap<string, StepText>) {
  const numbered = server.steps.map((step) => {
    const text = stepTexts.get(step.step);
    if (!text) throw new Error(`no ${context.lang} text for step ${step.step}`);
    const rule = context.rules.get(step.rule);
    const seeds: readonly SeedSectionId[] = rule?.meta.seedSections ?? [];
    return {
      phase: step.phase,
      number: step.number,
      title: text.title(step.data),
      bodyHtml: text.bodyHtml(step.data),
      rule: step.rule,
      estimate: t(context, `duration.step.${step.estimate.basis}`, { duration: formatMinutes(step.estimate.minutes, context.lang) }),
      seeds: seeds.map((id) => (context.lang === 'ja' ? SEED_SECTIONS[id].heading : SEED_SECTIONS[id].en)).join(' / '),
    };
  });
  const cluster = server.facts.cluster;
  return {
    lang: context.lang,
    title: t(context, 'runbook.title', { server: server.facts.name }),
    row: serverRow(context, plan, server),
    fqdn: server.facts.fqdn ?? '—',
    cluster: cluster ? t(context, 'runbook.cluster', { type: cluster.type.toUpperCase(), nodes: cluster.nodes.map((n) => n.name).join(', ') }) : '',
    predecessors: predecessorsText(context, server),
    ticket: context.ticket,
    window: scheduledWindow(context, plan, server.facts.name) ?? server.window ?? context.window,
    findings: server.findings.map((f) => ({
      severityClass: f.severity,
      severity: t(context, `severity.${f.severity}`),
      message: findingMessage(context, f),
      rule: f.rule,
    })),
    phases: PHASES.map((phase) => ({
      phase,
      label: t(context, `phase.${phase}`),
      estimate: t(context, 'duration.phase', { duration: formatMinutes(server.minutes[phase], context.lang) }),
      steps: numbered.filter((s) => s.phase === phase),
    })).filter((p) => p.steps.length > 0),
    duration: numbered.length === 0 ? '' : t(context, 'duration.server', {
      window: formatMinutes(server.minutes.window, context.lang),
      verify: formatMinutes(server.minutes.verify, context.lang),
      total: formatMinutes(windowMinutes(server.minutes), context.lang),
      prepare: formatMinutes(server.minutes.prepare, context.lang),
    }),
    assumptions: usedAssumptions(server).map((id) => ({ basis: t(context, `duration.basis.${DURATION_ASSUMPTIONS[id].basis}`), text: DURATION_ASSUMPTIONS[id].text[context.lang] })),
    noSteps: numbered.length === 0,
    trace: numbered.map((s) => ({ number: s.number, title: s.title, rule: s.rule, seeds: s.seeds })),
    sources: ruleSources(context, server),
    generated: t(context, 'runbook.generated', { date: context.generatedOn, tool: context.tool.name, version: context.tool.version }),
    fleetHref: '../index.html',
    waveCount: plan.waves.length,
  };
}
