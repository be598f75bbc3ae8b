// What each export of the inventory collection looks like: the objects the cmdlet pipes (their .NET types,
// property types and ToString), and how one table of rows is rendered as Export-Csv, `Format-List > file` or
// Export-Clixml output. Shared by scripts/make-sample-fleet.mjs and scripts/gen-fleet.mjs.
//
// Rows hold what Export-Csv writes: a string, or null for $null. A collection is an array, or the string a
// Select-Object calculated property joined it into (the column's `join`). DateTimes are the host culture's
// DateTime.ToString() (cultureDateTime), as in CSV and Format-List; CLIXML gets the ISO form back.
import { createHash } from 'node:crypto';
import { clixml, clixmlText, csvText, formatListCollection, formatListText, isoFromCultureDateTime, wrapModeOf } from './powershell-writers.mjs';

const PS_CUSTOM_OBJECT = 'System.Management.Automation.PSCustomObject';

const enumOf = (typeName, values) => ({ enum: [typeName, 'System.Enum', 'System.ValueType', 'System.Object'], values });

/**
 * Enum values. ServerRole is a flags enum (ToString lists the set flags in value order). Where the numeric
 * value of an Exchange 2007 enum member is not documented, it is its declaration position: nothing reads
 * it (the ingest reads ToString), but real exports carry one.
 */
const SERVER_ROLE = enumOf('Microsoft.Exchange.Data.Directory.SystemConfiguration.ServerRole', { None: 0, Mailbox: 2, ClientAccess: 4, UnifiedMessaging: 16, HubTransport: 32, Edge: 64 });
const SERVER_EDITION = enumOf('Microsoft.Exchange.Data.Directory.SystemConfiguration.ServerEditionType', { Unknown: 0, Standard: 1, Enterprise: 2, StandardEvaluation: 3, EnterpriseEvaluation: 4, Coexistence: 5 });
const CLUSTERED_STORAGE_TYPE = enumOf('Microsoft.Exchange.Data.Directory.SystemConfiguration.ClusteredStorageType', { Disabled: 0, NonShared: 1, Shared: 2 });
const CMS_STATE = enumOf('Microsoft.Exchange.Management.ClusterTasks.ClusteredMailboxServerState', { Unknown: 0, Online: 1, PartiallyOnline: 2, Offline: 3, Failed: 4, Pending: 5 });
const OBJECT_STATE = enumOf('Microsoft.Exchange.Data.ObjectState', { New: 0, Unchanged: 1, Changed: 2, Deleted: 3 });

const MULTI_VALUED_STRING = {
  list: [
    'Microsoft.Exchange.Data.MultiValuedProperty`1[[System.String, mscorlib, Version=2.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089]]',
    'Microsoft.Exchange.Data.MultiValuedPropertyBase',
    'System.Object',
  ],
};

