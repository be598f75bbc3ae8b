import type { Diagnostic } from '../ingest/diagnostic.js';
import type { InputFile } from '../ingest/read-inventory.js';
import type { CurrentLevel } from '../normalize/computed/current-level.js';
import type { TargetLevel } from '../normalize/computed/target-level.js';
import { compareText } from '../compare-text.js';
import type { ServerFacts } from '../normalize/server-facts.js';
import { PHASES, type Severity } from '../rules/define-rule.js';
import type { ResolvedFinding, ResolvedStep, RuleResult, ServerEvaluation } from '../rules/run-rules.js';
import { assignWaves, type Wave } from './assign-waves.js';
import { isInternetFacingCas } from '../normalize/computed/wave-reason.js';
import type { Schedule } from './schedule-windows.js';
import { estimateStep, windowMinutes, type PhaseMinutes, type StepDurationContext, type StepEstimate } from './step-durations.js';

/** A step as the operator sees it: numbered within its phase (P-1, W-3, V-2, R-1). */
export interface PlannedStep extends ResolvedStep {
  readonly number: string;
  /** How long the step is expected to take, and on what assumption (step-durations.ts). */
  readonly estimate: StepEstimate;
}

const PHASE_PREFIX = { prepare: 'P', window: 'W', verify: 'V', rollback: 'R' } as const;

export interface ServerPlan {
  readonly facts: ServerFacts;
  readonly current: CurrentLevel;
  readonly target: TargetLevel;
  readonly internetFacingCas: boolean;
  /** true: every machine reached the CRL; false: one did not; null: not tested (treated as no Internet). */
  readonly internetAccess: boolean | null;
  readonly wave: number | null;
  /** This server's own maintenance window (config file), null when the run's window applies. */
  readonly window: string | null;
  /** Servers of earlier waves that must be finished first. */
  readonly predecessors: readonly string[];
  readonly findings: readonly ResolvedFinding[];
  readonly steps: readonly PlannedStep[];
  /** The steps' estimated minutes summed per phase. */
  readonly minutes: PhaseMinutes;
  readonly results: readonly RuleResult[];
}

export interface ExcludedServer {
  readonly name: string;
  readonly version: string;
  readonly reason: 'other-version';
}

/** A wave with the operator-minutes of window and verification work of its servers summed (plan.json, ticket). */
export interface PlannedWave extends Wave {
  readonly estimatedMinutes: number;
}

export interface Plan {
  readonly servers: readonly ServerPlan[];
  readonly excluded: readonly ExcludedServer[];
  readonly waves: readonly PlannedWave[];
  readonly inputs: readonly InputFile[];
  readonly diagnostics: readonly Diagnostic[];
  /** The maintenance windows' schedule, when the config gives windows as data (schedule-windows.ts). */
  readonly schedule?: Schedule | null;
}

const SEVERITY_ORDER: readonly Severity[] = ['blocker', 'warning', 'info'];

/** Pure: evaluations in, the plan out — waves, predecessors, findings blockers-first, steps in working order. */
export function assemblePlan(
  evaluations: readonly ServerEvaluation[],
  servers: readonly ServerFacts[],
  inputs: readonly InputFile[],
  diagnostics: readonly Diagnostic[],
  windows: ReadonlyMap<string, string> = new Map(),
): Plan {
  const needing = evaluations.filter((e) => !e.target.upToDate).map((e) => e.server);
  const waves = assignWaves(needing);
  const waveOf = new Map<string, number>();
  for (const wave of waves) for (const name of wave.servers) waveOf.set(name, wave.index);
  // One shared list per wave: built per server, the lists made the plan quadratic in the fleet size.
  const predecessorsOf = new Map<number, readonly string[]>(waves.map((wave) => [wave.index, waves.filter((w) => w.index < wave.index).flatMap((w) => w.servers)]));
  const plans = evaluations.map((e): ServerPlan => {
    const wave = waveOf.get(e.server.name) ?? null;
    const steps = numberSteps([...e.steps].sort(compareSteps), durationContext(e));
    return {
      facts: e.server,
      current: e.current,
      target: e.target,
      internetFacingCas: isInternetFacingCas(e.server),
      internetAccess: internetAccessOf(e.server),
      wave,
      window: windows.get(e.server.name) ?? null,
      predecessors: (wave === null ? undefined : predecessorsOf.get(wave)) ?? [],
      findings: [...e.findings].sort(compareFindings),
      steps,
      minutes: sumMinutes(steps),
      results: e.results,
    };
  });
  plans.sort((a, b) => (a.wave ?? Number.MAX_SAFE_INTEGER) - (b.wave ?? Number.MAX_SAFE_INTEGER) || compareText(a.facts.name, b.facts.name));
  const excluded = servers
    .filter((s) => s.excluded !== null)
    .map((s) => ({ name: s.name, version: s.excluded?.version ?? '', reason: 'other-version' as const }));
  const waveMinutes = new Map<number, number>();
  for (const p of plans) if (p.wave !== null) waveMinutes.set(p.wave, (waveMinutes.get(p.wave) ?? 0) + windowMinutes(p.minutes));
  const planned = waves.map((w) => ({ ...w, estimatedMinutes: waveMinutes.get(w.index) ?? 0 }));
  return { servers: plans, excluded, waves: planned, inputs: [...inputs].sort((a, b) => compareText(a.path, b.path)), diagnostics: sortDiagnostics(diagnostics) };
}

/** Errors first, then by file, line and code. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || compareText(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || compareText(a.code, b.code),
  );
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

function internetAccessOf(server: ServerFacts): boolean | null {
  const values = server.machines.map((m) => m.crlReachable?.value ?? null);
  if (values.some((v) => v === false)) return false;
  if (values.length > 0 && values.every((v) => v === true)) return true;
  return null;
}

function compareFindings(a: ResolvedFinding, b: ResolvedFinding): number {
  return SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || compareText(a.rule, b.rule) || compareText(a.messageId, b.messageId) || compareText(JSON.stringify(a.data), JSON.stringify(b.data));
}

function numberSteps(steps: readonly ResolvedStep[], duration: StepDurationContext): PlannedStep[] {
  const counters = { prepare: 0, window: 0, verify: 0, rollback: 0 };
  return steps.map((step) => {
    counters[step.phase] += 1;
    return { ...step, number: `${PHASE_PREFIX[step.phase]}-${counters[step.phase]}`, estimate: estimateStep(step.step, duration) };
  });
}

/**
 * What a step's duration depends on. Setup is fast on a machine that reaches the CRL or whose CRL
 * check the plan turns off first (crl-check-disabled-offline); a machine with neither makes it slow.
 */
function durationContext(evaluation: ServerEvaluation): StepDurationContext {
  const crlOff = new Set(evaluation.steps.filter((s) => s.step === 'turn-off-crl-check').map((s) => s.instance.toUpperCase()));
  return {
    roles: evaluation.server.roles,
    servicePack: evaluation.target.servicePackChange,
    crlFast: evaluation.server.machines.every((m) => m.crlReachable?.value === true || crlOff.has(m.name.toUpperCase())),
    clustered: evaluation.server.cluster !== null,
  };
}

function sumMinutes(steps: readonly PlannedStep[]): PhaseMinutes {
  const minutes = { prepare: 0, window: 0, verify: 0, rollback: 0 };
  for (const step of steps) minutes[step.phase] += step.estimate.minutes;
  return minutes;
}

function compareSteps(a: ResolvedStep, b: ResolvedStep): number {
  return PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase) || a.order - b.order || compareText(a.instance, b.instance) || compareText(a.step, b.step);
}
