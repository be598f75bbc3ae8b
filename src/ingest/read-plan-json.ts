import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ExrunbookError } from '../errors.js';
import { localizedError } from '../i18n/localized-error.js';
import { parseBuildNumber, type BuildNumber } from '../knowledge/build-number.js';
import { sha256Hex } from '../render/manifest.js';
import { readOptionFile } from './read-option-file.js';

/**
 * The plan as `exrunbook verify` reads it back from a change ticket: only the fields verify needs,
 * each checked, so a hand-edited or truncated plan is an input error naming what is wrong, never a
 * wrong verdict. Fields added to plan.json later are ignored; a plan without `baseline` (older
 * versions) verifies builds and leaves the baseline checks without data.
 */
export interface PlannedServer {
  readonly name: string;
  readonly wave: number | null;
  readonly cluster: { readonly type: string; readonly nodes: readonly string[] } | null;
  readonly from: BuildNumber | null;
  readonly target: BuildNumber;
  readonly machines: readonly PlannedMachine[];
  /** Step ids as plan.json writes them (`step@instance`). */
  readonly steps: readonly string[];
}

export interface PlannedMachine {
  readonly name: string;
  readonly from: BuildNumber | null;
  readonly baseline: MachineBaselineJson | null;
}

export interface MachineBaselineJson {
  readonly rpcProxy: { readonly validPorts: string; readonly enabled: boolean | null } | null;
  readonly dotNet: { readonly clr2ServicePack: number | null; readonly has35: boolean } | null;
  readonly owa: { readonly logonLength: number | null; readonly themes: readonly string[] } | null;
}

export interface PlanForVerify {
  readonly file: string;
  readonly sha256: string;
  /** Whether a SHA256SUMS beside the plan vouched for it. */
  readonly manifestChecked: boolean;
  readonly servers: readonly PlannedServer[];
}

/** The newest plan.json schema this version reads. */
const READABLE_SCHEMA_VERSION = 1;

/** plan.json runs to about 5 KB per server: far above any fleet's, below what would stall a laptop. */
const MAX_PLAN_BYTES = 256 * 1024 * 1024;

/** The SHA256SUMS of a build's output lists a few files per server, about 100 bytes each. */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/** The plan and the SHA256SUMS beside it are read like every file an option names: a FIFO or /dev/zero is refused, never read. */
export function readPlanJson(path: string, shownAs = path): PlanForVerify {
  const bytes = readOptionFile(path, shownAs, { code: 'plan-unreadable', key: 'error.plan.unreadable', limit: MAX_PLAN_BYTES });
  const sha256 = sha256Hex(bytes);
  const manifestChecked = checkManifest(path, shownAs, sha256);
  return { file: shownAs, sha256, manifestChecked, servers: parsePlanJson(bytes.toString('utf8'), shownAs) };
}

/** Pure: the text of a plan.json in, the planned servers out; `file` names it in errors. */
export function parsePlanJson(text: string, file: string): PlannedServer[] {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (cause) {
    throw invalidPlan(file, 'it is not valid JSON', cause);
  }
  return parsePlan(json, file);
}

/** When SHA256SUMS sits beside the plan, the plan must be the file it lists: else the plan was changed after build. */
function checkManifest(path: string, shownAs: string, sha256: string): boolean {
  const manifestPath = join(dirname(path), 'SHA256SUMS');
  const manifestShown = join(dirname(shownAs), 'SHA256SUMS');
  if (!existsSync(manifestPath)) return false;
  const text = readOptionFile(manifestPath, manifestShown, { code: 'plan-manifest-unreadable', key: 'error.plan.manifestUnreadable', limit: MAX_MANIFEST_BYTES }).toString('utf8');
  const name = basename(path);
  const lines = text.split(/\r?\n/);
  const index = lines.findIndex((line) => {
    const match = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line);
    return match?.[2] === name;
  });
  if (index < 0) {
    throw localizedError('plan-not-in-manifest', 'input', 'error.plan.notInManifest', { manifest: manifestShown, name }, { location: { file: manifestShown } });
  }
  const listed = (lines[index] ?? '').slice(0, 64).toLowerCase();
  if (listed !== sha256) {
    throw localizedError('plan-hash-mismatch', 'input', 'error.plan.hashMismatch', { file: shownAs, listed: listed.slice(0, 16), actual: sha256.slice(0, 16) }, { location: { file: manifestShown, line: index + 1 } });
  }
  return true;
}

function parsePlan(json: unknown, file: string): PlannedServer[] {
  const root = object(json, 'the top level', file);
  const version = root.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw invalidPlan(file, 'it has no schemaVersion: it is not a plan.json written by exrunbook build');
  if (version > READABLE_SCHEMA_VERSION) {
    throw localizedError('plan-too-new', 'input', 'error.plan.tooNew', { file, version, readable: READABLE_SCHEMA_VERSION }, { location: { file } });
  }
  return array(root.servers, 'servers', file).map((entry, i) => parseServer(entry, `servers[${i}]`, file));
}

