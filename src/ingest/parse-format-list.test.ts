import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExrunbookError } from '../errors.js';
import { looksLikeFormatList, parseFormatList } from './parse-format-list.js';

const crlf = (lines: readonly string[]): string => lines.join('\r\n');

/** `Get-ExchangeServer | fl > servers.txt` on a ja-JP server (console width 120: mid-word wraps). */
const getExchangeServerJa = crlf([
  '',
  '',
  'Name                              : EXCAS01',
  'DataPath                          : C:\\Program Files\\Microsoft\\Exchange Server\\Mailbox',
  'Domain                            : contoso.local',
  'Edition                           : Enterprise',
  'ExchangeLegacyDN                  : /o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Configuration/cn=Se',
  '                                    rvers/cn=EXCAS01',
  'ExchangeLegacyServerRole          : 0',
  'Fqdn                              : excas01.contoso.local',
  'IsHubTransportServer              : True',
  'IsClientAccessServer              : True',
  'IsMailboxServer                   : False',
  'IsMemberOfCluster                 : No',
  'NetworkAddress                    : {ncacn_vns_spp:EXCAS01, netbios:EXCAS01, ncacn_np:EXCAS01, ncacn_spx:EXCAS01...}',
  'AdminDisplayVersion               : Version 8.3 (Build 83.6)',
  'Site                              : contoso.local/Configuration/Sites/Tokyo',
  'ServerRole                        : ClientAccess, HubTransport',
  'ErrorReportingEnabled             : ',
  'StaticDomainControllers           : {}',
  'IsExpiredExchange2007TrialEdition : False',
  'RemainingTrialPeriod              : 00:00:00',
  'ExchangeVersion                   : 0.1 (8.0.535.0)',
  'DistinguishedName                 : CN=EXCAS01,CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administ',
  '                                    rative Groups,CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=conto',
  '                                    so,DC=local',
  'ObjectClass                       : {top, server, msExchExchangeServer}',
  'WhenChanged                       : 2013/02/11 10:00:00',
  '',
  'Name                              : EXMBX01',
  'DataPath                          : C:\\Program Files\\Microsoft\\Exchange Server\\Mailbox',
  'Domain                            : contoso.local',
  'Edition                           : Enterprise',
  'ExchangeLegacyDN                  : /o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Configuration/cn=Se',
  '                                    rvers/cn=EXMBX01',
  'ExchangeLegacyServerRole          : 0',
  'Fqdn                              : exmbx01.contoso.local',
  'IsHubTransportServer              : False',
  'IsClientAccessServer              : False',
  'IsMailboxServer                   : True',
  'IsMemberOfCluster                 : Yes',
  'NetworkAddress                    : {ncacn_vns_spp:EXMBX01, netbios:EXMBX01, ncacn_np:EXMBX01, ncacn_spx:EXMBX01...}',
  'AdminDisplayVersion               : Version 8.1 (Build 240.6)',
  'Site                              : contoso.local/Configuration/Sites/Tokyo',
  'ServerRole                        : Mailbox',
  'ErrorReportingEnabled             : ',
  'StaticDomainControllers           : {}',
  'IsExpiredExchange2007TrialEdition : False',
  'RemainingTrialPeriod              : 00:00:00',
  'ExchangeVersion                   : 0.1 (8.0.535.0)',
  'DistinguishedName                 : CN=EXMBX01,CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administ',
  '                                    rative Groups,CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=conto',
  '                                    so,DC=local',
  'ObjectClass                       : {top, server, msExchExchangeServer}',
  'WhenChanged                       : 2013/02/11 22:41:07',
  '',
  '',
  '',
]);

/** `Get-ClusteredMailboxServerStatus | fl` for a CCR clustered mailbox server. */
const clusteredStatus = crlf([
  '',
  '',
  'Identity                        : EXMBX01',
  'ClusteredMailboxServerName      : EXMBX01.contoso.local',
  'State                           : Online',
  'OperationalMachines             : {EXMBX01N1 <Active, Quorum Owner>, EXMBX01N2}',
  'FailedResources                 : {}',
  'OperationalReplicationHostNames : {exmbx01n1, exmbx01n2}',
  'FailedReplicationHostNames      : {}',
  'InUseReplicationHostNames       : {exmbx01n1, exmbx01n2}',
  'IsValid                         : True',
  '',
  '',
  '',
]);

