import type { BuildCatalog } from '../knowledge/build-catalog.js';
import { computeCurrentLevel, type CurrentLevel } from '../normalize/computed/current-level.js';
import { computeTargetLevel, type TargetLevel } from '../normalize/computed/target-level.js';
import type { ServerFacts } from '../normalize/server-facts.js';
import type { FactKey, FindingData, FleetContext, Phase, Rule, RuleContext, RuleOptions, Severity } from './define-rule.js';

export interface ResolvedFinding {
  readonly rule: string;
  readonly messageId: string;
  readonly severity: Severity;
  readonly kb: string | null;
  readonly data: FindingData;
}

export interface ResolvedStep {
  readonly rule: string;
  readonly step: string;
  readonly instance: string;
  readonly phase: Phase;
  readonly order: number;
  readonly data: FindingData;
}

export type RuleStatus = 'pass' | 'fail' | 'not-applicable' | 'data-gap' | 'error';

export interface RuleResult {
  readonly rule: string;
  readonly status: RuleStatus;
  /** For not-applicable: the rule's reason; for data-gap: the missing facts; for error: the message. */
  readonly detail: string;
}

export interface ServerEvaluation {
  readonly server: ServerFacts;
  readonly current: CurrentLevel;
  readonly target: TargetLevel;
  readonly results: readonly RuleResult[];
  readonly findings: readonly ResolvedFinding[];
  readonly steps: readonly ResolvedStep[];
}

/** Runner-made findings: not any rule's own message, so they live under this pseudo-rule id. */
export const RUNNER_RULE_ID = 'runner';

/**
 * Runs every rule on every Exchange 2007 server (Lighthouse's runner): checks required facts first,
 * turns a rule's crash into an error result for that rule on that server, and goes on.
 */
export function runRules(
  servers: readonly ServerFacts[],
  rules: readonly Rule[],
  catalog: BuildCatalog,
  options: RuleOptions,
): ServerEvaluation[] {
  const included = servers.filter((s) => s.excluded === null);
  const levels = new Map<string, { current: CurrentLevel; target: TargetLevel }>();
  for (const server of included) {
    const current = computeCurrentLevel(server, catalog);
    levels.set(server.name, { current, target: computeTargetLevel(current, options.targetOverrides?.get(server.name) ?? options.target, catalog) });
  }
  const fleet: FleetContext = { servers, levels };
  return included.map((server) => {
    const level = levels.get(server.name);
    if (!level) throw new Error(`no level for ${server.name}`);
    const context: RuleContext = { server, ...level, fleet, catalog, options };
    const results: RuleResult[] = [];
    const findings: ResolvedFinding[] = [];
    const steps: ResolvedStep[] = [];
    for (const rule of rules) {
      const missing = rule.meta.requiredFacts.filter((fact) => !hasFact(fact, context));
      if (missing.length > 0) {
        results.push({ rule: rule.meta.id, status: 'data-gap', detail: missing.join(', ') });
        findings.push({ rule: RUNNER_RULE_ID, messageId: 'dataGap', severity: 'warning', kb: null, data: { rule: rule.meta.id, facts: missing.join(', ') } });
        continue;
      }
      let outcome;
      try {
        outcome = rule.check(context);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        results.push({ rule: rule.meta.id, status: 'error', detail: message });
        findings.push({ rule: RUNNER_RULE_ID, messageId: 'ruleError', severity: 'blocker', kb: null, data: { rule: rule.meta.id, error: message } });
        continue;
      }
      if (outcome.status === 'not-applicable') {
        results.push({ rule: rule.meta.id, status: 'not-applicable', detail: outcome.reason });
        continue;
      }
      results.push({ rule: rule.meta.id, status: outcome.status, detail: '' });
      for (const f of outcome.findings ?? []) {
        findings.push({ rule: rule.meta.id, messageId: f.messageId, severity: f.severity ?? rule.meta.severity, kb: f.kb ?? null, data: f.data ?? {} });
      }
      for (const s of outcome.steps ?? []) {
        const meta = rule.meta.steps[s.step];
        if (!meta) throw new Error(`rule ${rule.meta.id} emitted undeclared step ${s.step}`);
        steps.push({ rule: rule.meta.id, step: s.step, instance: s.instance ?? '', phase: meta.phase, order: s.order ?? meta.order, data: s.data ?? {} });
      }
    }
    return { server, ...level, results, findings, steps };
  });
}

function hasFact(fact: FactKey, context: RuleContext): boolean {
  switch (fact) {
    case 'build-evidence':
      return context.current.evidence !== 'none';
    case 'installed-patches':
      return context.server.machines.every((m) => m.patches !== null);
    case 'operating-system':
      return context.server.machines.every((m) => m.os !== null);
    case 'dotnet':
      return context.server.machines.every((m) => m.dotNet !== undefined && m.dotNet !== null);
  }
}
