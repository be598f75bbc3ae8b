import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_KINDS } from '../src/ingest/record-kind.js';
import { buildPlanJson } from './support/build-plan.js';
import { factsByExport } from './support/facts-by-export.js';

const SCRIPT = join(process.cwd(), 'scripts', 'gen-fleet.mjs');
const work = mkdtempSync(join(tmpdir(), 'exrunbook-gen-fleet-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function genFleet(args: string[]) {
  const result = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(root, path)).isFile())
    .map((path) => relative(root, join(root, path)).split('\\').join('/'))
    .sort();
}

/** Path and SHA-256 of every file, one line each: equal digests mean byte-identical trees. */
function treeDigest(root: string): string {
  return filesUnder(root)
    .map((path) => `${path} ${createHash('sha256').update(readFileSync(join(root, path))).digest('hex')}`)
    .join('\n');
}

interface PlanJson {
  inputs: { path: string; kind: string | null; format: string | null; records: number }[];
  servers: {
    name: string;
    roles: string[];
    internetAccess: boolean | null;
    internetFacingCas: boolean;
    cluster: { type: string; nodes: { name: string; active: boolean }[] } | null;
    current: { servicePack: string | null; evidence: string };
    findings: { rule: string; messageId: string }[];
  }[];
  excluded: { name: string; reason: string }[];
  diagnostics: { severity: string; code: string; file: string }[];
}