/** Installed Exchange patches from the registry on ja-JP Windows, width 80: wraps inside Japanese text. */
const patchesJa = crlf([
  '',
  '',
  'DisplayName : Exchange Server 2007 Service Pack 3 の更新プログラムのロールアップ',
  '               10 (KB2788321)',
  'Installed   : 20130211',
  'PSChildName : 8C8D0E1F2A3B4C5D6E7F8091A2B3C4D5',
  '',
  'DisplayName : Exchange Server 2007 Service Pack 3 用の暫定更新プログラム (KB2556',
  '              352)',
  'Installed   : 20120507',
  'PSChildName : 1A2B3C4D5E6F708192A3B4C5D6E7F809',
  '',
  '',
  '',
]);

/** `Get-OwaVirtualDirectory | fl` on en-US Windows, width 80: word wrap keeps the space on the first line. */
const owaEn = crlf([
  '',
  '',
  'Server           : EXCAS01',
  'Name             : owa (Default Web Site)',
  'InternalUrl      : https://excas01.contoso.local/owa',
  'ExternalUrl      : https://mail.contoso.com/owa',
  'MetabasePath     : IIS://EXCAS01.contoso.local/W3SVC/1/ROOT/owa',
  'Path             : C:\\Program Files\\Microsoft\\Exchange Server\\ClientAccess\\Owa',
  'AdminDescription : Outlook Web Access virtual directory for the Internet facing ',
  '                   site in Tokyo, published through the reverse proxy',
  '',
  'Server           : EXCAS02',
  'Name             : owa (Default Web Site)',
  'InternalUrl      : https://excas02.contoso.local/owa',
  'ExternalUrl      :',
  'MetabasePath     : IIS://EXCAS02.contoso.local/W3SVC/1/ROOT/owa',
  'Path             : C:\\Program Files\\Microsoft\\Exchange Server\\ClientAccess\\Owa',
  'AdminDescription : ',
  '',
  '',
]);

/** `Get-ChildItem …\Owa\auth | fl FullName, Length, LastWriteTime`: Format-List prints a group header. */
const owaFiles = crlf([
  '',
  '',
  '    Directory: C:\\Program Files\\Microsoft\\Exchange Server\\ClientAccess\\Owa\\auth',
  '',
  '',
  '',
  'FullName      : C:\\Program Files\\Microsoft\\Exchange Server\\ClientAccess\\Owa\\auth\\logon.aspx',
  'Length        : 21873',
  'LastWriteTime : 2012/11/20 14:03:51',
  '',
  'FullName      : C:\\Program Files\\Microsoft\\Exchange Server\\ClientAccess\\Owa\\auth\\logoff.aspx',
  'Length        : 4519',
  'LastWriteTime : 2010/03/02 3:12:00',
  '',
  '',
]);

