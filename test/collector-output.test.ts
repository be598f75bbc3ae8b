import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planInventory } from '../src/cli/plan-inventory.js';
import { classifyRecordKind, noRecordsIsAnAnswer, RECORD_KINDS } from '../src/ingest/record-kind.js';
import { catalog, defaultOptions } from './support/facts.js';

const FIXTURE = 'fixtures/collector-output';
const SCRIPT = readFileSync('templates/collector/Collect-ExrunbookInventory.ps1', 'latin1');

function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => (statSync(join(dir, name)).isDirectory() ? listFiles(join(dir, name)) : [join(dir, name)]));
}
const relativePath = (file: string, root = FIXTURE): string => relative(root, file).split(sep).join('/');
const csvFiles = listFiles(FIXTURE).filter((f) => f.endsWith('.csv'));

/** The exports of the script: name, columns in order, and whether "none" writes a header-only file. */
const SCRIPT_EXPORTS = [...SCRIPT.matchAll(/Invoke-Export -Folder \$folder -Name '(\w+)' -Columns ((?:'\w+',?)+)(.*)/g)].map((m) => ({
  name: m[1] ?? '',
  columns: [...(m[2] ?? '').matchAll(/'(\w+)'/g)].map((c) => c[1] ?? ''),
  noneIsAnAnswer: /-NoneIsAnAnswer\b/.test(m[3] ?? ''),
}));

function header(file: string): string[] {
  const text = readFileSync(file).subarray(2).toString('utf16le');
  return (text.split('\r\n')[0] ?? '').split(',').map((field) => field.replace(/^"|"$/g, ''));
}

