import type { BuildNumber } from '../knowledge/build-number.js';
import type { ServicePackName } from '../knowledge/build-catalog.js';

/** Which file and line said so. Every fact carries one, so a runbook can show its evidence. */
export interface Provenance {
  readonly file: string;
  readonly line: number;
}

export interface Sourced<T> {
  readonly value: T;
  readonly from: Provenance;
}

export type ExchangeRole = 'ClientAccess' | 'HubTransport' | 'Mailbox' | 'UnifiedMessaging' | 'Edge';
export const EXCHANGE_ROLES: readonly ExchangeRole[] = ['ClientAccess', 'HubTransport', 'Mailbox', 'UnifiedMessaging', 'Edge'];

export type PatchKind = 'rollup' | 'interim-update';

export interface InstalledPatch {
  readonly kb: string | null;
  readonly displayName: string;
  /** ISO date (YYYY-MM-DD) when the export's date could be read, else the text as exported. */
  readonly installed: string;
  readonly kind: PatchKind;
  /** For rollups: the branch and number read from the catalogue (by KB) or from the name. */
  readonly servicePack: ServicePackName | null;
  readonly rollup: number | null;
  readonly from: Provenance;
}

export type OsFamily = '2003' | '2008' | '2008R2' | 'other';

export interface OperatingSystem {
  readonly caption: string;
  readonly version: string;
  readonly servicePack: string;
  readonly family: OsFamily;
  /** Win32_OperatingSystem.OSLanguage (1041 = Japanese), '' when not exported. */
  readonly language: string;
  /** KB numbers of the installed hotfixes, when the export lists them (systeminfo); absent otherwise. */
  readonly hotfixes?: readonly string[];
}

/** From the NDP registry keys: what the CLR 2.0 generatePublisherEvidence switch needs (KB944752). */
export interface DotNetFacts {
  /** SP of NDP\v2.0.50727 (0 = RTM); null when no .NET 2.0 key was exported. */
  readonly clr2ServicePack: number | null;
  /** NDP\v3.5 is installed (it brings CLR 2.0 SP1 or later). */
  readonly has35: boolean;
}

/** One entry of the OWA file listing (Get-ChildItem -Recurse of ClientAccess\Owa\auth and …\Owa\<build>\themes). */
export interface OwaFile {
  /** FullName as exported, e.g. `C:\Program Files\Microsoft\Exchange Server\ClientAccess\Owa\auth\logon.aspx`. */
  readonly path: string;
  /** null for a folder (DirectoryInfo has no Length). */
  readonly length: number | null;
  /** `YYYY-MM-DDTHH:MM:SS` in the server's local time, null when the export's date could not be read. */
  readonly lastWriteTime: string | null;
  readonly from: Provenance;
}

/** HKLM\SOFTWARE\Microsoft\Rpc\RpcProxy as exported with Get-ItemProperty (the key exists when there is a record). */
export interface RpcProxySettings {
  /** REG_SZ `host:port[-port];…`, '' when the value is absent. */
  readonly validPorts: string;
  /** The Enabled DWORD (1 = on), null when not exported. */
  readonly enabled: boolean | null;
}

