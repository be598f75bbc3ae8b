import { describe, expect, it } from 'vitest';
import { PHASES, type Rule, type RuleOptions } from '../../src/rules/define-rule.js';
import type { ResolvedStep } from '../../src/rules/run-rules.js';
import type { ServerFacts } from '../../src/normalize/server-facts.js';
import { defaultOptions, evaluate, renderSteps } from './facts.js';

/**
 * The shared rule tester (ESLint's RuleTester, for exrunbook rules): a table of cases, each a fleet, the
 * server to evaluate and what the rule must return — its status (pass / fail / not-applicable /
 * data-gap), its findings as `messageId:severity` and its steps as `step` or `step:instance`. After the
 * table, one more test fails when a message or step the rule declares is produced by no case, so a rule
 * cannot carry words that no test has ever seen it use. Every rule folder has one such table
 * (test/rule-tests.test.ts checks it).
 */
export interface RuleCase {
  readonly name: string;
  readonly fleet: readonly ServerFacts[];
  /** The server evaluated; the fleet's first by default. */
  readonly server?: string;
  readonly options?: RuleOptions;
  readonly status: 'pass' | 'fail' | 'not-applicable' | 'data-gap';
  /** `messageId:severity`, in the rule's order. */
  readonly messages?: readonly string[];
  /** Step ids (or `step:instance` when an entry holds a colon), in the rule's order (or the runbook's, with `stepOrder`). */
  readonly steps?: readonly string[];
  /** `runbook`: compare `steps` in the order the plan prints them (phase, order, instance, step) instead of the rule's. */
  readonly stepOrder?: 'rule' | 'runbook';
  /** Extra assertions on the evaluation (step data, say). */
  readonly also?: (evaluation: ReturnType<typeof evaluate>) => void | Promise<void>;
}

export type Evaluation = ReturnType<typeof evaluate>;

export function testRule(rule: Rule, cases: readonly RuleCase[]): void {
  const seenMessages = new Set<string>();
  const seenSteps = new Set<string>();
  describe(`${rule.meta.id} (rule tester)`, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const result = evaluate(rule, [...c.fleet], c.server ?? c.fleet[0]?.name ?? '', c.options ?? defaultOptions);
      for (const f of result.findings) seenMessages.add(f.messageId);
      for (const s of result.steps) seenSteps.add(s.step);
      expect(result.status).toBe(c.status);
      expect(result.findings.map((f) => `${f.messageId}:${f.severity}`)).toEqual(c.messages ?? (c.status === 'data-gap' ? ['dataGap:warning'] : []));
      const withInstance = (c.steps ?? []).some((s) => s.includes(':'));
      const steps = c.stepOrder === 'runbook' ? inRunbookOrder(result.steps) : result.steps;
      expect(steps.map((s) => (withInstance ? `${s.step}:${s.instance}` : s.step))).toEqual(c.steps ?? []);
      await c.also?.(result);
    });
    it('exercises every message and step the rule declares', () => {
      const unusedMessages = Object.keys(rule.meta.messages).filter((m) => !seenMessages.has(m));
      const unusedSteps = Object.keys(rule.meta.steps).filter((s) => !seenSteps.has(s));
      expect({ unusedMessages, unusedSteps }).toEqual({ unusedMessages: [], unusedSteps: [] });
    });
  });
}

/** The steps as the plan sorts them: phase, order, instance, step. */
export function inRunbookOrder(steps: readonly ResolvedStep[]): ResolvedStep[] {
  return [...steps].sort((a, b) => PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase) || a.order - b.order || compare(a.instance, b.instance) || compare(a.step, b.step));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Where each step lands in the runbook, in the rule's order: `phase:order:step` (`…:instance` when it has one). */
export function placed(evaluation: Evaluation): string[] {
  return evaluation.steps.map((s) => `${s.phase}:${s.order}:${s.step}${s.instance ? `:${s.instance}` : ''}`);
}

/** `also` for cases whose steps must render with the shipped texts in both languages (strict: a missing placeholder fails). */
export async function rendersInBothLanguages(evaluation: Evaluation): Promise<void> {
  for (const lang of ['en', 'ja'] as const) expect(await renderSteps(evaluation, lang)).toHaveLength(evaluation.steps.length);
}
