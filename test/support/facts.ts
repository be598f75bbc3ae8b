import { loadBuildCatalog } from '../../src/knowledge/load-build-catalog.js';
import { parseBuildNumber, type BuildNumber } from '../../src/knowledge/build-number.js';
import type { DotNetFacts, InstalledPatch, MachineFacts, OperatingSystem, ServerFacts } from '../../src/normalize/server-facts.js';
import type { Rule, RuleOptions } from '../../src/rules/define-rule.js';
import { runRules, type ServerEvaluation } from '../../src/rules/run-rules.js';
import { parseOsFamily } from '../../src/normalize/parse-values.js';

/** Builders for rule table tests: terse facts in, a full ServerFacts out. */
export const catalog = loadBuildCatalog();
const at = { file: 'test.csv', line: 2 };

export function build(text: string): BuildNumber {
  const b = parseBuildNumber(text);
  if (!b) throw new Error(`bad build ${text}`);
  return b;
}

export function os(version: '5.2.3790' | '6.0.6002' | '6.1.7601', language = '1033'): OperatingSystem {
  const caption = { '5.2.3790': 'Microsoft(R) Windows(R) Server 2003, Enterprise x64 Edition', '6.0.6002': 'Microsoft® Windows Server® 2008 Enterprise', '6.1.7601': 'Microsoft Windows Server 2008 R2 Enterprise' }[version];
  return { caption, version, servicePack: version === '6.1.7601' ? 'Service Pack 1' : 'Service Pack 2', family: parseOsFamily(version), language };
}

export function patch(kb: string, displayName: string, kind: InstalledPatch['kind'] = 'interim-update'): InstalledPatch {
  const level = catalog.byKb(kb);
  return { kb, displayName, installed: '2013-04-19', kind, servicePack: level?.servicePack ?? null, rollup: level?.rollup ?? null, from: at };
}

export function machine(name: string, options: { exsetup?: string; patches?: InstalledPatch[] | null; os?: OperatingSystem | null; crl?: boolean | null; dotNet?: DotNetFacts | null } = {}): MachineFacts {
  return {
    name,
    exsetup: options.exsetup ? { value: build(options.exsetup), from: at } : null,
    patches: options.patches === null ? null : { items: options.patches ?? [], from: [at] },
    os: options.os === null ? null : { value: options.os ?? os('6.1.7601'), from: at },
    crlReachable: options.crl === undefined || options.crl === null ? null : { value: options.crl, from: at },
    // Default: .NET 3.5 SP1 (CLR 2.0 SP2), as on a current Exchange 2007 server.
    dotNet: options.dotNet === null ? null : { value: options.dotNet ?? { clr2ServicePack: 2, has35: true }, from: at },
  };
}

export function server(name: string, overrides: Partial<ServerFacts> & { exsetup?: string } = {}): ServerFacts {
  const { exsetup, ...rest } = overrides;
  return {
    name,
    fqdn: `${name}.contoso.co.jp`,
    roles: ['Mailbox'],
    site: 'Tokyo',
    edition: 'Enterprise',
    adminDisplayVersion: { value: build('8.3.83.6'), from: at },
    excluded: null,
    cluster: null,
    owaVirtualDirectories: [],
    machines: [machine(name, { exsetup: exsetup ?? '8.3.298.3' })],
    from: at,
    ...rest,
  };
}

export const defaultOptions: RuleOptions = { target: { kind: 'latest' }, interimUpdateFixes: new Map() };

/** Runs one rule over a fleet and returns the evaluation of the named server. */
export function evaluate(rule: Rule, fleet: ServerFacts[], name = fleet[0]?.name ?? '', options: RuleOptions = defaultOptions): ServerEvaluation & { status: string } {
  const evaluation = runRules(fleet, [rule], catalog, options).find((e) => e.server.name === name);
  if (!evaluation) throw new Error(`no evaluation for ${name}`);
  return { ...evaluation, status: evaluation.results[0]?.status ?? 'missing' };
}
