import type { MessageData } from '../i18n/format-message.js';
import type { BuildCatalog, ReleasedLevel } from '../knowledge/build-catalog.js';
import type { CurrentLevel } from '../normalize/computed/current-level.js';
import type { TargetLevel, TargetPolicy } from '../normalize/computed/target-level.js';
import type { ServerFacts } from '../normalize/server-facts.js';
import type { SeedSectionId } from './seed-sections.js';

export type Severity = 'blocker' | 'warning' | 'info';
export type Phase = 'prepare' | 'window' | 'verify' | 'rollback';
export const PHASES: readonly Phase[] = ['prepare', 'window', 'verify', 'rollback'];

/** A user-facing string in both languages of the product. `{name}` placeholders take finding/step data. */
export interface Localized {
  readonly en: string;
  readonly ja: string;
}

/**
 * Facts a rule cannot be evaluated without. When one is missing the runner does not call the rule and
 * reports a data gap instead (a visible warning naming what to export), never a silent pass.
 */
export type FactKey = 'build-evidence' | 'installed-patches' | 'operating-system' | 'dotnet';

/**
 * A step a rule may put into a runbook. Its text lives in templates/steps/<lang>/<id>.md; `order`
 * places it within its phase (bands: see docs/ARCHITECTURE.md), so the runbook reads in the order
 * an operator works.
 */
export interface StepMeta {
  readonly phase: Phase;
  readonly order: number;
}

/**
 * A source for what a rule states: a Microsoft KB or documentation page (or, where Microsoft published
 * nothing, the community page the team relied on — its title says so). Printed in the runbook's appendix
 * and listed by `exrunbook catalog --json`.
 */
export interface Reference {
  readonly title: string;
  readonly url: string;
}

export interface RuleMeta<MessageId extends string = string, StepId extends string = string> {
  /** kebab-case, equals the rule's folder name, never reused. */
  readonly id: string;
  /** Phrased for the passing state. */
  readonly title: Localized;
  /** Phrased for the failing state. */
  readonly failureTitle: Localized;
  /** Severity of the rule's findings unless a finding says otherwise. */
  readonly severity: Severity;
  readonly seedSections: readonly SeedSectionId[];
  /** At least one; the catalogue check fails a rule without references. */
  readonly references: readonly Reference[];
  /**
   * What the rule states that the team could not source: printed as "unverified" in the appendix of every
   * runbook the rule contributes to, never as a certain fact.
   */
  readonly unverified?: readonly Localized[];
  readonly requiredFacts: readonly FactKey[];
  readonly messages: Readonly<Record<MessageId, Localized>>;
  readonly steps: Readonly<Record<StepId, StepMeta>>;
}

/** Values a message or step text prints: strings, numbers, and lists of server names (i18n/name-list). */
export type FindingData = MessageData;

export interface Finding<MessageId extends string = string> {
  readonly messageId: MessageId;
  readonly severity?: Severity;
  readonly kb?: string;
  readonly data?: FindingData;
}

export interface StepRef<StepId extends string = string> {
  readonly step: StepId;
  /** Distinguishes several instances of one step (e.g. one per interim update). */
  readonly instance?: string;
  /**
   * Overrides the step's order within its phase for this instance, when where it belongs depends on
   * the server (a clustered mailbox server's node passes: see cluster-schedule.ts).
   */
  readonly order?: number;
  readonly data?: FindingData;
}

export type RuleOutcome<MessageId extends string = string, StepId extends string = string> =
  | { readonly status: 'pass'; readonly findings?: readonly Finding<MessageId>[]; readonly steps?: readonly StepRef<StepId>[] }
  | { readonly status: 'fail'; readonly findings: readonly Finding<MessageId>[]; readonly steps?: readonly StepRef<StepId>[] }
  | { readonly status: 'not-applicable'; readonly reason: string };

/** Facts about the whole fleet, for rules whose answer depends on other servers (CAS-CAS proxy, AD prep). */
export interface FleetContext {
  readonly servers: readonly ServerFacts[];
  readonly levels: ReadonlyMap<string, { readonly current: CurrentLevel; readonly target: TargetLevel }>;
}

export interface RuleContext {
  readonly server: ServerFacts;
  readonly current: CurrentLevel;
  readonly target: TargetLevel;
  readonly fleet: FleetContext;
  readonly catalog: BuildCatalog;
  readonly options: RuleOptions;
}

export interface RuleOptions {
  readonly target: TargetPolicy;
  /** Exchange server name (as in the facts) → its own target, from the config file's per-host overrides. */
  readonly targetOverrides?: ReadonlyMap<string, TargetPolicy>;
  /** IU KB (upper case) → the level whose build contains its fix (the analyst's --iu-catalog). */
  readonly interimUpdateFixes: ReadonlyMap<string, ReleasedLevel>;
}

export interface Rule<MessageId extends string = string, StepId extends string = string> {
  readonly meta: RuleMeta<MessageId, StepId>;
  /** Pure and synchronous: reads only the context, returns data, never markup. */
  readonly check: (context: RuleContext) => RuleOutcome<MessageId, StepId>;
}

export function defineRule<const MessageId extends string, const StepId extends string>(rule: Rule<MessageId, StepId>): Rule<MessageId, StepId> {
  return rule;
}