describe('parseFormatList', () => {
  it('reads Get-ExchangeServer | fl with mid-word wraps, collections, empty values and colons in values', () => {
    const { table, diagnostics } = parseFormatList(getExchangeServerJa, 'servers.txt');
    expect(table.format).toBe('format-list');
    expect(table.typeName).toBeNull();
    expect(table.rows).toHaveLength(2);
    expect(table.rows.map((r) => r.line)).toEqual([3, 30]);
    const [cas, mbx] = table.rows.map((r) => r.values);
    expect(cas).toMatchObject({
      Name: 'EXCAS01',
      DataPath: 'C:\\Program Files\\Microsoft\\Exchange Server\\Mailbox',
      ExchangeLegacyDN: '/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Configuration/cn=Servers/cn=EXCAS01',
      ServerRole: 'ClientAccess, HubTransport',
      AdminDisplayVersion: 'Version 8.3 (Build 83.6)',
      ErrorReportingEnabled: '',
      StaticDomainControllers: '{}',
      RemainingTrialPeriod: '00:00:00',
      DistinguishedName:
        'CN=EXCAS01,CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,CN=Contoso,' +
        'CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=local',
      ObjectClass: '{top, server, msExchExchangeServer}',
      WhenChanged: '2013/02/11 10:00:00',
    });
    expect(mbx).toMatchObject({ Name: 'EXMBX01', IsMemberOfCluster: 'Yes', AdminDisplayVersion: 'Version 8.1 (Build 240.6)' });
    expect(table.columns.slice(0, 5)).toEqual(['Name', 'DataPath', 'Domain', 'Edition', 'ExchangeLegacyDN']);
    expect(table.columns).toHaveLength(23);
    // NetworkAddress was cut by $FormatEnumerationLimit in both records.
    expect(diagnostics).toEqual([
      { severity: 'warning', code: 'format-list-truncated-collection', file: 'servers.txt', line: 15, data: { column: 'NetworkAddress' } },
      { severity: 'warning', code: 'format-list-truncated-collection', file: 'servers.txt', line: 42, data: { column: 'NetworkAddress' } },
    ]);
  });

  it('measures the wrap width on property lines only, so a long stray line does not split words', () => {
    const stray = `PS C:\\Program Files\\Microsoft\\Exchange Server\\Scripts> ${'Get-ExchangeServer | Format-List '.repeat(5)}`;
    const { table, diagnostics } = parseFormatList(`${stray}\r\n${getExchangeServerJa}`, 'servers.txt');
    expect(diagnostics[0]).toMatchObject({ code: 'console-prompt-line', line: 1 });
    expect(table.rows[0]?.values['ExchangeLegacyDN']).toBe(
      '/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Configuration/cn=Servers/cn=EXCAS01',
    );
  });

  it('keeps OperationalMachines markers as raw collection text', () => {
    const { table, diagnostics } = parseFormatList(clusteredStatus, 'cms.txt');
    expect(diagnostics).toEqual([]);
    expect(table.rows).toEqual([
      {
        line: 3,
        values: {
          Identity: 'EXMBX01',
          ClusteredMailboxServerName: 'EXMBX01.contoso.local',
          State: 'Online',
          OperationalMachines: '{EXMBX01N1 <Active, Quorum Owner>, EXMBX01N2}',
          FailedResources: '{}',
          OperationalReplicationHostNames: '{exmbx01n1, exmbx01n2}',
          FailedReplicationHostNames: '{}',
          InUseReplicationHostNames: '{exmbx01n1, exmbx01n2}',
          IsValid: 'True',
        },
      },
    ]);
  });

  it('joins Japanese values wrapped at display-cell width', () => {
    const { table, diagnostics } = parseFormatList(patchesJa, 'patches.txt');
    expect(diagnostics).toEqual([]);
    expect(table.rows.map((r) => r.values['DisplayName'])).toEqual([
      'Exchange Server 2007 Service Pack 3 の更新プログラムのロールアップ 10 (KB2788321)',
      'Exchange Server 2007 Service Pack 3 用の暫定更新プログラム (KB2556352)',
    ]);
    expect(table.rows.map((r) => r.line)).toEqual([3, 8]);
  });

  it('joins English word wraps, keeping the space PowerShell left at the line end', () => {
    const { table } = parseFormatList(owaEn, 'owa.txt');
    expect(table.rows.map((r) => r.values)).toEqual([
      {
        Server: 'EXCAS01',
        Name: 'owa (Default Web Site)',
        InternalUrl: 'https://excas01.contoso.local/owa',
        ExternalUrl: 'https://mail.contoso.com/owa',
        MetabasePath: 'IIS://EXCAS01.contoso.local/W3SVC/1/ROOT/owa',
        Path: 'C:\\Program Files\\Microsoft\\Exchange Server\\ClientAccess\\Owa',
        AdminDescription: 'Outlook Web Access virtual directory for the Internet facing site in Tokyo, published through the reverse proxy',
      },
      {
        Server: 'EXCAS02',
        Name: 'owa (Default Web Site)',
        InternalUrl: 'https://excas02.contoso.local/owa',
        ExternalUrl: '',
        MetabasePath: 'IIS://EXCAS02.contoso.local/W3SVC/1/ROOT/owa',
        Path: 'C:\\Program Files\\Microsoft\\Exchange Server\\ClientAccess\\Owa',
        AdminDescription: '',
      },
    ]);
  });

  it('reports a group header as info and still reads the records under it', () => {
    const { table, diagnostics } = parseFormatList(owaFiles, 'owa-files.txt');
    expect(diagnostics).toEqual([
      {
        severity: 'info',
        code: 'format-list-group-header',
        file: 'owa-files.txt',
        line: 3,
        data: { label: 'Directory', value: 'C:\\Program Files\\Microsoft\\Exchange Server\\ClientAccess\\Owa\\auth' },
      },
    ]);
    expect(table.columns).toEqual(['FullName', 'Length', 'LastWriteTime']);
    expect(table.rows.map((r) => [r.line, r.values['Length']])).toEqual([
      [7, '21873'],
      [11, '4519'],
    ]);
  });

  const joinCases: { name: string; lines: string[]; column: string; value: string }[] = [
    {
      name: 'word wrap whose trailing space an editor stripped → one space',
      lines: [
        'Name        : EXCAS01',
        'Description : Outlook Web Access for the Internet facing',
        '              site in Tokyo',
        'Other       : 1234567890123456789012345678901234567890123',
      ],
      column: 'Description',
      value: 'Outlook Web Access for the Internet facing site in Tokyo',
    },
    {
      name: 'short line before a continuation whose first word would have fitted → embedded line break',
      lines: ['Name        : EXCAS01', 'Description : first line', '              second line', 'Other       : 1234567890123456789012345678901234567890123'],
      column: 'Description',
      value: 'first line\nsecond line',
    },
    {
      name: 're-flowed continuation indented less than the value column → one space',
      lines: ['Name        : EXCAS01', 'Description : reflowed by', '   hand'],
      column: 'Description',
      value: 'reflowed by hand',
    },
    {
      name: 'tab-indented continuation → one space',
      lines: ['Name        : EXCAS01', 'Description : tabbed', '\tcontinuation'],
      column: 'Description',
      value: 'tabbed continuation',
    },
    {
      name: 'continuation indented beyond the value column keeps the extra space as content',
      lines: ['Name : 1234567890', '        abc'],
      column: 'Name',
      value: '1234567890 abc',
    },
    {
      name: 'word-wrap line holding only the space after a field-wide word',
      lines: ['Name : EX01', 'Text : abcde', '        ', '       fghij'],
      column: 'Text',
      value: 'abcde fghij',
    },
    {
      name: 'double-width character that did not fit leaves the line one cell short',
      lines: ['Name : 0123456789', 'Site : 東京本社東', '       京'],
      column: 'Site',
      value: '東京本社東京',
    },
  ];
  it.each(joinCases)('continuations: $name', ({ lines, column, value }) => {
    const { table, diagnostics } = parseFormatList(lines.join('\n'), 'x.txt');
    expect(diagnostics).toEqual([]);
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0]?.values[column]).toBe(value);
  });

  const lineEndingCases = [
    { name: 'CRLF', text: crlf(['Name : EX01', 'Fqdn : ex01.contoso.local', '', 'Name : EX02']) },
    { name: 'LF', text: ['Name : EX01', 'Fqdn : ex01.contoso.local', '', 'Name : EX02'].join('\n') },
    { name: 'CR', text: ['Name : EX01', 'Fqdn : ex01.contoso.local', '', 'Name : EX02'].join('\r') },
    { name: 'BOM, no final newline, trailing spaces', text: '\uFEFFName : EX01  \r\nFqdn : ex01.contoso.local\r\n   \r\nName : EX02' },
    { name: 'several blank lines between records', text: '\n\n\nName : EX01\nFqdn : ex01.contoso.local\n\n\n\nName : EX02\n\n\n' },
  ];
  it.each(lineEndingCases)('line endings: $name', ({ text }) => {
    const { table, diagnostics } = parseFormatList(text, 'x.txt');
    expect(diagnostics).toEqual([]);
    expect(table.rows.map((r) => r.values)).toEqual([{ Name: 'EX01', Fqdn: 'ex01.contoso.local' }, { Name: 'EX02' }]);
    expect(table.columns).toEqual(['Name', 'Fqdn']);
  });

  const valueCases: { name: string; line: string; expected: Record<string, string> }[] = [
    { name: 'URL', line: 'InternalUrl : https://excas01.contoso.local:443/owa', expected: { InternalUrl: 'https://excas01.contoso.local:443/owa' } },
    { name: 'Windows path', line: 'Path : C:\\Program Files\\Microsoft', expected: { Path: 'C:\\Program Files\\Microsoft' } },
    { name: 'time', line: 'WhenChanged : 2/11/2013 10:00:00 PM', expected: { WhenChanged: '2/11/2013 10:00:00 PM' } },
    { name: 'value containing " : "', line: 'Note : a : b', expected: { Note: 'a : b' } },
    { name: 'value starting with a colon', line: 'Note : : x', expected: { Note: ': x' } },
    { name: 'no value, no trailing space', line: 'ExternalUrl :', expected: { ExternalUrl: '' } },
    { name: 'no value, trailing space', line: 'ExternalUrl : ', expected: { ExternalUrl: '' } },
    { name: 'Japanese value', line: 'Site : 東京本社', expected: { Site: '東京本社' } },
    { name: 'Japanese property name', line: 'サーバー名 : EX01', expected: { サーバー名: 'EX01' } },
    { name: 'dotted property name', line: 'PSComputerName.Length : 7', expected: { 'PSComputerName.Length': '7' } },
    { name: 'RPC ValidPorts', line: 'ValidPorts : EXCAS01:6001-6002;EXCAS01:6004', expected: { ValidPorts: 'EXCAS01:6001-6002;EXCAS01:6004' } },
  ];
  it.each(valueCases)('values: $name', ({ line, expected }) => {
    const { table, diagnostics } = parseFormatList(line, 'x.txt');
    expect(diagnostics).toEqual([]);
    expect(table.rows).toEqual([{ line: 1, values: expected }]);
  });

  it('warns about a line that is neither a property nor a continuation, with its line number, and skips it; a prompt line is an info', () => {
    const text = crlf(['PS C:\\> Get-ExchangeServer | fl', '', 'Name : EX01', '-----', 'Fqdn : ex01.contoso.local']);
    const { table, diagnostics } = parseFormatList(text, 'x.txt');
    expect(table.rows).toEqual([{ line: 3, values: { Name: 'EX01', Fqdn: 'ex01.contoso.local' } }]);
    expect(diagnostics).toEqual([
      { severity: 'info', code: 'console-prompt-line', file: 'x.txt', line: 1, data: { text: 'PS C:\\> Get-ExchangeServer | fl' } },
      { severity: 'warning', code: 'format-list-unparsed-line', file: 'x.txt', line: 4, data: { text: '-----' } },
    ]);
  });

  it('warns about an indented line at the start of a record that is not a group header', () => {
    const { table, diagnostics } = parseFormatList('Name : EX01\n\n    orphan\nName : EX02', 'x.txt');
    expect(table.rows.map((r) => r.values['Name'])).toEqual(['EX01', 'EX02']);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['format-list-unparsed-line', 3]]);
  });

  it('caps unparsed-line warnings and reports how many were suppressed', () => {
    const text = Array.from({ length: 30 }, (_, i) => `junk ${i}`).join('\n');
    const { table, diagnostics } = parseFormatList(text, 'x.txt');
    expect(table.rows).toEqual([]);
    expect(diagnostics.filter((d) => d.code === 'format-list-unparsed-line')).toHaveLength(20);
    expect(diagnostics.at(-1)).toEqual({ severity: 'warning', code: 'format-list-unparsed-lines-suppressed', file: 'x.txt', data: { count: 10 } });
  });

  it('starts a new record when a property repeats without a blank line (re-flowed samples)', () => {
    const text = ['Name                     : irbexch1', 'ServerRole               : Mailbox', 'Name                     : IRBEXCH3', 'ServerRole               : ClientAccess, HubTransport'].join('\n');
    const { table, diagnostics } = parseFormatList(text, 'x.txt');
    expect(table.rows).toEqual([
      { line: 1, values: { Name: 'irbexch1', ServerRole: 'Mailbox' } },
      { line: 3, values: { Name: 'IRBEXCH3', ServerRole: 'ClientAccess, HubTransport' } },
    ]);
    expect(diagnostics).toEqual([]);
  });

  it('warns when the repeated property is not the record\'s first (a record cut or re-ordered by hand)', () => {
    const text = ['Name       : irbexch1', 'ServerRole : Mailbox', 'ServerRole : ClientAccess', 'Name       : IRBEXCH3'].join('\n');
    const { table, diagnostics } = parseFormatList(text, 'x.txt');
    expect(table.rows.map((r) => r.values)).toEqual([{ Name: 'irbexch1', ServerRole: 'Mailbox' }, { ServerRole: 'ClientAccess', Name: 'IRBEXCH3' }]);
    expect(diagnostics).toEqual([{ severity: 'warning', code: 'format-list-duplicate-property', file: 'x.txt', line: 3, data: { column: 'ServerRole' } }]);
  });

  it('builds columns as the union over records in first-seen order', () => {
    const { table } = parseFormatList('A : 1\nB : 2\n\nC : 3\nA : 4\n\nD : 5', 'x.txt');
    expect(table.columns).toEqual(['A', 'B', 'C', 'D']);
    expect(table.rows.map((r) => r.values)).toEqual([{ A: '1', B: '2' }, { C: '3', A: '4' }, { D: '5' }]);
  });

  it('keeps __proto__ and constructor as ordinary columns', () => {
    const { table } = parseFormatList('__proto__   : x\nconstructor : y', 'x.txt');
    const values = table.rows[0]?.values ?? {};
    expect(Object.keys(values)).toEqual(['__proto__', 'constructor']);
    expect(values['__proto__']).toBe('x');
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
  });

  it('stays linear on adversarial long lines', () => {
    const long = 200_000;
    const inputs = [
      `  a: b${' '.repeat(long)}x`,
      `Name : ${' '.repeat(long)}x`,
      `${'a'.repeat(long)} x`,
      `Name : v\n${' '.repeat(long)}x\n${' '.repeat(long)}`,
      ':'.repeat(long),
      ` :${' :'.repeat(long)}`,
      `Name : ${'東'.repeat(long)}\n       ${'京'.repeat(long)}`,
    ];
    for (const text of inputs) {
      expect(() => parseFormatList(text, 'x.txt')).not.toThrow();
      looksLikeFormatList(text);
    }
  });

  it('returns an empty table for empty or blank input', () => {
    for (const text of ['', '\r\n\r\n', '   \n\t\n']) {
      expect(parseFormatList(text, 'x.txt')).toEqual({ table: { format: 'format-list', columns: [], rows: [], typeName: null }, diagnostics: [] });
    }
  });
});

