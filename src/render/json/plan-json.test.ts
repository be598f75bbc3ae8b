import { describe, expect, it } from 'vitest';
import { loadBuildCatalog } from '../../knowledge/load-build-catalog.js';
import { planInventory } from '../../cli/plan-inventory.js';
import { RULES } from '../../rules/index.js';
import type { Plan } from '../../plan/assemble-plan.js';
import { loadRunStepTexts } from '../html/render-html.js';
import type { RenderContext } from '../render-context.js';
import { renderPlanJson } from './plan-json.js';

const catalog = loadBuildCatalog();
const context: RenderContext = {
  lang: 'en',
  rules: new Map(RULES.map((r) => [r.meta.id, r])),
  tool: { name: 'exrunbook', version: '0.0.0' },
  catalogSha256: catalog.sha256,
  generatedOn: '2026-11-25',
  ticket: '',
  window: '',
};
const stepTexts = loadRunStepTexts('en');
const policy = { kind: 'latest' } as const;

describe('renderPlanJson', () => {
  const sample = planInventory('fixtures/sample-fleet', catalog, { target: policy, interimUpdateFixes: new Map() });
  const empty: Plan = { servers: [], excluded: [], waves: [], inputs: [], diagnostics: [] };

  it.each([
    { name: 'the sample fleet', plan: sample },
    { name: 'a plan without servers', plan: empty },
  ])('writes $name in pieces that join to exactly JSON.stringify(plan, null, 2)', ({ plan }) => {
    const pieces = [...renderPlanJson(context, plan, policy, stepTexts)];
    const text = pieces.join('');
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    // One piece per server (plus the parts around them): never the whole plan as one string.
    expect(pieces.length).toBe(plan.servers.length + 3);
  });
});
