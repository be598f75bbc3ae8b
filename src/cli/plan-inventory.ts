import type { Diagnostic } from '../ingest/diagnostic.js';
import type { RunConfig } from '../ingest/read-config.js';
import { readInventory } from '../ingest/read-inventory.js';
import type { BuildCatalog } from '../knowledge/build-catalog.js';
import { applyHostOverrides } from '../normalize/apply-host-overrides.js';
import { buildServerFacts } from '../normalize/build-server-facts.js';
import type { TargetPolicy } from '../normalize/computed/target-level.js';
import { assemblePlan, sortDiagnostics, type Plan } from '../plan/assemble-plan.js';
import { scheduleWindows } from '../plan/schedule-windows.js';
import type { RuleOptions } from '../rules/define-rule.js';
import { RULES } from '../rules/index.js';
import { runRules } from '../rules/run-rules.js';
import { parseTarget } from './parse-target.js';

/** ingest → normalize → rules → plan. Only the first stage touches the disk (reading). */
export function planInventory(inventoryDir: string, catalog: BuildCatalog, options: RuleOptions, config?: RunConfig): Plan {
  const inventory = readInventory(inventoryDir);
  const facts = buildServerFacts(inventory.recordSets, catalog);
  const overrides = applyHostOverrides(facts.servers, config?.hosts ?? [], config?.file ?? '');
  const targetOverrides = new Map<string, TargetPolicy>();
  for (const [server, target] of overrides.targets) {
    targetOverrides.set(server, parseTarget(target.value, catalog, { file: config?.file ?? '', line: target.line }));
  }
  const evaluations = runRules(overrides.servers, RULES, catalog, { ...options, targetOverrides });
  const all: Diagnostic[] = [...inventory.diagnostics, ...facts.diagnostics, ...overrides.diagnostics];
  const plan = assemblePlan(evaluations, overrides.servers, inventory.files, all, overrides.windows);
  if (!config?.windows || config.windows.length === 0) return plan;
  const servers = plan.servers.map((s) => ({ name: s.facts.name, wave: s.wave, minutes: s.minutes, blockers: s.findings.filter((f) => f.severity === 'blocker').length, windowOverride: s.window }));
  const { schedule, diagnostics } = scheduleWindows(config.windows, plan.waves, servers, config.operators?.value ?? 1, config.file);
  return { ...plan, schedule, diagnostics: sortDiagnostics([...plan.diagnostics, ...diagnostics]) };
}
