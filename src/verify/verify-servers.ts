import { compareText } from '../compare-text.js';
import type { Diagnostic } from '../ingest/diagnostic.js';
import type { PlanForVerify, PlannedMachine, PlannedServer } from '../ingest/read-plan-json.js';
import type { BuildCatalog } from '../knowledge/build-catalog.js';
import { compareBuildNumbers, type BuildNumber } from '../knowledge/build-number.js';
import { CCR_PASSIVE_STOPPED, servicesForRoles } from '../knowledge/service-lists.js';
import { computeCurrentLevel, type LevelEvidence, type MachineLevel } from '../normalize/computed/current-level.js';
import type { MachineFacts, Provenance, ServerFacts } from '../normalize/server-facts.js';
import { themeName } from '../plan/machine-baseline.js';
import { analyseOwaFiles } from '../rules/owa-customisations-preserved/owa-evidence.js';

/**
 * `exrunbook verify` (issue 15): the plan as attached to the ticket and the inventory exported after
 * the window in, a verdict per planned server out — pure, so every status is a table test.
 *
 * A machine is verified at or above the target build, not-updated at the planned starting build,
 * regressed below it (a rollback), partial in between; no-data without build evidence. A server
 * (a clustered mailbox server: its nodes) is verified when every machine is, regressed when any is,
 * no-data when no machine has build evidence, not-updated when every machine that has is, else
 * partial (some machine moved: at the target or between the start and the target).
 */
export type VerifyStatus = 'verified' | 'partial' | 'not-updated' | 'regressed' | 'no-data';
export const VERIFY_STATUSES: readonly VerifyStatus[] = ['verified', 'partial', 'not-updated', 'regressed', 'no-data'];

export type CheckId = 'interim-update-reinstalled' | 'exchange-services' | 'crl-check-restored' | 'owa-customisations' | 'rpc-proxy-unchanged' | 'dotnet-unchanged' | 'setup-log';

export interface CheckResult {
  readonly id: CheckId;
  readonly machine: string;
  readonly status: 'pass' | 'fail' | 'no-data';
  /** Values the check's message prints (check ids and statuses are stable; messages are i18n). */
  readonly data: Readonly<Record<string, string>>;
  readonly evidence: readonly Provenance[];
}

export interface MachineVerdict {
  readonly name: string;
  readonly status: VerifyStatus;
  readonly from: BuildNumber | null;
  readonly build: BuildNumber | null;
  readonly evidence: LevelEvidence;
  readonly sources: readonly Provenance[];
}

export interface ServerVerdict {
  readonly name: string;
  readonly wave: number | null;
  readonly status: VerifyStatus;
  readonly planned: { readonly from: BuildNumber | null; readonly target: BuildNumber };
  /** The lowest build among the machines that have one. */
  readonly observed: { readonly build: BuildNumber | null; readonly machines: readonly MachineVerdict[] };
  readonly checks: readonly CheckResult[];
}

export interface Verification {
  readonly plan: { readonly file: string; readonly sha256: string; readonly manifestChecked: boolean };
  readonly servers: readonly ServerVerdict[];
  readonly diagnostics: readonly Diagnostic[];
}

interface ObservedMachine {
  readonly server: ServerFacts;
  readonly facts: MachineFacts;
  readonly level: MachineLevel;
}

export function verifyServers(plan: PlanForVerify, after: readonly ServerFacts[], catalog: BuildCatalog, diagnostics: readonly Diagnostic[]): Verification {
  const machines = new Map<string, ObservedMachine>();
  for (const server of after) {
    if (server.excluded !== null) continue;
    const level = computeCurrentLevel(server, catalog);
    for (const [i, facts] of server.machines.entries()) {
      const machineLevel = level.machines[i];
      if (machineLevel && !machines.has(facts.name.toUpperCase())) machines.set(facts.name.toUpperCase(), { server, facts, level: machineLevel });
    }
  }
  const servers = plan.servers.map((planned) => verifyServer(planned, machines, catalog));
  servers.sort((a, b) => (a.wave ?? Number.MAX_SAFE_INTEGER) - (b.wave ?? Number.MAX_SAFE_INTEGER) || compareText(a.name, b.name));
  return { plan: { file: plan.file, sha256: plan.sha256, manifestChecked: plan.manifestChecked }, servers, diagnostics };
}