/** A computer that holds Exchange binaries: the server itself, or a node of a clustered mailbox server. */
export interface MachineFacts {
  readonly name: string;
  readonly exsetup: Sourced<BuildNumber> | null;
  /** null when no patch listing was exported for this machine (unknown, not "none installed"). */
  readonly patches: { readonly items: readonly InstalledPatch[]; readonly from: readonly Provenance[] } | null;
  readonly os: Sourced<OperatingSystem> | null;
  readonly crlReachable: Sourced<boolean> | null;
  /** null/absent when no OWA file listing was exported for this machine. */
  readonly owaFiles?: { readonly items: readonly OwaFile[]; readonly from: readonly Provenance[] } | null;
  /** null/absent when no RpcProxy registry export was found (the key is absent or was not collected). */
  readonly rpcProxy?: Sourced<RpcProxySettings> | null;
  /** null when no .NET (NDP registry) export was found for this machine. */
  readonly dotNet?: Sourced<DotNetFacts> | null;
  /** Exchange and IIS services (Win32_Service / Get-Service); null/absent when not exported for this machine. */
  readonly services?: { readonly items: readonly ServiceState[]; readonly from: readonly Provenance[] } | null;
  /**
   * The installing account's Software Publishing `State` DWORD (HKCU\Software\Microsoft\Windows\CurrentVersion\
   * WinTrust\Trust Providers\Software Publishing): 0x23c00 = "Check for publisher's certificate revocation" on,
   * 0x23e00 = off. null/absent when not exported.
   */
  readonly publisherRevocationCheck?: Sourced<PublisherRevocationCheck> | null;
  /** The last result lines of C:\ExchangeSetupLogs\ExchangeSetup.log as exported; null/absent when not exported. */
  readonly setupLog?: Sourced<SetupLogTail> | null;
}

/** One Windows service as Win32_Service / Get-Service reports it. */
export interface ServiceState {
  /** Service name, e.g. `MSExchangeIS`. */
  readonly name: string;
  readonly displayName: string;
  /** `Running`, `Stopped`, … as exported. */
  readonly state: string;
  /** `Auto`, `Manual`, `Disabled` (Win32_Service.StartMode) as exported. */
  readonly startMode: string;
  readonly from: Provenance;
}

export interface PublisherRevocationCheck {
  readonly state: number;
  readonly checksRevocation: boolean;
}

export interface SetupLogTail {
  readonly lines: readonly string[];
}

export interface ClusterNode {
  readonly name: string;
  readonly active: boolean;
  readonly quorumOwner: boolean;
}

export interface ClusterFacts {
  readonly type: 'ccr' | 'scc';
  readonly nodes: readonly ClusterNode[];
  readonly from: Provenance;
}

export interface OwaVirtualDirectory {
  readonly name: string;
  readonly internalUrl: string;
  readonly externalUrl: string;
  readonly from: Provenance;
}

/**
 * Outlook Anywhere on a Client Access server, from Get-OutlookAnywhere. Enable-OutlookAnywhere creates the
 * Rpc virtual directory that the cmdlet lists and Disable-OutlookAnywhere removes it, so a record means
 * enabled; a server that an organisation-wide export does not list has it disabled.
 */
export type OutlookAnywhere =
  | { readonly enabled: false }
  | {
      readonly enabled: true;
      /** ExternalHostname, e.g. `mail.contoso.co.jp`. */
      readonly externalHostname: string;
      /** Basic or Ntlm. */
      readonly clientAuthenticationMethod: string;
      /** IISAuthenticationMethods, whichever way the export wrote the collection (`a;b`, `{a, b}`, CLIXML list). */
      readonly iisAuthenticationMethods: readonly string[];
      readonly sslOffloading: boolean | null;
    };

/** Everything known about one Exchange server object (a CMS is one object with several machines). */
export interface ServerFacts {
  readonly name: string;
  readonly fqdn: string | null;
  readonly roles: readonly ExchangeRole[];
  readonly site: string | null;
  readonly edition: string | null;
  readonly adminDisplayVersion: Sourced<BuildNumber> | null;
  /** Set when the server is not Exchange 2007: listed in the plan, excluded from it. */
  readonly excluded: { readonly reason: 'other-version'; readonly version: string } | null;
  readonly cluster: ClusterFacts | null;
  readonly owaVirtualDirectories: readonly OwaVirtualDirectory[];
  /** null/absent when the inventory has no Get-OutlookAnywhere export (unknown, not "disabled"). */
  readonly outlookAnywhere?: Sourced<OutlookAnywhere> | null;
  readonly machines: readonly MachineFacts[];
  readonly from: Provenance;
}
