import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlanJson } from './support/build-plan.js';
import { factsByExport } from './support/facts-by-export.js';

/**
 * The sample fleet exists four times (scripts/make-sample-fleet.mjs): the original CSV, Format-List text,
 * CLIXML, and CSV with the Japanese hosts in cp932. Same servers and facts, so the same plan.json — apart
 * from the input files (paths, hashes) and the file:line references into them, which these tests map back
 * to the export they name.
 */

interface Input {
  path: string;
  sha256: string;
  kind: string | null;
  format: string | null;
  records: number;
}
interface Diagnostic {
  severity: string;
  code: string;
  file: string;
  line?: number;
}
interface PlanJson {
  inputs: Input[];
  diagnostics: Diagnostic[];
}

const VARIANTS = ['sample-fleet-format-list', 'sample-fleet-clixml', 'sample-fleet-cp932'] as const;
type Fixture = 'sample-fleet' | (typeof VARIANTS)[number];

/** Every export of the sample fleet, as `folder/name`, with its record kind and number of records. */
const EXPORTS: readonly (readonly [string, string, number])[] = [
  ['EXCAS01/CrlCheck', 'crl-reachability', 1],
  ['EXCAS01/DotNetFramework', 'dotnet-framework', 6],
  ['EXCAS01/ExSetup', 'exsetup-version', 1],
  ['EXCAS01/InstalledPatches', 'installed-patches', 2],
  ['EXCAS01/OperatingSystem', 'operating-system', 1],
  ['EXCAS01/OwaFiles', 'owa-files', 45],
  ['EXCAS01/RpcProxy', 'rpc-proxy', 1],
  ['EXCAS02/DotNetFramework', 'dotnet-framework', 6],
  ['EXCAS02/ExSetup', 'exsetup-version', 1],
  ['EXCAS02/InstalledPatches', 'installed-patches', 2],
  ['EXCAS02/OperatingSystem', 'operating-system', 1],
  ['EXCAS02/OwaFiles', 'owa-files', 40],
  ['EXEDGE01/CrlCheck', 'crl-reachability', 1],
  ['EXEDGE01/DotNetFramework', 'dotnet-framework', 6],
  ['EXEDGE01/ExSetup', 'exsetup-version', 1],
  ['EXEDGE01/ExchangeServer', 'exchange-server', 1],
  ['EXEDGE01/InstalledPatches', 'installed-patches', 1],
  ['EXEDGE01/OperatingSystem', 'operating-system', 1],
  ['EXHUB01/CrlCheck', 'crl-reachability', 1],
  ['EXHUB01/DotNetFramework', 'dotnet-framework', 2],
  ['EXHUB01/ExSetup', 'exsetup-version', 1],
  ['EXHUB01/InstalledPatches', 'installed-patches', 2],
  ['EXHUB01/OperatingSystem', 'operating-system', 1],
  ['EXMBX01N1/CrlCheck', 'crl-reachability', 1],
  ['EXMBX01N1/DotNetFramework', 'dotnet-framework', 6],
  ['EXMBX01N1/ExSetup', 'exsetup-version', 1],
  ['EXMBX01N1/InstalledPatches', 'installed-patches', 1],
  ['EXMBX01N1/OperatingSystem', 'operating-system', 1],
  ['EXMBX01N2/CrlCheck', 'crl-reachability', 1],
  ['EXMBX01N2/DotNetFramework', 'dotnet-framework', 6],
  ['EXMBX01N2/ExSetup', 'exsetup-version', 1],
  ['EXMBX01N2/InstalledPatches', 'installed-patches', 1],
  ['EXMBX01N2/OperatingSystem', 'operating-system', 1],
  ['EXMBX02/CrlCheck', 'crl-reachability', 1],
  ['EXMBX02/DotNetFramework', 'dotnet-framework', 6],
  ['EXMBX02/ExSetup', 'exsetup-version', 1],
  ['EXMBX02/InstalledPatches', 'installed-patches', 1],
  ['EXMBX02/OperatingSystem', 'operating-system', 1],
  ['org/ClusteredMailboxServerStatus', 'clustered-mailbox-server-status', 1],
  ['org/ExchangeServer', 'exchange-server', 6],
  ['org/MailboxServer', 'mailbox-server', 2],
  ['org/OwaVirtualDirectory', 'owa-virtual-directory', 8],
];

/** The Japanese hosts' exports that hold Japanese text, which the cp932 variant writes with -Encoding Default. */
const CP932_WITH_JAPANESE = ['EXCAS02', 'EXMBX01N1', 'EXMBX01N2'].flatMap((host) => [`${host}/ExSetup.csv`, `${host}/InstalledPatches.csv`]);

const stem = (path: string): string => path.replace(/\.\w+$/, '');