describe('looksLikeFormatList', () => {
  const cases: { name: string; text: string; expected: boolean }[] = [
    { name: 'Get-ExchangeServer | fl', text: getExchangeServerJa, expected: true },
    { name: 'Japanese patches', text: patchesJa, expected: true },
    { name: 'group header first', text: owaFiles, expected: true },
    { name: 'single property', text: 'Name : EX01', expected: true },
    { name: 'CSV with #TYPE', text: '#TYPE Selected.Microsoft.Exchange.Data.Directory.Management.ExchangeServer\r\n"Name","Fqdn"\r\n"EX01","ex01"', expected: false },
    { name: 'CSV whose value holds " : "', text: 'Name,Note\r\nEX01,a : b\r\nEX02,c : d', expected: false },
    { name: 'CLIXML', text: '<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><S>a : b</S></Objs>', expected: false },
    { name: 'prose', text: 'This is a readme.\nIt has no properties.', expected: false },
    { name: 'empty', text: '', expected: false },
  ];
  it.each(cases)('$name → $expected', ({ text, expected }) => {
    expect(looksLikeFormatList(text)).toBe(expected);
  });
});

// ---- PowerShell's Format-List, re-implemented for the round-trip property (ListWriter +
// StringManipulationHelper.GenerateLinesWithWordWrap / GenerateLinesWithoutWordWrap). ----

