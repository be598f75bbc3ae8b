import { loadBuildCatalog } from '../../src/knowledge/load-build-catalog.js';
import { parseBuildNumber, type BuildNumber } from '../../src/knowledge/build-number.js';
import type { DotNetFacts, InstalledPatch, MachineFacts, OperatingSystem, OutlookAnywhere, OwaFile, OwaVirtualDirectory, RpcProxySettings, ServerFacts } from '../../src/normalize/server-facts.js';
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

// --- OWA files, RPC proxy, Client Access servers (owa-customisations-preserved, rpc-proxy-settings-backed-up, cas-proxy-order)

export const OWA_ROOT = 'C:\\Program Files\\Microsoft\\Exchange Server\\ClientAccess\\Owa';

/** One OWA listing entry; `relative` is below the Owa folder (`auth\\logon.aspx`); a trailing `\\` makes a folder. */
export function owaFile(relative: string, lastWriteTime = '2013-03-05T10:15:22', length = 4096): OwaFile {
  const folder = relative.endsWith('\\');
  return { path: `${OWA_ROOT}\\${folder ? relative.slice(0, -1) : relative}`, length: folder ? null : length, lastWriteTime, from: at };
}

/** A stock listing: auth files and the shipped themes (base and numbered) of one build, all written at one time. */
export function stockOwaFiles(build = '8.3.298.3', lastWriteTime = '2013-03-05T10:15:22'): OwaFile[] {
  return [
    owaFile('auth\\expiredpassword.aspx', lastWriteTime),
    owaFile('auth\\logoff.aspx', lastWriteTime),
    owaFile('auth\\logon.aspx', lastWriteTime),
    owaFile('auth\\owaauth.dll', lastWriteTime),
    owaFile(`${build}\\themes\\base\\`, lastWriteTime),
    owaFile(`${build}\\themes\\base\\logon.css`, lastWriteTime),
    owaFile(`${build}\\themes\\1\\`, lastWriteTime),
    owaFile(`${build}\\themes\\2\\`, lastWriteTime),
  ];
}

export function withOwaFiles(m: MachineFacts, files: OwaFile[] | null): MachineFacts {
  return { ...m, owaFiles: files === null ? null : { items: files, from: [at] } };
}

export function withRpcProxy(m: MachineFacts, validPorts: string | null, enabled: boolean | null = true): MachineFacts {
  return { ...m, rpcProxy: validPorts === null ? null : { value: { validPorts, enabled } satisfies RpcProxySettings, from: at } };
}

/** Outlook Anywhere as a Get-OutlookAnywhere export says: enabled with an external host name, disabled, or not collected (null). */
export function withOutlookAnywhere(s: ServerFacts, externalHostname: string | false | null): ServerFacts {
  const value: OutlookAnywhere | null =
    externalHostname === null
      ? null
      : externalHostname === false
        ? { enabled: false }
        : { enabled: true, externalHostname, clientAuthenticationMethod: 'Basic', iisAuthenticationMethods: ['Basic', 'Ntlm'], sslOffloading: false };
  return { ...s, outlookAnywhere: value === null ? null : { value, from: { file: 'org/OutlookAnywhere.csv', line: 2 } } };
}

/** A Client Access server with its OWA virtual directory (ExternalUrl set = Internet-facing). */
export function casServer(name: string, options: { externalUrl?: string | null; exsetup?: string; machine?: MachineFacts; roles?: ServerFacts['roles']; owa?: boolean } = {}): ServerFacts {
  const lower = name.toLowerCase();
  const owaVirtualDirectories: OwaVirtualDirectory[] =
    options.owa === false
      ? []
      : [
          { name: 'owa (Default Web Site)', internalUrl: `https://${lower}.contoso.co.jp/owa`, externalUrl: options.externalUrl ?? '', from: at },
          { name: 'Exchange (Default Web Site)', internalUrl: '', externalUrl: '', from: at },
        ];
  return server(name, {
    roles: options.roles ?? ['ClientAccess'],
    owaVirtualDirectories,
    machines: [options.machine ?? machine(name, { exsetup: options.exsetup ?? '8.3.298.3' })],
  });
}

// --- Clustered mailbox servers and step texts (clustered-mailbox-procedure, active-directory-prepared)

/** A clustered mailbox server: one Exchange server object whose nodes are the machines holding binaries. */
export function cmsServer(
  name: string,
  options: { type?: 'ccr' | 'scc'; nodes: readonly { name: string; active?: boolean; os?: OperatingSystem }[]; exsetup?: string; patches?: InstalledPatch[] },
): ServerFacts {
  return server(name, {
    roles: ['Mailbox'],
    cluster: { type: options.type ?? 'ccr', nodes: options.nodes.map((n) => ({ name: n.name, active: n.active ?? false, quorumOwner: n.active ?? false })), from: at },
    machines: options.nodes.map((n) => machine(n.name, { exsetup: options.exsetup ?? '8.3.245.2', ...(n.os ? { os: n.os } : {}), ...(options.patches ? { patches: options.patches } : {}) })),
  });
}

/**
 * Renders every step of an evaluation with the shipped step texts (strict Handlebars, as the HTML
 * renderer compiles them), so a placeholder without data fails the test instead of the operator's page.
 */
export async function renderSteps(evaluation: ServerEvaluation, lang: 'en' | 'ja'): Promise<string[]> {
  const { loadStepTexts } = await import('../../src/render/html/step-texts.js');
  const { Marked } = await import('marked');
  const Handlebars = (await import('handlebars')).default;
  const texts = loadStepTexts(lang, new Marked({ gfm: true }), Handlebars.create());
  return evaluation.steps.map((s) => {
    const text = texts.get(s.step);
    if (!text) throw new Error(`no ${lang} text for step ${s.step}`);
    return `${text.title(s.data)}\n${text.bodyHtml(s.data)}`;
  });
}