describe('fixtures/collector-output: shaped exactly like the collector script writes', () => {
  it('reads with zero diagnostics, skipping collector.log and README.md', () => {
    const plan = planInventory(FIXTURE, catalog, defaultOptions);
    expect(plan.diagnostics).toEqual([]);
    expect(plan.inputs.map((f) => f.path)).toEqual(csvFiles.map((f) => relativePath(f)));
    expect(plan.inputs.filter((f) => f.kind === null)).toEqual([]);
    for (const s of plan.servers) expect(s.results.filter((r) => r.status === 'data-gap' || r.status === 'error')).toEqual([]);
  });

  it('gives the plan its facts: Outlook Anywhere, the CCR nodes, the Edge with no update installed', () => {
    const plan = planInventory(FIXTURE, catalog, defaultOptions);
    const named = (name: string) => plan.servers.find((s) => s.facts.name === name);
    const cas = named('EXCAS01');
    expect(cas?.facts.outlookAnywhere?.value).toEqual({ enabled: true, externalHostname: 'mail.fabrikam.co.jp', clientAuthenticationMethod: 'Basic', iisAuthenticationMethods: ['Basic', 'Ntlm'], sslOffloading: false });
    expect(cas).toMatchObject({ internetFacingCas: true, wave: 1, internetAccess: false, current: { build: [8, 3, 298, 3] } });
    expect(cas?.findings.filter((f) => f.rule === 'rpc-proxy-settings-backed-up').map((f) => f.messageId)).toEqual(['keyPresent']);
    expect(cas?.facts.machines[0]?.owaFiles?.items.find((f) => f.path.endsWith('\\auth\\logon.aspx'))?.lastWriteTime).toBe('2013-03-12T10:41:07');

    const cms = named('EXMBX01');
    expect(cms?.facts.cluster).toMatchObject({ type: 'ccr', nodes: [{ name: 'EXMBX01A', active: true, quorumOwner: true }, { name: 'EXMBX01B', active: false, quorumOwner: false }] });
    expect(cms?.facts.machines.map((m) => [m.name, m.patches?.items.map((p) => p.kb)])).toEqual([
      ['EXMBX01A', ['KB2788321']],
      ['EXMBX01B', ['KB2788321']],
    ]);
    expect(cms?.facts.outlookAnywhere?.value).toEqual({ enabled: false });

    const edge = named('EXEDGE01');
    expect(edge?.facts).toMatchObject({ roles: ['Edge'], site: null, fqdn: 'exedge01.dmz.fabrikam.co.jp', from: { file: 'EXEDGE01/ExchangeServer.csv' } });
    expect(edge?.facts.machines[0]?.patches).toEqual({ items: [], from: [{ file: 'EXEDGE01/InstalledPatches.csv', line: 1 }] });
    expect(edge).toMatchObject({ internetAccess: true, current: { build: [8, 3, 83, 6], rollup: 0 } });
  });

  it('is written as Export-Csv -NoTypeInformation -Encoding Unicode writes: UTF-16LE with BOM, no #TYPE, every field quoted, CRLF', () => {
    for (const file of csvFiles) {
      const bytes = readFileSync(file);
      expect([...bytes.subarray(0, 2)], file).toEqual([0xff, 0xfe]);
      const text = bytes.subarray(2).toString('utf16le');
      expect(text.endsWith('\r\n'), file).toBe(true);
      const lines = text.slice(0, -2).split('\r\n');
      expect(lines.some((line) => /[\r\n]/.test(line)), file).toBe(false);
      expect(lines[0], file).toMatch(/^"\w+"(,"\w+")*$/);
      // Every value quoted (quotes doubled inside), or nothing at all for $null.
      for (const line of lines.slice(1)) expect(line, file).toMatch(/^(?:"(?:[^"]|"")*")?(?:,(?:"(?:[^"]|"")*")?)*$/);
    }
  });

  it('has exactly the columns the script exports, for every export the script has', () => {
    expect(SCRIPT_EXPORTS.length).toBeGreaterThanOrEqual(12);
    const byName = new Map<string, string[]>();
    for (const e of SCRIPT_EXPORTS) {
      const known = byName.get(e.name);
      if (known) expect(e.columns, `${e.name} is exported twice with different columns`).toEqual(known);
      byName.set(e.name, e.columns);
    }
    for (const file of csvFiles) expect(header(file), relativePath(file)).toEqual(byName.get(basename(file, '.csv')));
    expect([...byName.keys()].filter((name) => !csvFiles.some((f) => basename(f, '.csv') === name))).toEqual([]);
  });

  it('exports every record kind exrunbook reads, and writes header-only files exactly for the kinds where none is an answer', () => {
    const kinds = SCRIPT_EXPORTS.map((e) => ({ ...e, kind: classifyRecordKind(e.columns) }));
    expect(kinds.filter((e) => e.kind === null).map((e) => e.name)).toEqual([]);
    expect([...new Set(kinds.map((e) => e.kind))].sort()).toEqual([...RECORD_KINDS].sort());
    for (const e of kinds) expect(e.noneIsAnAnswer, e.name).toBe(e.kind !== null && noRecordsIsAnAnswer(e.kind));
  });

  describe('is what scripts/make-collector-fixture.mjs generates', () => {
    const out = mkdtempSync(join(tmpdir(), 'exrunbook-collector-fixture-'));
    afterAll(() => {
      rmSync(out, { recursive: true, force: true });
    });
    it('byte for byte', () => {
      const run = spawnSync(process.execPath, ['scripts/make-collector-fixture.mjs', out], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const generated = listFiles(out).map((f) => relativePath(f, out));
      expect(generated).toEqual(listFiles(FIXTURE).map((f) => relativePath(f)));
      for (const path of generated) expect(readFileSync(join(out, path)).equals(readFileSync(join(FIXTURE, path))), path).toBe(true);
      // Run again over its own output: it rewrites it.
      expect(spawnSync(process.execPath, ['scripts/make-collector-fixture.mjs', out], { encoding: 'utf8' }).status).toBe(0);
    });

    it('refuses to delete a folder it did not generate', () => {
      const foreign = mkdtempSync(join(tmpdir(), 'exrunbook-not-a-fixture-'));
      writeFileSync(join(foreign, 'thesis.docx'), 'keep me');
      const run = spawnSync(process.execPath, ['scripts/make-collector-fixture.mjs', foreign], { encoding: 'utf8' });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('not generated by this script');
      expect(readdirSync(foreign)).toEqual(['thesis.docx']);
      rmSync(foreign, { recursive: true, force: true });
    });
  });
});
