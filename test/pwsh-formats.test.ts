import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planInventory } from '../src/cli/plan-inventory.js';
import { catalog, defaultOptions } from './support/facts.js';
import { runPwshFile } from './support/pwsh.js';

/**
 * fixtures/pwsh-formats: one organisation exported by real PowerShell formatting in the shapes operators
 * use (its README lists them). PowerShell 7's formatting is what these files pin down; Windows
 * PowerShell 5.1 differs in two ways that the parsers handle and the unit tests cover by hand-written
 * cases: it cuts values with `...` rather than `…`, and `>` defaults to UTF-16LE where 7 writes UTF-8.
 */
const FIXTURE = 'fixtures/pwsh-formats';
const out = mkdtempSync(join(tmpdir(), 'exrunbook-pwsh-formats-'));
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
});

function listFiles(dir: string, root = dir): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => (statSync(join(dir, name)).isDirectory() ? listFiles(join(dir, name), root) : [relative(root, join(dir, name)).split(sep).join('/')]));
}

describe('fixtures/pwsh-formats, made by PowerShell 7.6', () => {
  it('is what test/pwsh/make-format-fixtures.ps1 writes, byte for byte', () => {
    const run = runPwshFile('test/pwsh/make-format-fixtures.ps1', [out]);
    expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
    const generated = listFiles(out);
    expect(generated).toEqual(listFiles(FIXTURE).filter((f) => f !== 'README.md'));
    for (const path of generated) expect(readFileSync(join(out, path)).equals(readFileSync(join(FIXTURE, path))), path).toBe(true);
  }, 120_000);

  it('is read whole: every file recognised, one warning for the cut FileName, the 2003 server out of scope', () => {
    const plan = planInventory(FIXTURE, catalog, defaultOptions);
    expect(plan.diagnostics.map((d) => `${d.severity} ${d.code} ${d.file}:${String(d.line)}`)).toEqual([
      'warning format-table-cut-value EXCAS01/ExSetup-ft80.txt:4',
      'info server-not-exchange-2007 org/ExchangeServer-fl.txt:2',
    ]);
    expect(plan.inputs.filter((f) => f.kind === null)).toEqual([]);
    expect(plan.inputs.map((f) => [f.path, f.format])).toContainEqual(['EXCAS01/Services-wrap.txt', 'format-table']);
  });

  it('gives the same facts whatever the shape', () => {
    const plan = planInventory(FIXTURE, catalog, defaultOptions);
    const cas = plan.servers.find((s) => s.facts.name === 'EXCAS01')?.facts;
    const mbx = plan.servers.find((s) => s.facts.name === 'EXMBX01')?.facts;
    expect(cas?.roles).toEqual(['ClientAccess', 'HubTransport']);
    expect(cas?.owaVirtualDirectories.map((v) => v.externalUrl)).toEqual(['https://mail.contoso.co.jp/owa']);
    const machine = (name: string) => [...(cas?.machines ?? []), ...(mbx?.machines ?? [])].find((m) => m.name === name);
    // Format-Table at 80 columns (FileName cut), Invoke-Command's table, Export-Clixml: the same build.
    for (const name of ['EXCAS01', 'EXMBX01A', 'EXMBX01B']) expect(machine(name)?.exsetup?.value, name).toEqual([8, 3, 298, 3]);
    // -Wrap: a display name over three lines is one value again.
    expect(machine('EXCAS01')?.services?.items.find((s) => s.name === 'MSExchangeADTopology')?.displayName).toBe('Microsoft Exchange Active Directory Topology Service');
    // -UseCulture: de-DE's `;` and `05.03.2013` dates, ja-JP's Japanese rollup names.
    expect(machine('EXCAS01')?.os?.value).toMatchObject({ version: '6.1.7601', servicePack: 'Service Pack 1', language: '1041', family: '2008R2' });
    expect(machine('EXCAS01')?.owaFiles?.items.map((f) => [f.path.split('\\').at(-1), f.lastWriteTime])).toEqual([
      ['logoff.aspx', '2013-03-05T09:02:11'],
      ['logon.aspx', '2013-03-12T10:41:07'],
    ]);
    expect(machine('EXCAS01')?.patches?.items.map((p) => [p.kb, p.rollup])).toEqual([
      ['KB2746157', 9],
      ['KB2788321', 10],
    ]);
    expect(machine('EXMBX01B')?.os?.value.family).toBe('2003');
    expect(mbx?.cluster?.nodes.map((n) => [n.name, n.active])).toEqual([
      ['EXMBX01A', true],
      ['EXMBX01B', false],
    ]);
  });
});