/** A stable, GUID-shaped value derived from text (AD object GUIDs are not in the CSV exports). */
function guidFor(text) {
  const hex = createHash('sha256').update(`exrunbook guid ${text}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[parseInt(hex[16] ?? '0', 16) % 4]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** ADObjectId: ToString is the canonical name (`contoso.co.jp/Configuration/Sites/Tokyo`) or the bare name. */
const AD_OBJECT_ID = {
  object: ['Microsoft.Exchange.Data.Directory.ADObjectId', 'Microsoft.Exchange.Data.ObjectId', 'System.Object'],
  props: (text) => {
    const parts = text.split('/');
    const name = parts.at(-1) ?? text;
    const props = [['IsDeleted', clixml.boolean(false)]];
    if (parts.length > 1) {
      const dc = (parts[0] ?? '').split('.').map((label) => `DC=${label}`);
      const cn = parts.slice(1).reverse().map((label) => `CN=${label}`);
      props.push(['DistinguishedName', clixml.string([...cn, ...dc].join(','))]);
    }
    props.push(['ObjectGuid', clixml.guid(guidFor(text))], ['Name', clixml.string(name)]);
    return props;
  },
};

/** ServerVersion (AdminDisplayVersion): `Version 8.3 (Build 83.6)`. */
const SERVER_VERSION = {
  object: ['Microsoft.Exchange.Data.ServerVersion', 'System.Object'],
  props: (text) => {
    const m = /^Version (\d+)\.(\d+) \(Build (\d+)\.(\d+)\)$/.exec(text);
    if (m === null) throw new Error(`not an AdminDisplayVersion: ${text}`);
    return [
      ['Major', clixml.int32(m[1])],
      ['Minor', clixml.int32(m[2])],
      ['Build', clixml.int32(m[3])],
      ['Revision', clixml.int32(m[4])],
    ];
  },
};

const EXCHANGE_OBJECT_VERSION = { object: ['Microsoft.Exchange.Data.ExchangeObjectVersion', 'System.Object'] };

export const FILE_VERSION_INFO_COLUMNS = [
  'Comments', 'CompanyName', 'FileBuildPart', 'FileDescription', 'FileMajorPart', 'FileMinorPart', 'FileName',
  'FilePrivatePart', 'FileVersion', 'InternalName', 'IsDebug', 'IsPatched', 'IsPrivateBuild', 'IsPreRelease',
  'IsSpecialBuild', 'Language', 'LegalCopyright', 'LegalTrademarks', 'OriginalFilename', 'PrivateBuild',
  'ProductBuildPart', 'ProductMajorPart', 'ProductMinorPart', 'ProductName', 'ProductPrivatePart',
  'ProductVersion', 'SpecialBuild',
];

/** FileVersionInfo.ToString() of .NET Framework 2.0: a fixed list of fields, CRLF after each. */
function fileVersionInfoText(row) {
  const fields = [
    ['File:             ', row.FileName], ['InternalName:     ', row.InternalName], ['OriginalFilename: ', row.OriginalFilename],
    ['FileVersion:      ', row.FileVersion], ['FileDescription:  ', row.FileDescription], ['Product:          ', row.ProductName],
    ['ProductVersion:   ', row.ProductVersion], ['Debug:            ', row.IsDebug], ['Patched:          ', row.IsPatched],
    ['PreRelease:       ', row.IsPreRelease], ['PrivateBuild:     ', row.IsPrivateBuild], ['SpecialBuild:     ', row.IsSpecialBuild],
    ['Language:         ', row.Language],
  ];
  return fields.map(([label, value]) => `${label}${value ?? ''}\r\n`).join('');
}

/**
 * The exports, by name. `source` is the .NET type the cmdlet emits; `columns` maps each property to its type:
 * S, I32, I64, U16, U32, B, DT, URI, an enum, an object (ToString + props) or a list. `typeNames`/`toStringText`
 * describe the object when it is exported whole (not through Select-Object).
 */
export const EXPORTS = {
  ExchangeServer: {
    source: 'Microsoft.Exchange.Data.Directory.Management.ExchangeServer',
    columns: { Name: 'S', Fqdn: 'S', ServerRole: SERVER_ROLE, Edition: SERVER_EDITION, AdminDisplayVersion: SERVER_VERSION, Site: AD_OBJECT_ID, IsMemberOfCluster: 'S', ExchangeVersion: EXCHANGE_OBJECT_VERSION },
  },
  OwaVirtualDirectory: {
    source: 'Microsoft.Exchange.Data.Directory.SystemConfiguration.ADOwaVirtualDirectory',
    columns: { Server: AD_OBJECT_ID, Name: 'S', InternalUrl: 'URI', ExternalUrl: 'URI' },
  },
  /** Get-OutlookAnywhere: one object per server where Outlook Anywhere is enabled. */
  OutlookAnywhere: {
    source: 'Microsoft.Exchange.Data.Directory.SystemConfiguration.ADRpcHttpVirtualDirectory',
    columns: {
      Server: AD_OBJECT_ID,
      Name: 'S',
      ExternalHostname: 'S',
      ClientAuthenticationMethod: enumOf('Microsoft.Exchange.Data.Directory.SystemConfiguration.AuthenticationMethod', { Basic: 0, Ntlm: 1 }),
      IISAuthenticationMethods: { ...MULTI_VALUED_STRING, join: ';' },
      SSLOffloading: 'B',
    },
  },
  MailboxServer: {
    source: 'Microsoft.Exchange.Data.Directory.Management.MailboxServer',
    columns: { Name: 'S', ClusteredStorageType: CLUSTERED_STORAGE_TYPE, RedundantMachines: { ...MULTI_VALUED_STRING, join: ' ' } },
  },
  ClusteredMailboxServerStatus: {
    source: 'Microsoft.Exchange.Management.ClusterTasks.ClusteredMailboxServerStatus',
    typeNames: ['Microsoft.Exchange.Management.ClusterTasks.ClusteredMailboxServerStatus', 'System.Object'],
    toStringText: (row) => row.Identity ?? '',
    columns: {
      Identity: 'S',
      ClusteredMailboxServerName: 'S',
      State: CMS_STATE,
      OperationalMachines: { ...MULTI_VALUED_STRING, join: ';' },
      FailedResources: MULTI_VALUED_STRING,
      OperationalReplicationHostNames: MULTI_VALUED_STRING,
      FailedReplicationHostNames: MULTI_VALUED_STRING,
      InUseReplicationHostNames: MULTI_VALUED_STRING,
      IsValid: 'B',
      ObjectState: OBJECT_STATE,
    },
  },
  ExSetup: {
    source: 'System.Diagnostics.FileVersionInfo',
    typeNames: ['System.Diagnostics.FileVersionInfo', 'System.Object'],
    toStringText: fileVersionInfoText,
    columns: Object.fromEntries(FILE_VERSION_INFO_COLUMNS.map((c) => [c, /Part$/.test(c) ? 'I32' : /^Is/.test(c) ? 'B' : 'S'])),
  },
  InstalledPatches: { source: PS_CUSTOM_OBJECT, columns: { PSChildName: 'S', DisplayName: 'S', Installed: 'S' } },
  OperatingSystem: {
    source: 'System.Management.ManagementObject',
    columns: { CSName: 'S', Caption: 'S', Version: 'S', CSDVersion: 'S', OSLanguage: 'U32', OSArchitecture: 'S', ServicePackMajorVersion: 'U16' },
  },
  DotNetFramework: { source: PS_CUSTOM_OBJECT, columns: { PSChildName: 'S', Version: 'S', SP: 'I32', Install: 'I32' } },
  /** The collector's own test result: a PSObject built with Add-Member, not Select-Object output. */
  CrlCheck: { source: PS_CUSTOM_OBJECT, columns: { ComputerName: 'S', Url: 'S', Reachable: 'B', Detail: 'S' } },
  /** Get-ChildItem yields FileInfo and DirectoryInfo; a folder has no Length. */
  OwaFiles: { source: 'System.IO.FileInfo', sourceOf: (row) => (row.Length === null ? 'System.IO.DirectoryInfo' : 'System.IO.FileInfo'), columns: { FullName: 'S', Length: 'I64', LastWriteTime: 'DT' } },
  RpcProxy: { source: PS_CUSTOM_OBJECT, columns: { ValidPorts: 'S', Enabled: 'I32' } },
  Services: { source: 'System.Management.ManagementObject', columns: { Name: 'S', DisplayName: 'S', State: 'S', StartMode: 'S' } },
  SoftwarePublishing: { source: PS_CUSTOM_OBJECT, columns: { Account: 'S', SoftwarePublishingState: 'I32' } },
  ExchangeSetupLog: { source: PS_CUSTOM_OBJECT, columns: { LineNumber: 'I32', SetupLogLine: 'S' } },
};

/** The #TYPE that Select-Object gives its output on this PowerShell version. */
export function selectedTypeName(ps, inputType) {
  return ps >= 2 ? `Selected.${inputType}` : PS_CUSTOM_OBJECT;
}

/**
 * PSObject.TypeNames of one exported row: Select-Object output is `Selected.<type>` (PowerShell 2.0) over
 * PSCustomObject; a whole object keeps its own type hierarchy. Export-Csv's #TYPE is the first name.
 */
export function rowTypeNames(shape, { ps, selected }, row) {
  if (selected) {
    const source = shape.sourceOf?.(row) ?? shape.source;
    return ps >= 2 ? [`Selected.${source}`, PS_CUSTOM_OBJECT, 'System.Object'] : [PS_CUSTOM_OBJECT, 'System.Object'];
  }
  return shape.typeNames ?? [shape.source, 'System.Object'];
}

function listItems(type, value) {
  if (Array.isArray(value)) return value;
  if (value === '') return [];
  if (type.join === undefined) throw new Error('a collection exported as text needs its join separator');
  return value.split(type.join);
}

function csvCell(type, value) {
  if (value === null || typeof value === 'string') return value;
  if (typeof type === 'object' && 'list' in type && type.join !== undefined) return value.join(type.join);
  throw new Error('Export-Csv of a collection needs a calculated property that joins it');
}

function formatListCell(type, value) {
  if (value === null) return '';
  if (typeof type === 'object' && 'list' in type) return formatListCollection(listItems(type, value));
  if (typeof value !== 'string') throw new Error('only collections are arrays');
  return value;
}

function clixmlCell(type, value, { lang, utcOffset }) {
  if (value === null) return clixml.nil();
  if (typeof type === 'object' && 'list' in type) return clixml.object({ typeNames: type.list, list: listItems(type, value).map((item) => clixml.string(item)) });
  if (typeof value !== 'string') throw new Error('only collections are arrays');
  if (typeof type === 'object' && 'enum' in type) {
    let number = 0;
    for (const name of value.split(', ')) {
      const member = type.values[name];
      if (member === undefined) throw new Error(`${type.enum[0]} has no member ${name}`);
      number += member;
    }
    return clixml.object({ typeNames: type.enum, toStringText: value, primitive: clixml.int32(number) });
  }
  if (typeof type === 'object') return clixml.object({ typeNames: type.object, toStringText: value, ...(type.props ? { props: type.props(value) } : {}) });
  switch (type) {
    case 'S':
      return clixml.string(value);
    case 'I32':
      return clixml.int32(value);
    case 'I64':
      return clixml.int64(value);
    case 'U16':
      return clixml.uint16(value);
    case 'U32':
      return clixml.uint32(value);
    case 'B':
      if (value !== 'True' && value !== 'False') throw new Error(`not a Boolean: ${value}`);
      return clixml.boolean(value === 'True');
    case 'DT':
      return clixml.dateTime(`${isoFromCultureDateTime(value, lang)}${utcOffset}`);
    case 'URI':
      return clixml.uri(value);
    default:
      throw new Error(`unknown column type ${String(type)}`);
  }
}

/**
 * One export's file text. `format`: csv (Export-Csv / ConvertTo-Csv; `typeName` null for -NoTypeInformation,
 * otherwise the first row's type), format-list (`Format-List > file` at `width`, wrapped as the host culture
 * wraps) or clixml (Export-Clixml). `selected`: the rows went through Select-Object (else the whole object).
 * `columns` defaults to every property of the export, in its order.
 */
export function renderExport({ name, rows, format, columns, ps = 2, lang = 'en', selected = true, noTypeInformation = false, width = 80, utcOffset = '+09:00' }) {
  const shape = EXPORTS[name];
  if (shape === undefined) throw new Error(`unknown export ${name}`);
  const names = columns ?? Object.keys(shape.columns);
  const typeOf = (column) => {
    const type = shape.columns[column];
    if (type === undefined) throw new Error(`${name} has no column ${column}`);
    return type;
  };
  const valueOf = (row, column) => {
    if (!(column in row)) throw new Error(`${name} row is missing column ${column}`);
    return row[column];
  };
  if (format === 'csv') {
    const typeName = noTypeInformation || rows.length === 0 ? null : (rowTypeNames(shape, { ps, selected }, rows[0])[0] ?? null);
    const cells = rows.map((row) => Object.fromEntries(names.map((column) => [column, csvCell(typeOf(column), valueOf(row, column))])));
    return csvText({ typeName, columns: names, rows: cells });
  }
  if (format === 'format-list') {
    const records = rows.map((row) => names.map((column) => [column, formatListCell(typeOf(column), valueOf(row, column))]));
    return formatListText(records, { width, wrap: wrapModeOf(lang) });
  }
  if (format === 'clixml') {
    const objects = rows.map((row) => {
      const properties = names.map((column) => [column, clixmlCell(typeOf(column), valueOf(row, column), { lang, utcOffset })]);
      const typeNames = rowTypeNames(shape, { ps, selected }, row);
      if (typeNames.includes(PS_CUSTOM_OBJECT)) return clixml.object({ typeNames, members: properties });
      return clixml.object({ typeNames, ...(shape.toStringText ? { toStringText: shape.toStringText(row) } : {}), props: properties });
    });
    return clixmlText(objects);
  }
  throw new Error(`unknown format ${format}`);
}

// ---------------------------------------------------------------------------------------------------
// Values of the exports

const EXSETUP_PATH = 'C:\\Program Files\\Microsoft\\Exchange Server\\bin\\ExSetup.exe';

/** ExSetup.exe's System.Diagnostics.FileVersionInfo; Language is VerLanguageName() in the OS UI language. */
export function fileVersionInfo(fileVersion, lang) {
  const [major, minor, build, priv] = fileVersion.split('.').map((part) => String(Number(part)));
  return {
    Comments: '',
    CompanyName: 'Microsoft Corporation',
    FileBuildPart: build,
    FileDescription: '',
    FileMajorPart: major,
    FileMinorPart: minor,
    FileName: EXSETUP_PATH,
    FilePrivatePart: priv,
    FileVersion: fileVersion,
    InternalName: 'ExSetup.exe',
    IsDebug: 'False',
    IsPatched: 'False',
    IsPrivateBuild: 'False',
    IsPreRelease: 'False',
    IsSpecialBuild: 'False',
    Language: lang === 'ja' ? '言語ニュートラル' : 'Language Neutral',
    LegalCopyright: '© 2006 Microsoft Corporation. All rights reserved.',
    LegalTrademarks: 'Microsoft® is a registered trademark of Microsoft Corporation.',
    OriginalFilename: 'ExSetup.exe',
    PrivateBuild: '',
    ProductBuildPart: build,
    ProductMajorPart: major,
    ProductMinorPart: minor,
    ProductName: 'Microsoft® Exchange',
    ProductPrivatePart: priv,
    ProductVersion: fileVersion,
    SpecialBuild: '',
  };
}

/** A deterministic, version-4-shaped MSI patch code for a package (KB and language), in the registry's packed form. */
export function packedPatchCode(kb, packageLanguage) {
  const hex = createHash('sha256').update(`exrunbook sample-fleet patch ${kb} ${packageLanguage}`).digest('hex').slice(0, 32).split('');
  hex[12] = '4';
  hex[16] = '89ab'[parseInt(hex[16] ?? '0', 16) % 4] ?? '8';
  const guid = hex.join('').toUpperCase();
  const groups = [guid.slice(0, 8), guid.slice(8, 12), guid.slice(12, 16), guid.slice(16, 20), guid.slice(20)];
  const reverse = (s) => s.split('').reverse().join('');
  const swapPairs = (s) => s.replace(/(.)(.)/g, '$2$1');
  return reverse(groups[0]) + reverse(groups[1]) + reverse(groups[2]) + swapPairs(groups[3] + groups[4]);
}