/**
 * plan.json with the inputs left out, diagnostics without line numbers, and every `path` or `path:line`
 * of an input file replaced by its export (`folder/name`): what must not depend on the format.
 */
function formatIndependent(plan: PlanJson): string {
  let text = JSON.stringify(plan, (key, value: unknown) => (key === 'inputs' || key === 'line' ? undefined : value), 1);
  for (const path of plan.inputs.map((i) => i.path).sort((a, b) => b.length - a.length)) {
    text = text.replace(new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?::\\d+)?`, 'g'), stem(path));
  }
  return text;
}

const work = mkdtempSync(join(tmpdir(), 'exrunbook-variants-'));
const plans = new Map<Fixture, PlanJson>();
beforeAll(async () => {
  for (const fixture of ['sample-fleet', ...VARIANTS] as const) {
    plans.set(fixture, (await buildPlanJson(join('fixtures', fixture), join(work, fixture))) as PlanJson);
  }
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});
const planOf = (fixture: Fixture): PlanJson => {
  const plan = plans.get(fixture);
  if (!plan) throw new Error(`${fixture} was not built`);
  return plan;
};

describe('the sample fleet in other formats', () => {
  it.each(VARIANTS)('%s gives the original plan.json, apart from the input files', (variant) => {
    const plan = planOf(variant);
    const withoutCp932Notices = { ...plan, diagnostics: plan.diagnostics.filter((d) => d.code !== 'decoded-as-cp932') };
    expect(formatIndependent(withoutCp932Notices)).toBe(formatIndependent(planOf('sample-fleet')));
  });

  it.each(['sample-fleet', ...VARIANTS] as const)('%s has every export with its kind and record count', (fixture) => {
    const inputs = planOf(fixture).inputs;
    expect(inputs.filter((i) => i.kind === null)).toEqual([]);
    const exports = [...new Map(inputs.map((i) => [stem(i.path), [stem(i.path), i.kind, i.records] as const])).values()];
    expect(exports).toEqual(EXPORTS);
  });

  it.each(VARIANTS)('%s reads the same facts as the original, every one of them (plan.json shows only some)', (variant) => {
    expect(factsByExport(join('fixtures', variant)).facts).toBe(factsByExport(join('fixtures', 'sample-fleet')).facts);
  });

  it.each([
    ['sample-fleet-format-list', 'format-list', 42],
    ['sample-fleet-clixml', 'clixml', 42],
  ] as const)('%s is all %s, one file per export', (variant, format, files) => {
    const inputs = planOf(variant).inputs;
    expect(inputs).toHaveLength(files);
    expect(new Set(inputs.map((i) => i.format))).toEqual(new Set([format]));
  });

  it('keeps the original files of the cp932 variant except the Japanese hosts’ exports', () => {
    const original = new Map(planOf('sample-fleet').inputs.map((i) => [i.path, i.sha256]));
    const changed = planOf('sample-fleet-cp932')
      .inputs.filter((i) => original.get(i.path) !== i.sha256)
      .map((i) => i.path);
    expect(planOf('sample-fleet-cp932').inputs.map((i) => i.path)).toEqual([...original.keys()]);
    // The ASCII-only exports of the Japanese hosts are re-encoded too, but cp932 writes ASCII as ASCII.
    expect(changed).toEqual(expect.arrayContaining(CP932_WITH_JAPANESE));
    expect(changed.every((path) => /^(EXCAS02|EXMBX01N1|EXMBX01N2)\//.test(path) && !path.endsWith('OperatingSystem.csv'))).toBe(true);
  });

  it('writes real Japanese in cp932, which the ingest reads as such', () => {
    const patches = readFileSync(join('fixtures', 'sample-fleet-cp932', 'EXCAS02', 'InstalledPatches.csv'));
    expect(patches.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    expect(new TextDecoder('shift_jis', { fatal: true }).decode(patches)).toContain('(KB971534) 用の更新プログラムのロールアップ 1');
    const notices = planOf('sample-fleet-cp932').diagnostics.filter((d) => d.code === 'decoded-as-cp932');
    expect(notices.map((d) => d.file).sort()).toEqual([...CP932_WITH_JAPANESE].sort());
    expect(notices.every((d) => d.severity === 'info')).toBe(true);
  });

  it.each(['sample-fleet', ...VARIANTS] as const)('%s ingests without warnings or errors', (fixture) => {
    const diagnostics = planOf(fixture).diagnostics;
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    // The one note of the original: the Edge's own Get-ExchangeServer export wins over the organisation's.
    expect(diagnostics.filter((d) => d.code !== 'decoded-as-cp932').map((d) => d.code)).toEqual(['server-listed-twice']);
  });
});