function verifyServer(planned: PlannedServer, observed: ReadonlyMap<string, ObservedMachine>, catalog: BuildCatalog): ServerVerdict {
  const verdicts = planned.machines.map((machine) => verifyMachine(machine, planned, observed.get(machine.name.toUpperCase()), catalog));
  const builds = verdicts.map((v) => v.build).filter((b): b is BuildNumber => b !== null).sort(compareBuildNumbers);
  // Servers the plan did not update keep no window checks: nothing was changed on them.
  const checks = planned.wave === null ? [] : planned.machines.flatMap((machine) => machineChecks(machine, planned, observed.get(machine.name.toUpperCase())));
  return {
    name: planned.name,
    wave: planned.wave,
    status: serverStatus(verdicts.map((v) => v.status)),
    planned: { from: planned.from, target: planned.target },
    observed: { build: builds[0] ?? null, machines: verdicts },
    checks,
  };
}

function verifyMachine(machine: PlannedMachine, planned: PlannedServer, observed: ObservedMachine | undefined, catalog: BuildCatalog): MachineVerdict {
  const from = machine.from ?? planned.from;
  const none = { name: machine.name, from, build: null, evidence: 'none' as const, sources: [] };
  if (!observed || observed.level.build === null) return { ...none, status: 'no-data' };
  const { level } = observed;
  const base = { name: machine.name, from, build: level.build, evidence: level.evidence, sources: level.from };
  if (level.exactness === 'service-pack-only') {
    // AdminDisplayVersion names the service pack only: it proves a target without a rollup, nothing more.
    const placed = catalog.place(planned.target);
    const targetIsServicePack = placed.kind === 'exact' && placed.level.rollup === 0;
    return { ...base, status: targetIsServicePack && level.build && compareBuildNumbers(level.build, planned.target) >= 0 ? 'verified' : 'no-data' };
  }
  return { ...base, status: buildStatus(level.build, from, planned.target) };
}

export function buildStatus(build: BuildNumber | null, from: BuildNumber | null, target: BuildNumber): VerifyStatus {
  if (build === null) return 'no-data';
  if (compareBuildNumbers(build, target) >= 0) return 'verified';
  if (from === null) return 'not-updated';
  const vsFrom = compareBuildNumbers(build, from);
  if (vsFrom < 0) return 'regressed';
  return vsFrom === 0 ? 'not-updated' : 'partial';
}

export function serverStatus(machines: readonly VerifyStatus[]): VerifyStatus {
  if (machines.length === 0) return 'no-data';
  if (machines.includes('regressed')) return 'regressed';
  if (machines.every((s) => s === 'verified')) return 'verified';
  // A node without evidence is no sign of progress: "partial" needs a machine that moved.
  const seen = machines.filter((s) => s !== 'no-data');
  if (seen.length === 0) return 'no-data';
  return seen.every((s) => s === 'not-updated') ? 'not-updated' : 'partial';
}

/** Step instances of one step id in the plan, e.g. `turn-on-crl-check@EXCAS01` → EXCAS01. */
function instancesOf(planned: PlannedServer, step: string): string[] {
  const prefix = `${step}@`;
  return planned.steps.filter((id) => id.startsWith(prefix)).map((id) => id.slice(prefix.length));
}