type WrapMode = 'word-wrap' | 'hard-wrap';
type Measure = 'cells' | 'chars';
const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7A3\uF900-\uFAFF\uFF00-\uFF60\uFFE0-\uFFE6]/u;

function lengthOf(s: string, measure: Measure): number {
  let n = 0;
  for (const c of s) n += measure === 'cells' && WIDE.test(c) ? 2 : 1;
  return n;
}

function headSplit(s: string, len: number, measure: Measure): number {
  let used = 0;
  let n = 0;
  for (const c of s) {
    const w = lengthOf(c, measure);
    if (used + w > len) break;
    used += w;
    n += c.length;
  }
  return n;
}

function hardWrap(value: string, field: number, measure: Measure): string[] {
  if (lengthOf(value, measure) <= field) return [value];
  const out: string[] = [];
  let offset = 0;
  while (lengthOf(value.slice(offset), measure) > field) {
    const len = headSplit(value.slice(offset), field, measure);
    out.push(value.slice(offset, offset + len));
    offset += len;
  }
  out.push(value.slice(offset));
  return out;
}

function wordWrap(value: string, field: number, measure: Measure): string[] {
  if (lengthOf(value, measure) <= field) return [value];
  const parts = value.split(' ');
  const words = parts.map((w, i) => (i < parts.length - 1 ? `${w} ` : w));
  const out: string[] = [];
  let left = field;
  let line = '';
  for (const word of words) {
    const len = lengthOf(word, measure);
    if (len > field) {
      for (const c of word) {
        const w = lengthOf(c, measure);
        if (w > left) {
          out.push(line);
          line = c;
          left = field - w;
        } else {
          line += c;
          left -= w;
        }
      }
    } else if (len > left) {
      out.push(line);
      line = word;
      left = field - len;
    } else {
      line += word;
      left -= len;
    }
  }
  out.push(line);
  return out;
}

