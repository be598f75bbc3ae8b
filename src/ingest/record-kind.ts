/**
 * The kinds of inventory record exrunbook understands (BRIEF §3). A file's kind is recognised from
 * its columns, never from its name: the signatures below list the columns that must all be present
 * (case-insensitive). The first matching signature wins, so more specific kinds come first.
 */
export type RecordKind =
  | 'exchange-server'
  | 'exsetup-version'
  | 'installed-patches'
  | 'owa-virtual-directory'
  | 'operating-system'
  | 'dotnet-framework'
  | 'crl-reachability'
  | 'mailbox-server'
  | 'clustered-mailbox-server-status'
  | 'owa-files'
  | 'rpc-proxy'
  | 'outlook-anywhere'
  | 'services'
  | 'publisher-revocation-check'
  | 'setup-log';

interface KindSignature {
  readonly kind: RecordKind;
  readonly allOf: readonly string[];
  readonly oneOf?: readonly string[];
}

const SIGNATURES: readonly KindSignature[] = [
  { kind: 'clustered-mailbox-server-status', allOf: ['OperationalMachines'] },
  { kind: 'mailbox-server', allOf: ['ClusteredStorageType'] },
  // Get-ItemProperty HKLM:\SOFTWARE\Microsoft\Rpc\RpcProxy: ValidPorts is in no other export.
  { kind: 'rpc-proxy', allOf: ['ValidPorts'] },
  // Get-ChildItem -Recurse of ClientAccess\Owa\auth and Owa\<build>\themes (FileInfo/DirectoryInfo).
  { kind: 'owa-files', allOf: ['FullName', 'Length', 'LastWriteTime'] },
  // Get-OutlookAnywhere (the Rpc virtual directories): these two are the Enable-OutlookAnywhere parameters.
  { kind: 'outlook-anywhere', allOf: ['ExternalHostname', 'ClientAuthenticationMethod'] },
  { kind: 'exchange-server', allOf: ['Name', 'ServerRole', 'AdminDisplayVersion'] },
  // The collector's ExchangeSetup.log tail and Software Publishing State: columns of its own naming.
  { kind: 'setup-log', allOf: ['SetupLogLine'] },
  { kind: 'publisher-revocation-check', allOf: ['SoftwarePublishingState'] },
  // Win32_Service (State, StartMode) or Get-Service (Status, StartType from PowerShell 5).
  { kind: 'services', allOf: ['Name', 'DisplayName'], oneOf: ['State', 'Status'] },
  { kind: 'exsetup-version', allOf: ['FileVersion', 'FileName'] },
  { kind: 'owa-virtual-directory', allOf: ['InternalUrl', 'ExternalUrl'] },
  // NDP registry keys (Get-ChildItem '…\NET Framework Setup\NDP' -Recurse | Get-ItemProperty): before operating-system, which also has Version.
  { kind: 'dotnet-framework', allOf: ['Version', 'SP', 'Install'] },
  { kind: 'operating-system', allOf: ['Caption', 'Version'], oneOf: ['CSDVersion', 'CSName', 'OSLanguage'] },
  { kind: 'crl-reachability', allOf: ['Reachable'] },
  { kind: 'installed-patches', allOf: ['DisplayName'], oneOf: ['Installed', 'InstallDate'] },
  // Get-ItemProperty or reg query of the Software Publishing key (PSChildName 'Software Publishing', checked
  // when read): after the patches, whose registry keys have a State value too.
  { kind: 'publisher-revocation-check', allOf: ['State', 'PSChildName'] },
  // A listing of names alone (a headerless name list, `select DisplayName`): installed updates without dates.
  { kind: 'installed-patches', allOf: ['DisplayName'] },
];

export const RECORD_KINDS: readonly RecordKind[] = [...new Set(SIGNATURES.map((s) => s.kind))];

/**
 * Kinds whose export may rightly hold no records: the collector writes a header-only file when a machine
 * has no update installed, or when no server in the organisation has Outlook Anywhere enabled.
 */
const NO_RECORDS_IS_AN_ANSWER: ReadonlySet<RecordKind> = new Set(['installed-patches', 'outlook-anywhere']);

export function noRecordsIsAnAnswer(kind: RecordKind): boolean {
  return NO_RECORDS_IS_AN_ANSWER.has(kind);
}

export function classifyRecordKind(columns: readonly string[]): RecordKind | null {
  const present = new Set(columns.map((c) => c.toLowerCase()));
  const has = (c: string): boolean => present.has(c.toLowerCase());
  for (const signature of SIGNATURES) {
    if (signature.allOf.every(has) && (signature.oneOf === undefined || signature.oneOf.some(has))) return signature.kind;
  }
  return null;
}

/** Reads a column case-insensitively ('' when absent), trimming PowerShell's padding. */
export function readColumn(values: Readonly<Record<string, string>>, column: string): string {
  const direct = values[column];
  if (direct !== undefined) return direct.trim();
  const wanted = column.toLowerCase();
  for (const [key, value] of Object.entries(values)) if (key.toLowerCase() === wanted) return value.trim();
  return '';
}