function machineChecks(machine: PlannedMachine, planned: PlannedServer, observed: ObservedMachine | undefined): CheckResult[] {
  const name = machine.name;
  const upper = name.toUpperCase();
  const facts = observed?.facts;
  const checks: CheckResult[] = [];
  const result = (id: CheckId, status: CheckResult['status'], data: Record<string, string>, evidence: readonly Provenance[]): void => {
    checks.push({ id, machine: name, status, data, evidence });
  };

  for (const instance of instancesOf(planned, 'reinstall-replacement-interim-update')) {
    const [owner, kb = ''] = instance.split(':');
    if (owner?.toUpperCase() !== upper) continue;
    // An interim update listed without a KB number has the instance `no-kb-N`: the Nth such update of the machine.
    const withoutKb = /^no-kb-(\d+)$/.exec(kb);
    const label = withoutKb ? `(no KB number, #${withoutKb[1] ?? ''})` : kb;
    if (!facts?.patches) result('interim-update-reinstalled', 'no-data', { kb: label }, []);
    else {
      const found = withoutKb
        ? facts.patches.items.filter((p) => p.kind === 'interim-update' && p.kb === null)[Number(withoutKb[1]) - 1]
        : facts.patches.items.find((p) => p.kind === 'interim-update' && p.kb?.toUpperCase() === kb.toUpperCase());
      result('interim-update-reinstalled', found ? 'pass' : 'fail', { kb: label }, found ? [found.from] : facts.patches.from);
    }
  }

  if (!facts?.services) result('exchange-services', 'no-data', {}, []);
  else {
    const expected = new Set([...servicesForRoles(observed?.server.roles ?? []).exchange].map((s) => s.toUpperCase()));
    // On a clustered mailbox server (CCR and SCC alike) the passive node's store and System Attendant are stopped by design.
    const passive = observed?.server.cluster?.nodes.some((n) => n.name.toUpperCase() === upper && !n.active) === true;
    const mayBeStopped = new Set(passive ? CCR_PASSIVE_STOPPED.map((s) => s.toUpperCase()) : []);
    // The roles' services must be automatic; any Exchange service set to start automatically must be
    // running (so a stopped one fails even when the after-inventory does not say the server's roles).
    const bad = facts.services.items.filter((s) => {
      const key = s.name.toUpperCase();
      if (!expected.has(key) && !/^MSEXCHANGE/.test(key)) return false;
      if (/^disabled$/i.test(s.startMode)) return true;
      const automatic = /^auto/i.test(s.startMode);
      if (expected.has(key) && !automatic) return true;
      return automatic && !/^running$/i.test(s.state) && !mayBeStopped.has(key);
    });
    bad.sort((a, b) => compareText(a.name, b.name));
    // A pass needs a service it can vouch for: one the roles name (any Exchange service when the roles
    // are unknown). An export with none of them (the collector's "no Exchange or IIS service") proves nothing.
    const proven = facts.services.items.some((s) => {
      const key = s.name.toUpperCase();
      return expected.size > 0 ? expected.has(key) : /^MSEXCHANGE/.test(key);
    });
    result(
      'exchange-services',
      bad.length > 0 ? 'fail' : proven ? 'pass' : 'no-data',
      { services: bad.map((s) => `${s.name} (${s.state}, ${s.startMode})`).join(', ') },
      bad.length === 0 ? facts.services.from : bad.map((s) => s.from),
    );
  }

  if (instancesOf(planned, 'turn-on-crl-check').some((m) => m.toUpperCase() === upper)) {
    const check = facts?.publisherRevocationCheck;
    if (!check) result('crl-check-restored', 'no-data', {}, []);
    else result('crl-check-restored', check.value.checksRevocation ? 'pass' : 'fail', { state: `0x${check.value.state.toString(16)}` }, [check.from]);
  }

  const owa = machine.baseline?.owa;
  if (owa && (owa.logonLength !== null || owa.themes.length > 0)) {
    if (!facts?.owaFiles) result('owa-customisations', 'no-data', {}, []);
    else {
      const files = facts.owaFiles.items;
      const problems: string[] = [];
      const evidence: Provenance[] = [];
      if (owa.logonLength !== null) {
        const logon = files.find((f) => /\\auth\\logon\.aspx$/i.test(f.path));
        if (logon) evidence.push(logon.from);
        if (logon?.length !== owa.logonLength) problems.push(`logon.aspx ${logon?.length ?? '—'} ≠ ${owa.logonLength}`);
      }
      const present = new Set(analyseOwaFiles(files).customThemes.map((t) => themeName(t).toUpperCase()));
      for (const theme of owa.themes) if (!present.has(theme.toUpperCase())) problems.push(`themes\\${theme}`);
      result('owa-customisations', problems.length === 0 ? 'pass' : 'fail', { missing: problems.join(', ') }, evidence.length > 0 ? evidence : facts.owaFiles.from);
    }
  }

  // The values the page prints are the values compared: before and after differ exactly when the check fails.
  const unchanged = <T>(id: CheckId, before: T | null | undefined, now: { readonly value: T; readonly from: Provenance } | null | undefined, text: (value: T) => string): void => {
    if (before === null || before === undefined) return;
    if (!now) result(id, 'no-data', {}, []);
    else result(id, text(now.value) === text(before) ? 'pass' : 'fail', { before: text(before), after: text(now.value) }, [now.from]);
  };
  unchanged('rpc-proxy-unchanged', machine.baseline?.rpcProxy, facts?.rpcProxy, rpcText);
  unchanged('dotnet-unchanged', machine.baseline?.dotNet, facts?.dotNet, dotNetText);

  const log = facts?.setupLog;
  if (!log) result('setup-log', 'no-data', {}, []);
  else {
    const errors = log.value.lines.filter((line) => /\[ERROR\]/i.test(line));
    result('setup-log', errors.length === 0 ? 'pass' : 'fail', { errors: errors.slice(0, 3).join(' / ') }, [log.from]);
  }
  return checks;
}

function rpcText(rpc: { readonly validPorts: string; readonly enabled: boolean | null }): string {
  return `ValidPorts=${rpc.validPorts || '—'}; Enabled=${rpc.enabled === null ? '—' : rpc.enabled ? 1 : 0}`;
}

function dotNetText(dotNet: { readonly clr2ServicePack: number | null; readonly has35: boolean }): string {
  return `CLR 2.0 SP${dotNet.clr2ServicePack ?? '?'}; .NET 3.5 ${dotNet.has35 ? 'yes' : 'no'}`;
}