function renderFormatList(records: readonly (readonly [string, string])[][], width: number, mode: WrapMode, measure: Measure): string {
  const out = ['', ''];
  for (const record of records) {
    const label = Math.max(...record.map(([n]) => lengthOf(n, measure)));
    const column = label + 3;
    for (const [name, value] of record) {
      const chunks = (mode === 'hard-wrap' ? hardWrap : wordWrap)(value, width - column, measure);
      chunks.forEach((chunk, i) => {
        out.push(i === 0 ? `${name}${' '.repeat(label - lengthOf(name, measure))} : ${chunk}` : `${' '.repeat(column)}${chunk}`);
      });
    }
    out.push('');
  }
  out.push('', '');
  return out.join('\r\n');
}

const wordChar = fc.constantFrom(...'abcXYZ019:/\\.,{}<>()=-_@;東京更新プログラムｱｲ'.split(''));
const word = fc.string({ unit: wordChar, minLength: 1, maxLength: 14 });
const value = fc
  .array(fc.tuple(word, fc.constantFrom(' ', ' ', ' ', '  ')), { maxLength: 12 })
  .map((parts) => parts.map(([w, gap]) => w + gap).join('').trim());
const asciiName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,19}$/);
const japaneseName = fc.string({ unit: fc.constantFrom('サ', 'ー', 'バ', '名', 'x'), minLength: 1, maxLength: 5 });
/**
 * Wide labels only where PowerShell pads them by display cells: padded by characters, a continuation
 * starting with a space is indistinguishable from one indented to the cell column.
 */
