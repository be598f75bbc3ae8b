import type { Plan } from '../../plan/assemble-plan.js';
import { buildText } from '../../rules/describe-level.js';
import { diagnosticMessage, findingMessage, t, type RenderContext } from '../render-context.js';
import type { StepText } from '../html/step-texts.js';
import { osLabel } from '../html/view-model.js';
import type { TargetPolicy } from '../../normalize/computed/target-level.js';
import { DURATION_ASSUMPTIONS, windowMinutes } from '../../plan/step-durations.js';
import { machineBaseline } from '../../plan/machine-baseline.js';

/** plan.json schema version: fields may be added, never renamed (BRIEF §6). */
export const PLAN_SCHEMA_VERSION = 1;

/**
 * The machine-readable plan for change tickets. Keys in a fixed order, arrays already sorted by the plan.
 * The text is `JSON.stringify(plan, null, 2)` byte for byte, produced one server at a time: a large
 * fleet's plan is hundreds of MB, and one string that size costs that much memory again, or exceeds
 * the longest string V8 can make.
 */
export function* renderPlanJson(context: RenderContext, plan: Plan, policy: TargetPolicy, stepTexts: ReadonlyMap<string, StepText>): Generator<string> {
  const head = {
    schemaVersion: PLAN_SCHEMA_VERSION,
    tool: { name: context.tool.name, version: context.tool.version },
    catalog: { sha256: context.catalogSha256 },
    lang: context.lang,
    targetPolicy: policy.kind === 'level' ? buildText(policy.level.build) : policy.kind,
    inputs: plan.inputs.map((f) => ({ path: f.path, sha256: f.sha256, kind: f.kind, format: f.format, records: f.records })),
    waves: plan.waves.map((w) => ({
      index: w.index,
      servers: w.servers,
      reasonId: w.reason,
      reason: t(context, `wave.reason.${w.reason}`),
      // Operator-minutes of window and verification work summed over the wave's servers; `schedule` has the clock times.
      estimatedMinutes: w.estimatedMinutes,
    })),
  };
  yield `{\n${members(head)},\n  "servers": `;
  if (plan.servers.length === 0) yield '[]';
  for (const [i, s] of plan.servers.entries()) {
    const server = {
      name: s.facts.name,
      fqdn: s.facts.fqdn,
      roles: s.facts.roles,
      site: s.facts.site,
      os: osLabel(s) === '—' ? null : osLabel(s),
      internetAccess: s.internetAccess,
      internetFacingCas: s.internetFacingCas,
      cluster: s.facts.cluster ? { type: s.facts.cluster.type, nodes: s.facts.cluster.nodes.map((n) => ({ name: n.name, active: n.active })) } : null,
      current: {
        build: s.current.build ? buildText(s.current.build) : null,
        servicePack: s.current.servicePack,
        rollup: s.current.rollup,
        evidence: s.current.evidence,
        sources: s.current.from.map((f) => `${f.file}:${f.line}`),
        machines: s.current.machines.map((m) => ({ name: m.machine, build: m.build ? buildText(m.build) : null, evidence: m.evidence })),
      },
      target: {
        build: buildText(s.target.level.build),
        servicePack: s.target.level.servicePack,
        rollup: s.target.level.rollup,
        kb: s.target.level.kb,
        upToDate: s.target.upToDate,
      },
      // What `exrunbook verify` compares the after-window inventory with (RpcProxy export, .NET, OWA customisations).
      baseline: { machines: s.facts.machines.map(machineBaseline) },
      wave: s.wave,
      predecessors: s.predecessors,
      estimatedMinutes: { ...s.minutes, windowTotal: windowMinutes(s.minutes) },
      findings: s.findings.map((f) => ({ rule: f.rule, messageId: f.messageId, severity: f.severity, message: findingMessage(context, f), ...(f.kb ? { kb: f.kb } : {}) })),
      steps: s.steps.map((step) => {
        const text = stepTexts.get(step.step);
        if (!text) throw new Error(`no ${context.lang} text for step ${step.step}`);
        return {
          id: step.instance ? `${step.step}@${step.instance}` : step.step,
          number: step.number,
          phase: step.phase,
          rule: step.rule,
          title: text.title(step.data),
          estimate: step.estimate,
        };
      }),
    };
    yield `${i === 0 ? '[\n' : ',\n'}${serversElement(server)}`;
  }
  if (plan.servers.length > 0) yield '\n  ]';
  const tail = {
    // null when the config gives no maintenance windows as data.
    schedule: plan.schedule ?? null,
    durationAssumptions: Object.entries(DURATION_ASSUMPTIONS).map(([id, a]) => ({ id, basis: a.basis, text: a.text[context.lang] })),
    excluded: plan.excluded,
    diagnostics: plan.diagnostics.map((d) => ({ severity: d.severity, code: d.code, file: d.file, ...(d.line !== undefined ? { line: d.line } : {}), ...diagnosticMessage(context, d) })),
  };
  yield `,\n${members(tail)}\n}\n`;
}

const SERVERS_OPEN = '{\n  "servers": [\n';
const SERVERS_CLOSE = '\n  ]\n}';

/** An element of the top-level "servers" array, indented as JSON.stringify(plan, null, 2) indents it. */
function serversElement(server: object): string {
  return JSON.stringify({ servers: [server] }, null, 2).slice(SERVERS_OPEN.length, -SERVERS_CLOSE.length);
}

/** The members of a non-empty object as JSON.stringify(…, null, 2) writes them at the top level, without the braces. */
function members(object: object): string {
  return JSON.stringify(object, null, 2).slice(2, -2);
}
