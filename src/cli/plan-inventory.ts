import type { Diagnostic } from '../ingest/diagnostic.js';
import { readInventory } from '../ingest/read-inventory.js';
import type { BuildCatalog } from '../knowledge/build-catalog.js';
import { buildServerFacts } from '../normalize/build-server-facts.js';
import { assemblePlan, type Plan } from '../plan/assemble-plan.js';
import type { RuleOptions } from '../rules/define-rule.js';
import { RULES } from '../rules/index.js';
import { runRules } from '../rules/run-rules.js';

/** ingest → normalize → rules → plan. Only the first stage touches the disk (reading). */
export function planInventory(inventoryDir: string, catalog: BuildCatalog, options: RuleOptions): Plan {
  const inventory = readInventory(inventoryDir);
  const { servers, diagnostics } = buildServerFacts(inventory.recordSets, catalog);
  const evaluations = runRules(servers, RULES, catalog, options);
  const all: Diagnostic[] = [...inventory.diagnostics, ...diagnostics];
  return assemblePlan(evaluations, servers, inventory.files, all);
}