function parseServer(json: unknown, where: string, file: string): PlannedServer {
  const server = object(json, where, file);
  const name = text(server.name, `${where}.name`, file);
  const current = object(server.current, `${where}.current`, file);
  const target = object(server.target, `${where}.target`, file);
  const baselines = new Map<string, MachineBaselineJson>();
  if (server.baseline !== undefined) {
    const machines = array(object(server.baseline, `${where}.baseline`, file).machines, `${where}.baseline.machines`, file);
    for (const [i, m] of machines.entries()) {
      const machine = object(m, `${where}.baseline.machines[${i}]`, file);
      baselines.set(text(machine.name, `${where}.baseline.machines[${i}].name`, file).toUpperCase(), parseBaseline(machine, `${where}.baseline.machines[${i}]`, file));
    }
  }
  const machines = array(current.machines, `${where}.current.machines`, file).map((m, i): PlannedMachine => {
    const machine = object(m, `${where}.current.machines[${i}]`, file);
    const machineName = text(machine.name, `${where}.current.machines[${i}].name`, file);
    return { name: machineName, from: optionalBuild(machine.build, `${where}.current.machines[${i}].build`, file), baseline: baselines.get(machineName.toUpperCase()) ?? null };
  });
  const cluster = server.cluster === null || server.cluster === undefined ? null : object(server.cluster, `${where}.cluster`, file);
  return {
    name,
    wave: server.wave === null ? null : integer(server.wave, `${where}.wave`, file),
    cluster: cluster
      ? { type: text(cluster.type, `${where}.cluster.type`, file), nodes: array(cluster.nodes, `${where}.cluster.nodes`, file).map((n, i) => text(object(n, `${where}.cluster.nodes[${i}]`, file).name, `${where}.cluster.nodes[${i}].name`, file)) }
      : null,
    from: optionalBuild(current.build, `${where}.current.build`, file),
    target: build(target.build, `${where}.target.build`, file),
    machines,
    steps: array(server.steps, `${where}.steps`, file).map((s, i) => text(object(s, `${where}.steps[${i}]`, file).id, `${where}.steps[${i}].id`, file)),
  };
}

function parseBaseline(machine: Record<string, unknown>, where: string, file: string): MachineBaselineJson {
  const nullable = <T>(value: unknown, read: (v: Record<string, unknown>) => T, key: string): T | null =>
    value === null || value === undefined ? null : read(object(value, `${where}.${key}`, file));
  const bad = (key: string): never => {
    throw invalidPlan(file, `${where}.${key} has the wrong type`);
  };
  return {
    rpcProxy: nullable(machine.rpcProxy, (v) => ({
      validPorts: typeof v.validPorts === 'string' ? v.validPorts : bad('rpcProxy.validPorts'),
      enabled: v.enabled === null || typeof v.enabled === 'boolean' ? v.enabled : bad('rpcProxy.enabled'),
    }), 'rpcProxy'),
    dotNet: nullable(machine.dotNet, (v) => ({
      clr2ServicePack: v.clr2ServicePack === null || typeof v.clr2ServicePack === 'number' ? v.clr2ServicePack : bad('dotNet.clr2ServicePack'),
      has35: typeof v.has35 === 'boolean' ? v.has35 : bad('dotNet.has35'),
    }), 'dotNet'),
    owa: nullable(machine.owa, (v) => ({
      logonLength: v.logonLength === null || typeof v.logonLength === 'number' ? v.logonLength : bad('owa.logonLength'),
      themes: array(v.themes, `${where}.owa.themes`, file).map((theme, i) => text(theme, `${where}.owa.themes[${i}]`, file)),
    }), 'owa'),
  };
}

function object(value: unknown, where: string, file: string): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  throw invalidPlan(file, `${where} is not an object`);
}

function array(value: unknown, where: string, file: string): unknown[] {
  if (Array.isArray(value)) return value;
  throw invalidPlan(file, `${where} is not a list`);
}

function text(value: unknown, where: string, file: string): string {
  if (typeof value === 'string' && value !== '') return value;
  throw invalidPlan(file, `${where} is not a non-empty string`);
}

function integer(value: unknown, where: string, file: string): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  throw invalidPlan(file, `${where} is not a whole number`);
}

function build(value: unknown, where: string, file: string): BuildNumber {
  const parsed = typeof value === 'string' ? parseBuildNumber(value) : null;
  if (parsed) return parsed;
  throw invalidPlan(file, `${where} is not a build number such as 8.3.517.0`);
}

function optionalBuild(value: unknown, where: string, file: string): BuildNumber | null {
  return value === null ? null : build(value, where, file);
}

/** `why` names a JSON path and what it should hold (`servers[0].target.build is not a build number`): the same in every language. */
function invalidPlan(file: string, why: string, cause?: unknown): ExrunbookError {
  return localizedError('plan-invalid', 'input', 'error.plan.invalid', { file, why }, { location: { file }, ...(cause === undefined ? {} : { cause }) });
}
