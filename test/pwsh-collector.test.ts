import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planInventory } from '../src/cli/plan-inventory.js';
import { catalog, defaultOptions } from './support/facts.js';
import { runPwshFile } from './support/pwsh.js';

/**
 * The shipped collector, run by real PowerShell (7.6) with only what an Exchange 2007 server has stubbed
 * (test/pwsh/run-collector.ps1 says what and why), and read back by exrunbook: everything it writes must
 * be read with no diagnostic but the one the organisation calls for (its Exchange 2003 server).
 *
 * What PowerShell 7 hides, and what covers it instead: 7 accepts syntax 1.0/2.0 reject ([ordered],
 * -join/-split, try/catch, [pscustomobject], ::new(), -in …) — the static scan in
 * collector-script.test.ts fails on each of them; 7's Export-Csv defaults (UTF-8, no #TYPE line) differ
 * from 2.0's — the collector always passes -NoTypeInformation -Encoding Unicode, which write the same
 * UTF-16LE file on both; 7 runs scripts with the invariant culture here while a Japanese 2.0 host would
 * write dates and numbers in its culture — the collector formats dates with the invariant culture itself.
 * Cmdlets that 7 lacks (Get-WmiObject) or that need Windows (the registry provider) are the stubs.
 */
const out = mkdtempSync(join(tmpdir(), 'exrunbook-pwsh-collector-'));
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
});

function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => (statSync(join(dir, name)).isDirectory() ? listFiles(join(dir, name)) : [join(dir, name)]));
}

describe('the collector under PowerShell 7, read back by exrunbook', () => {
  let exit: number | null = null;
  let stderr = '';
  beforeAll(() => {
    const run = runPwshFile('test/pwsh/run-collector.ps1', ['-OutputPath', out]);
    exit = run.status;
    stderr = `${run.stdout}${run.stderr}`;
  }, 300_000);

  it('runs every scope and computer with exit code 0 and no ERROR or WARN in any collector.log', () => {
    expect(exit, stderr).toBe(0);
    const logs = listFiles(out).filter((f) => f.endsWith('collector.log'));
    expect(logs.map((f) => relative(out, f).split(sep).join('/'))).toEqual(['EXCAS01/collector.log', 'EXMBX01A/collector.log', 'EXMBX01B/collector.log', 'org/collector.log']);
    for (const log of logs) {
      const text = readFileSync(log).subarray(2).toString('utf16le');
      expect(text.split('\r\n').filter((line) => / (ERROR|WARN) /.test(line)), log).toEqual([]);
    }
  });

  it('writes files exrunbook reads with no diagnostic but the Exchange 2003 server being out of scope', () => {
    const plan = planInventory(out, catalog, defaultOptions);
    expect(plan.diagnostics.map((d) => `${d.severity} ${d.code} ${d.file}:${String(d.line)}`)).toEqual(['info server-not-exchange-2007 org/ExchangeServer.csv:2']);
    expect(plan.inputs.filter((f) => f.kind === null)).toEqual([]);
    expect(plan.excluded).toEqual([{ name: 'EX2003', version: 'Exchange Server 2003, Version 6.5 (Build 7638.2: Service Pack 2)', reason: 'other-version' }]);
    expect(plan.servers.map((s) => s.facts.name)).toEqual(['EXCAS01', 'EXMBX01']);
  });

  it('gives verify its facts: services, the publisher revocation check, the setup log', () => {
    const plan = planInventory(out, catalog, defaultOptions);
    const machines = plan.servers.flatMap((s) => s.facts.machines);
    const named = (name: string) => machines.find((m) => m.name === name);
    expect(named('EXCAS01')?.services?.items.map((s) => [s.name, s.state, s.startMode])).toEqual([
      ['IISADMIN', 'Running', 'Auto'],
      ['MSExchangeADTopology', 'Running', 'Auto'],
      ['MSExchangePOP3', 'Stopped', 'Manual'],
      ['MSExchangeServiceHost', 'Running', 'Auto'],
      ['W3SVC', 'Running', 'Auto'],
    ]);
    expect(named('EXMBX01B')?.services?.items.find((s) => s.name === 'MSExchangeIS')?.state).toBe('Stopped');
    expect(named('EXCAS01')?.publisherRevocationCheck?.value).toEqual({ state: 0x23c00, checksRevocation: true });
    expect(named('EXMBX01A')?.publisherRevocationCheck?.value).toEqual({ state: 0x23e00, checksRevocation: false });
    expect(named('EXMBX01B')?.publisherRevocationCheck).toBeNull();
    expect(named('EXCAS01')?.setupLog?.value.lines).toEqual([
      "[03/05/2013 10:12:44] [1] [WARNING] Setup could not verify the publisher's certificate revocation: the list was not reachable.",
      '[03/05/2013 10:15:02] [0] The Microsoft Exchange Server setup operation completed successfully.',
      '[03/05/2013 10:15:03] [0] End of Setup',
    ]);
    expect(named('EXCAS01')?.owaFiles?.items.find((f) => f.path.endsWith('\\auth\\logon.aspx'))?.lastWriteTime).toBe('2013-03-12T10:41:07');
    expect(plan.servers.find((s) => s.facts.name === 'EXMBX01')?.facts.cluster?.nodes.map((n) => [n.name, n.active])).toEqual([
      ['EXMBX01A', true],
      ['EXMBX01B', false],
    ]);
  });
});

describe("the collector's CRL test picks its proxy from the account's explicit settings, never by detection", () => {
  it('reads ProxyEnable, ProxyServer (one for all, or per protocol), ProxyOverride and notes an AutoConfigURL it does not run', () => {
    const run = runPwshFile('test/pwsh/explicit-proxy.ps1', []);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim().split(/\r?\n/)).toEqual([
      'no key|direct|',
      'proxy off|direct|',
      'one proxy|http://proxy.contoso.co.jp:8080|',
      'per protocol|http://web.contoso.co.jp:3128|',
      'https only|direct|',
      'bypassed|direct|',
      'script|direct|automatic configuration script http://wpad/proxy.pac not evaluated',
    ]);
  }, 120_000);
});
