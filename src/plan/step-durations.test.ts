import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { DURATION_ASSUMPTIONS, estimateStep, STEP_DURATIONS, windowMinutes, type StepDurationContext } from './step-durations.js';

const declared = [...new Set(RULES.flatMap((r) => Object.keys(r.meta.steps)))].sort();
const fast: StepDurationContext = { roles: ['ClientAccess'], servicePack: false, crlFast: true, clustered: false };

describe('STEP_DURATIONS', () => {
  it.each(declared)('has an estimate for step %s', (step) => {
    expect(Object.keys(STEP_DURATIONS)).toContain(step);
    const estimate = estimateStep(step, fast);
    expect(estimate.minutes).toBeGreaterThan(0);
    expect(Object.keys(DURATION_ASSUMPTIONS)).toContain(estimate.assumption);
  });

  it('holds no estimate for a step that no rule declares', () => {
    expect(Object.keys(STEP_DURATIONS).filter((id) => !declared.includes(id))).toEqual([]);
  });

  it('refuses a step without an estimate, naming where to add it', () => {
    expect(() => estimateStep('no-such-step', fast)).toThrow(/no-such-step has no duration estimate: add it to STEP_DURATIONS/);
  });
});

describe('estimateStep', () => {
  it.each([
    ['install-update-rollup', fast, 14, 'rollup-setup', 'sourced'],
    ['install-update-rollup', { ...fast, crlFast: false }, 180, 'setup-crl-slow', 'assumed'],
    ['cluster-install-rollup-on-node', { ...fast, clustered: true, roles: ['Mailbox'] }, 14, 'rollup-setup', 'sourced'],
    ['install-service-pack', { ...fast, servicePack: true }, 45, 'service-pack-setup', 'assumed'],
    ['install-service-pack', { ...fast, servicePack: true, roles: ['ClientAccess', 'HubTransport', 'Mailbox'] }, 75, 'service-pack-setup', 'assumed'],
    ['install-service-pack', { ...fast, servicePack: true, crlFast: false }, 180, 'setup-crl-slow', 'assumed'],
    ['cluster-upgrade-passive-node', { ...fast, servicePack: true, roles: ['Mailbox'], clustered: true }, 60, 'service-pack-setup', 'assumed'],
    ['verify-build', fast, 5, 'console-check', 'assumed'],
  ] as const)('%s in %o takes %i minutes (%s, %s)', (step, context, minutes, assumption, basis) => {
    expect(estimateStep(step, context)).toEqual({ minutes, assumption, basis });
  });

  it('counts the window and the verification against the window, not preparation or rollback', () => {
    expect(windowMinutes({ prepare: 100, window: 60, verify: 15, rollback: 240 })).toBe(75);
  });
});

describe('DURATION_ASSUMPTIONS', () => {
  it.each(Object.entries(DURATION_ASSUMPTIONS))('%s is stated in both languages, a sourced one with its source', (_id, assumption) => {
    expect(assumption.text.en.length).toBeGreaterThan(20);
    expect(assumption.text.ja.length).toBeGreaterThan(10);
    if (assumption.basis === 'sourced') expect(assumption.text.en).toMatch(/Source:/);
    else expect(assumption.text.en).toMatch(/assumed/);
  });

  it.each(Object.entries(DURATION_ASSUMPTIONS))('%s states the minutes the schedule sums, in both languages', (_id, assumption) => {
    expect(assumption.text.en).toContain(`${assumption.minutes} minutes`);
    expect(assumption.text.ja).toMatch(new RegExp(`(^|[^0-9])${assumption.minutes} 分`));
  });
});