const recordOf = (measure: Measure) =>
  fc.uniqueArray(fc.tuple(measure === 'cells' ? fc.oneof(asciiName, japaneseName) : asciiName, value), {
    minLength: 1,
    maxLength: 8,
    selector: ([n]) => n,
  });

describe('parseFormatList properties', () => {
  it('round-trips records rendered like PowerShell (both wrap styles, cell- or char-counted widths)', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom<Measure>('cells', 'chars')
          .chain((measure) => fc.tuple(fc.constant(measure), fc.array(recordOf(measure), { minLength: 1, maxLength: 5 }))),
        fc.constantFrom<WrapMode>('word-wrap', 'hard-wrap'),
        fc.integer({ min: 2, max: 60 }),
        ([measure, records], mode, field) => {
          const label = Math.max(...records.flat().map(([n]) => lengthOf(n, measure)));
          const text = renderFormatList(records, label + 3 + field, mode, measure);
          const { table, diagnostics } = parseFormatList(text, 'x.txt');
          expect(diagnostics.filter((d) => d.code !== 'format-list-truncated-collection')).toEqual([]);
          expect(table.rows.map((r) => r.values)).toEqual(records.map((r) => Object.fromEntries(r)));
          const columns = [...new Set(records.flat().map(([n]) => n))];
          expect(table.columns).toEqual(columns);
        },
      ),
      { numRuns: 300 },
    );
  });

  const fragment = fc.oneof(
    fc.string(),
    fc.constantFrom('\r\n', '\n', '\r', ' : ', ':', '    ', '\t', '{', '}', '...}', 'Name', '東京', '\uFEFF', '__proto__'),
  );
  const chaotic = fc.array(fragment, { maxLength: 60 }).map((parts) => parts.join(''));

  it('never throws on arbitrary text (or only ExrunbookError) and keeps its output well-formed', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), chaotic), (text) => {
        let result: ReturnType<typeof parseFormatList>;
        try {
          result = parseFormatList(text, 'x.txt');
        } catch (error) {
          expect(error).toBeInstanceOf(ExrunbookError);
          return;
        }
        const lineCount = text.split(/\r\n|\r|\n/).length;
        for (const row of result.table.rows) {
          expect(row.line).toBeGreaterThanOrEqual(1);
          expect(row.line).toBeLessThanOrEqual(lineCount);
          for (const key of Object.keys(row.values)) expect(result.table.columns).toContain(key);
        }
        looksLikeFormatList(text);
      }),
      { numRuns: 300 },
    );
  });
});