const SERVERS = 60;
const fleet = join(work, 'fleet');
let plan: PlanJson;
beforeAll(async () => {
  const r = genFleet(['--servers', String(SERVERS), '--seed', 'vitest', '--out', fleet]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  plan = (await buildPlanJson(fleet, join(work, 'out'))) as PlanJson;
});

describe('gen-fleet', () => {
  it('writes byte-identical files for the same seed, and different ones for another seed', () => {
    const again = join(work, 'again');
    const other = join(work, 'other');
    expect(genFleet(['--servers', String(SERVERS), '--seed', 'vitest', '--out', again]).code).toBe(0);
    expect(genFleet(['--servers', String(SERVERS), '--seed', 'other', '--out', other]).code).toBe(0);
    const digest = treeDigest(fleet);
    expect(digest.split('\n').length).toBeGreaterThan(SERVERS);
    expect(treeDigest(again)).toBe(digest);
    expect(treeDigest(other)).not.toBe(digest);
  });

  it('ingests with no error diagnostics; warnings only for the servers generated without per-server data', () => {
    const gaps = plan.servers.filter((s) => s.current.evidence === 'admin-display-version').length;
    expect(gaps).toBeGreaterThan(0);
    expect(plan.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const warnings = plan.diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings.map((d) => d.code)).toEqual(Array<string>(gaps).fill('machine-without-data'));
    expect(new Set(plan.diagnostics.filter((d) => d.severity === 'info').map((d) => d.code))).toEqual(new Set(['decoded-as-cp932', 'server-not-exchange-2007']));
    expect(plan.inputs.filter((i) => i.kind === null)).toEqual([]);
  });

  it('lists every server of the fleet, Exchange 2010 ones as excluded', () => {
    expect(plan.servers.length + plan.excluded.length).toBe(SERVERS);
    expect(plan.excluded.length).toBeGreaterThan(0);
    for (const e of plan.excluded) expect(e).toMatchObject({ reason: 'other-version' });
  });

  it('has every record kind in every format', () => {
    const formats = new Set(plan.inputs.map((i) => i.format));
    expect(formats).toEqual(new Set(['csv', 'format-list', 'clixml']));
    expect(new Set(plan.inputs.map((i) => i.kind))).toEqual(new Set(RECORD_KINDS));
    const perMachineKinds = ['exsetup-version', 'installed-patches', 'operating-system', 'dotnet-framework', 'crl-reachability', 'owa-files', 'rpc-proxy', 'services', 'publisher-revocation-check', 'setup-log'];
    for (const kind of perMachineKinds) {
      expect(new Set(plan.inputs.filter((i) => i.kind === kind).map((i) => i.format)), kind).toEqual(formats);
    }
  });

  it('writes UTF-16LE, UTF-8 with BOM, ASCII and cp932 files', () => {
    const seen = new Set<string>();
    for (const path of filesUnder(fleet).filter((p) => p !== 'README.md')) {
      const bytes = readFileSync(join(fleet, path));
      if (bytes[0] === 0xff && bytes[1] === 0xfe) seen.add('utf-16le');
      else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) seen.add('utf-8-bom');
      else if (bytes.every((b) => b < 0x80)) seen.add('ascii');
      else seen.add('other');
    }
    expect(seen).toEqual(new Set(['utf-16le', 'utf-8-bom', 'ascii', 'other']));
    // Every non-ASCII file without a BOM is cp932, and the ingest says it read it as such.
    const cp932 = plan.diagnostics.filter((d) => d.code === 'decoded-as-cp932').map((d) => d.file);
    expect(cp932.length).toBeGreaterThan(0);
  });

  it.each([
    ['a CCR and an SCC clustered mailbox server with an active node', (p: PlanJson) => ['ccr', 'scc'].every((t) => p.servers.some((s) => s.cluster?.type === t && s.cluster.nodes.length === 2 && s.cluster.nodes.some((n) => n.active)))],
    ['an Internet-facing Client Access server and one behind it', (p: PlanJson) => p.servers.some((s) => s.internetFacingCas) && p.servers.some((s) => s.roles.includes('ClientAccess') && !s.internetFacingCas)],
    ['Edge, Unified Messaging, Hub and combined roles', (p: PlanJson) => ['Edge', 'UnifiedMessaging', 'HubTransport'].every((r) => p.servers.some((s) => s.roles.includes(r))) && p.servers.some((s) => s.roles.length >= 3)],
    ['every service pack level', (p: PlanJson) => ['RTM', 'SP1', 'SP2', 'SP3'].every((sp) => p.servers.some((s) => s.current.servicePack === sp))],
    ['CRL reachable, unreachable and not tested', (p: PlanJson) => [true, false, null].every((v) => p.servers.some((s) => s.internetAccess === v))],
    ['an interim update that needs a replacement', (p: PlanJson) => p.servers.some((s) => s.findings.some((f) => f.rule === 'interim-updates-removed'))],
    ['customised OWA and custom RPC proxy ports', (p: PlanJson) => p.servers.some((s) => s.findings.some((f) => f.rule === 'owa-customisations-preserved' && f.messageId === 'customised')) && p.servers.some((s) => s.findings.some((f) => f.messageId === 'nonDefaultPorts'))],
    ['a server with no per-server data (level from AdminDisplayVersion only)', (p: PlanJson) => p.servers.some((s) => s.current.evidence === 'admin-display-version')],
    ['.NET 2.0 without SP1 (no generatePublisherEvidence)', (p: PlanJson) => p.servers.some((s) => s.findings.some((f) => f.rule === 'clr-supports-publisher-evidence' && f.messageId === 'clrWithoutSp1'))],
  ])('covers %s', (_name, holds) => {
    expect(holds(plan)).toBe(true);
  });

  it('writes the same fleet in any one format: CSV, Format-List and CLIXML read the same facts', () => {
    const facts = (format: string): string => {
      const dir = join(work, `only-${format}`);
      expect(genFleet(['--servers', '40', '--seed', 'formats', '--format', format, '--out', dir]).code).toBe(0);
      const read = factsByExport(dir);
      expect(read.formats).toEqual(new Set([format]));
      expect(read.diagnostics.filter((d) => d.severity !== 'info' && d.code !== 'machine-without-data')).toEqual([]);
      return read.facts;
    };
    const csv = facts('csv');
    expect(facts('format-list')).toBe(csv);
    expect(facts('clixml')).toBe(csv);
  });

  it.each([
    [['--servers', '5', '--out', 'x', '--format', 'xml'], '--format must be mixed, csv, format-list or clixml'],
    [['--seed', '1', '--out', 'x'], '--servers must be a whole number'],
    [['--servers', '0', '--out', 'x'], '--servers must be a whole number'],
    [['--servers', '5'], '--out DIR is required'],
    [['--servers', '5', '--out', 'x', '--colour'], "Unknown option '--colour'"],
  ])('refuses %j with exit 2', (args, message) => {
    const r = genFleet(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('leaves a folder it did not write alone, even with --force, and replaces its own only with --force', () => {
    const foreign = join(work, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'keep.txt'), 'mine');
    const refused = genFleet(['--servers', '3', '--out', foreign, '--force']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('not written by gen-fleet');
    expect(readdirSync(foreign)).toEqual(['keep.txt']);

    const own = join(work, 'own');
    expect(genFleet(['--servers', '3', '--out', own]).code).toBe(0);
    expect(genFleet(['--servers', '3', '--out', own]).stderr).toContain('pass --force');
    expect(genFleet(['--servers', '3', '--seed', '2', '--out', own, '--force']).code).toBe(0);
    expect(readFileSync(join(own, 'README.md'), 'utf8')).toContain('--seed "2" --format mixed');
  });
});
