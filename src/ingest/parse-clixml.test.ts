import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExrunbookError } from '../errors.js';
import { looksLikeClixml, parseClixml } from './parse-clixml.js';

const NS = 'xmlns="http://schemas.microsoft.com/powershell/2004/04"';
const crlf = (lines: readonly string[]): string => lines.join('\r\n');

/** `Get-ExchangeServer | Export-Clixml servers.xml` on PowerShell 2.0 (shape of the 2.0 serializer). */
const getExchangeServer = crlf([
  `<Objs Version="1.1.0.1" ${NS}>`,
  '  <Obj RefId="0">',
  '    <TN RefId="0">',
  '      <T>Microsoft.Exchange.Data.Directory.Management.ExchangeServer</T>',
  '      <T>Microsoft.Exchange.Data.Directory.ADPresentationObject</T>',
  '      <T>Microsoft.Exchange.Data.Directory.ADObject</T>',
  '      <T>Microsoft.Exchange.Data.Directory.ADRawEntry</T>',
  '      <T>Microsoft.Exchange.Data.ConfigurableObject</T>',
  '      <T>System.Object</T>',
  '    </TN>',
  '    <ToString>EXCAS01</ToString>',
  '    <Props>',
  '      <S N="Name">EXCAS01</S>',
  '      <Obj N="DataPath" RefId="1">',
  '        <TN RefId="1">',
  '          <T>Microsoft.Exchange.Data.LocalLongFullPath</T>',
  '          <T>Microsoft.Exchange.Data.LongPath</T>',
  '          <T>System.Object</T>',
  '        </TN>',
  '        <ToString>C:\\Program Files\\Microsoft\\Exchange Server\\Mailbox</ToString>',
  '        <Props>',
  '          <S N="PathName">C:\\Program Files\\Microsoft\\Exchange Server\\Mailbox</S>',
  '          <B N="IsLocalFull">true</B>',
  '          <Nil N="ServerName" />',
  '        </Props>',
  '      </Obj>',
  '      <S N="Domain">contoso.local</S>',
  '      <Obj N="Edition" RefId="2">',
  '        <TN RefId="2">',
  '          <T>Microsoft.Exchange.Data.Directory.SystemConfiguration.ServerEditionType</T>',
  '          <T>System.Enum</T>',
  '          <T>System.ValueType</T>',
  '          <T>System.Object</T>',
  '        </TN>',
  '        <ToString>Enterprise</ToString>',
  '        <I32>2</I32>',
  '      </Obj>',
  '      <S N="ExchangeLegacyDN">/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Configuration/cn=Servers/cn=EXCAS01</S>',
  '      <I32 N="ExchangeLegacyServerRole">0</I32>',
  '      <S N="Fqdn">excas01.contoso.local</S>',
  '      <B N="IsHubTransportServer">true</B>',
  '      <B N="IsClientAccessServer">true</B>',
  '      <B N="IsMailboxServer">false</B>',
  '      <B N="IsMemberOfCluster">false</B>',
  '      <Obj N="NetworkAddress" RefId="3">',
  '        <TN RefId="3">',
  '          <T>Microsoft.Exchange.Data.NetworkAddressCollection</T>',
  '          <T>Microsoft.Exchange.Data.MultiValuedProperty`1[[Microsoft.Exchange.Data.NetworkAddress, Microsoft.Exchange.Data, Version=8.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35]]</T>',
  '          <T>Microsoft.Exchange.Data.MultiValuedPropertyBase</T>',
  '          <T>System.Object</T>',
  '        </TN>',
  '        <LST>',
  '          <S>ncacn_vns_spp:EXCAS01</S>',
  '          <S>netbios:EXCAS01</S>',
  '          <S>ncacn_np:EXCAS01</S>',
  '          <S>ncacn_spx:EXCAS01</S>',
  '          <S>ncacn_ip_tcp:excas01.contoso.local</S>',
  '          <S>ncalrpc:EXCAS01</S>',
  '        </LST>',
  '      </Obj>',
  '      <Obj N="AdminDisplayVersion" RefId="4">',
  '        <TN RefId="4">',
  '          <T>Microsoft.Exchange.Data.ServerVersion</T>',
  '          <T>System.Object</T>',
  '        </TN>',
  '        <ToString>Version 8.3 (Build 83.6)</ToString>',
  '        <Props>',
  '          <I32 N="Major">8</I32>',
  '          <I32 N="Minor">3</I32>',
  '          <I32 N="Build">83</I32>',
  '          <I32 N="Revision">6</I32>',
  '        </Props>',
  '      </Obj>',
  '      <Obj N="Site" RefId="5">',
  '        <TN RefId="5">',
  '          <T>Microsoft.Exchange.Data.Directory.ADObjectId</T>',
  '          <T>Microsoft.Exchange.Data.ObjectId</T>',
  '          <T>System.Object</T>',
  '        </TN>',
  '        <ToString>contoso.local/Configuration/Sites/東京</ToString>',
  '        <Props>',
  '          <S N="Name">東京</S>',
  '          <G N="ObjectGuid">4c6a8f1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b</G>',
  '        </Props>',
  '      </Obj>',
  '      <Obj N="ServerRole" RefId="6">',
  '        <TN RefId="6">',
  '          <T>Microsoft.Exchange.Data.Directory.SystemConfiguration.ServerRole</T>',
  '          <T>System.Enum</T>',
  '          <T>System.ValueType</T>',
  '          <T>System.Object</T>',
  '        </TN>',
  '        <ToString>ClientAccess, HubTransport</ToString>',
  '        <I32>36</I32>',
  '      </Obj>',
  '      <Nil N="ErrorReportingEnabled" />',
  '      <Obj N="StaticDomainControllers" RefId="7">',
  '        <TN RefId="7">',
  '          <T>Microsoft.Exchange.Data.MultiValuedProperty`1[[System.String, mscorlib, Version=2.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089]]</T>',
  '          <T>Microsoft.Exchange.Data.MultiValuedPropertyBase</T>',
  '          <T>System.Object</T>',
  '        </TN>',
  '        <LST />',
  '      </Obj>',
  '      <TS N="RemainingTrialPeriod">PT0S</TS>',
  '      <Obj N="ExchangeVersion" RefId="8">',
  '        <TN RefId="8">',
  '          <T>Microsoft.Exchange.Data.ExchangeObjectVersion</T>',
  '          <T>System.Object</T>',
  '        </TN>',
  '        <ToString>0.1 (8.0.535.0)</ToString>',
  '      </Obj>',
  '      <G N="Guid">0f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b</G>',
  '      <Obj N="ObjectClass" RefId="9">',
  '        <TNRef RefId="7" />',
  '        <LST>',
  '          <S>top</S>',
  '          <S>server</S>',
  '          <S>msExchExchangeServer</S>',
  '        </LST>',
  '      </Obj>',
  '      <DT N="WhenChanged">2013-02-11T10:00:00+09:00</DT>',
  '    </Props>',
  '  </Obj>',
  '  <Obj RefId="10">',
  '    <TNRef RefId="0" />',
  '    <ToString>EXMBX01</ToString>',
  '    <Props>',
  '      <S N="Name">EXMBX01</S>',
  '      <Obj N="Edition" RefId="11">',
  '        <TNRef RefId="2" />',
  '        <ToString>Enterprise</ToString>',
  '        <I32>2</I32>',
  '      </Obj>',
  '      <S N="Fqdn">exmbx01.contoso.local</S>',
  '      <B N="IsMemberOfCluster">true</B>',
  '      <Obj N="AdminDisplayVersion" RefId="12">',
  '        <TNRef RefId="4" />',
  '        <ToString>Version 8.1 (Build 240.6)</ToString>',
  '      </Obj>',
  '      <Ref N="Site" RefId="5" />',
  '      <Obj N="ServerRole" RefId="13">',
  '        <TNRef RefId="6" />',
  '        <ToString>Mailbox</ToString>',
  '        <I32>2</I32>',
  '      </Obj>',
  '      <Nil N="ErrorReportingEnabled" />',
  '      <Ref N="StaticDomainControllers" RefId="7" />',
  '      <DT N="WhenChanged">2013-02-11T22:41:07.1234567+09:00</DT>',
  '    </Props>',
  '  </Obj>',
  '</Objs>',
]);

/** `Get-ItemProperty <Patches key>\* | Export-Clixml`: registry values are note properties in <MS>. */
const patchesJa = crlf([
  `<Objs Version="1.1.0.1" ${NS}>`,
  '  <Obj RefId="0">',
  '    <TN RefId="0">',
  '      <T>System.Management.Automation.PSCustomObject</T>',
  '      <T>System.Object</T>',
  '    </TN>',
  '    <ToString>@{DisplayName=Exchange Server 2007 Service Pack 3 の更新プログラムのロールアップ 10 (KB2788321); Installed=20130211}</ToString>',
  '    <Props />',
  '    <MS>',
  '      <S N="DisplayName">Exchange Server 2007 Service Pack 3 の更新プログラムのロールアップ 10 (KB2788321)</S>',
  '      <S N="Installed">20130211</S>',
  '      <I32 N="State">1</I32>',
  '      <S N="MoreInfoURL">http://support.microsoft.com/?kbid=2788321</S>',
  '      <S N="PSPath">Microsoft.PowerShell.Core\\Registry::HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Installer\\UserData\\S-1-5-18\\Products\\461C2B4266EDEF444B864AD6D9E5B613\\Patches\\8C8D0E1F2A3B4C5D6E7F8091A2B3C4D5</S>',
  '      <S N="PSChildName">8C8D0E1F2A3B4C5D6E7F8091A2B3C4D5</S>',
  '      <Obj N="PSProvider" RefId="1">',
  '        <TN RefId="1">',
  '          <T>System.Management.Automation.ProviderInfo</T>',
  '          <T>System.Object</T>',
  '        </TN>',
  '        <ToString>Microsoft.PowerShell.Core\\Registry</ToString>',
  '        <Props>',
  '          <S N="Name">Registry</S>',
  '        </Props>',
  '      </Obj>',
  '    </MS>',
  '  </Obj>',
  '</Objs>',
]);

const wrap = (body: string): string => `<Objs Version="1.1.0.1" ${NS}>${body}</Objs>`;

describe('parseClixml', () => {
  it('reads Get-ExchangeServer with enums, collections, Nil, B, DT, Ref and TNRef', () => {
    const { table, diagnostics } = parseClixml(getExchangeServer, 'servers.xml');
    expect(diagnostics).toEqual([]);
    expect(table.format).toBe('clixml');
    expect(table.typeName).toBe('Microsoft.Exchange.Data.Directory.Management.ExchangeServer');
    expect(table.rows.map((r) => r.line)).toEqual([2, 125]);
    expect(table.rows[0]?.values).toEqual({
      Name: 'EXCAS01',
      DataPath: 'C:\\Program Files\\Microsoft\\Exchange Server\\Mailbox',
      Domain: 'contoso.local',
      Edition: 'Enterprise',
      ExchangeLegacyDN: '/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Configuration/cn=Servers/cn=EXCAS01',
      ExchangeLegacyServerRole: '0',
      Fqdn: 'excas01.contoso.local',
      IsHubTransportServer: 'True',
      IsClientAccessServer: 'True',
      IsMailboxServer: 'False',
      IsMemberOfCluster: 'False',
      NetworkAddress:
        '{ncacn_vns_spp:EXCAS01, netbios:EXCAS01, ncacn_np:EXCAS01, ncacn_spx:EXCAS01, ncacn_ip_tcp:excas01.contoso.local, ncalrpc:EXCAS01}',
      AdminDisplayVersion: 'Version 8.3 (Build 83.6)',
      Site: 'contoso.local/Configuration/Sites/東京',
      ServerRole: 'ClientAccess, HubTransport',
      ErrorReportingEnabled: '',
      StaticDomainControllers: '{}',
      RemainingTrialPeriod: 'PT0S',
      ExchangeVersion: '0.1 (8.0.535.0)',
      Guid: '0f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b',
      ObjectClass: '{top, server, msExchExchangeServer}',
      WhenChanged: '2013-02-11T10:00:00+09:00',
    });
    expect(table.rows[1]?.values).toEqual({
      Name: 'EXMBX01',
      Edition: 'Enterprise',
      Fqdn: 'exmbx01.contoso.local',
      IsMemberOfCluster: 'True',
      AdminDisplayVersion: 'Version 8.1 (Build 240.6)',
      Site: 'contoso.local/Configuration/Sites/東京',
      ServerRole: 'Mailbox',
      ErrorReportingEnabled: '',
      StaticDomainControllers: '{}',
      WhenChanged: '2013-02-11T22:41:07.1234567+09:00',
    });
    expect(table.columns).toHaveLength(22);
    expect(table.columns.slice(0, 4)).toEqual(['Name', 'DataPath', 'Domain', 'Edition']);
  });

  it('reads note properties from <MS>, Japanese strings included, and skips nothing it should keep', () => {
    const { table, diagnostics } = parseClixml(patchesJa, 'patches.xml');
    expect(diagnostics).toEqual([]);
    expect(table.typeName).toBe('System.Management.Automation.PSCustomObject');
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0]?.values).toMatchObject({
      DisplayName: 'Exchange Server 2007 Service Pack 3 の更新プログラムのロールアップ 10 (KB2788321)',
      Installed: '20130211',
      State: '1',
      MoreInfoURL: 'http://support.microsoft.com/?kbid=2788321',
      PSChildName: '8C8D0E1F2A3B4C5D6E7F8091A2B3C4D5',
      PSProvider: 'Microsoft.PowerShell.Core\\Registry',
    });
  });

  const valueCases: { name: string; xml: string; expected: string }[] = [
    { name: 'S', xml: '<S N="v">Exchange 2007</S>', expected: 'Exchange 2007' },
    { name: 'empty S', xml: '<S N="v"></S>', expected: '' },
    { name: 'S with _xHHHH_ escapes', xml: '<S N="v">line1_x000D__x000A_line2_x0009_tab</S>', expected: 'line1\r\nline2\ttab' },
    { name: 'escaped underscore stays literal', xml: '<S N="v">a_x005F_x000A_b</S>', expected: 'a_x000A_b' },
    { name: 'XML entities', xml: '<S N="v">&lt;Active, Quorum Owner&gt; &amp; more</S>', expected: '<Active, Quorum Owner> & more' },
    { name: 'whitespace preserved', xml: '<S N="v">  padded  </S>', expected: '  padded  ' },
    { name: 'I32', xml: '<I32 N="v">-5</I32>', expected: '-5' },
    { name: 'I64', xml: '<I64 N="v">9223372036854775807</I64>', expected: '9223372036854775807' },
    { name: 'U32', xml: '<U32 N="v">4294967295</U32>', expected: '4294967295' },
    { name: 'U64', xml: '<U64 N="v">18446744073709551615</U64>', expected: '18446744073709551615' },
    { name: 'Db', xml: '<Db N="v">1.5E+20</Db>', expected: '1.5E+20' },
    { name: 'B true', xml: '<B N="v">true</B>', expected: 'True' },
    { name: 'B false', xml: '<B N="v">false</B>', expected: 'False' },
    { name: 'DT', xml: '<DT N="v">2013-02-11T10:00:00.123+09:00</DT>', expected: '2013-02-11T10:00:00.123+09:00' },
    { name: 'Version', xml: '<Version N="v">8.3.298.3</Version>', expected: '8.3.298.3' },
    { name: 'G', xml: '<G N="v">0f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b</G>', expected: '0f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b' },
    { name: 'C', xml: '<C N="v">65</C>', expected: 'A' },
    { name: 'URI', xml: '<URI N="v">https://mail.contoso.com/owa</URI>', expected: 'https://mail.contoso.com/owa' },
    { name: 'Nil', xml: '<Nil N="v" />', expected: '' },
    { name: 'Obj with ToString', xml: '<Obj N="v" RefId="1"><TN RefId="1"><T>X</T></TN><ToString>shown</ToString><I32>3</I32></Obj>', expected: 'shown' },
    { name: 'Obj with IE', xml: '<Obj N="v" RefId="1"><IE><S>a</S><I32>2</I32><Nil /></IE></Obj>', expected: '{a, 2, }' },
    { name: 'Obj with STK', xml: '<Obj N="v" RefId="1"><STK><S>a</S></STK></Obj>', expected: '{a}' },
    { name: 'Obj with Col', xml: '<Obj N="v" RefId="1"><Col><S>a</S><S>b</S></Col></Obj>', expected: '{a, b}' },
    {
      name: 'collection of objects',
      xml: '<Obj N="v" RefId="1"><LST><Obj RefId="2"><ToString>EXMBX01N1 &lt;Active, Quorum Owner&gt;</ToString></Obj><S>EXMBX01N2</S></LST></Obj>',
      expected: '{EXMBX01N1 <Active, Quorum Owner>, EXMBX01N2}',
    },
    {
      name: 'DCT',
      xml: '<Obj N="v" RefId="1"><DCT><En><S N="Key">a</S><I32 N="Value">1</I32></En><En><S N="Key">b</S><Nil N="Value" /></En></DCT></Obj>',
      expected: '{a=1; b=}',
    },
    {
      name: 'Obj with props only',
      xml: '<Obj N="v" RefId="1"><Props><S N="Name">EX01</S><I32 N="Port">443</I32></Props></Obj>',
      expected: '{Name=EX01; Port=443}',
    },
    { name: 'empty Obj', xml: '<Obj N="v" RefId="1"><TN RefId="1"><T>X</T></TN></Obj>', expected: '' },
  ];
  it.each(valueCases)('values: $name', ({ xml, expected }) => {
    const { table, diagnostics } = parseClixml(wrap(`<Obj RefId="0"><Props>${xml}</Props></Obj>`), 'x.xml');
    expect(diagnostics).toEqual([]);
    expect(table.rows[0]?.values['v']).toBe(expected);
  });

  it('decodes escaped property names and keeps __proto__ as an ordinary column', () => {
    const { table } = parseClixml(wrap('<Obj RefId="0"><Props><S N="Display_x0020_Name">x</S><S N="__proto__">y</S></Props></Obj>'), 'x.xml');
    const values = table.rows[0]?.values ?? {};
    expect(Object.keys(values)).toEqual(['Display Name', '__proto__']);
    expect(values['__proto__']).toBe('y');
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
  });

  it('turns objects without properties and top-level primitives into a ToString column', () => {
    const xml = wrap('<Obj RefId="0"><TN RefId="0"><T>System.String</T></TN><ToString>EXCAS01</ToString></Obj><S>plain</S><I32>7</I32><Ref RefId="0" />');
    const { table, diagnostics } = parseClixml(xml, 'x.xml');
    expect(diagnostics).toEqual([]);
    expect(table.columns).toEqual(['ToString']);
    expect(table.rows.map((r) => r.values['ToString'])).toEqual(['EXCAS01', 'plain', '7', 'EXCAS01']);
    expect(table.typeName).toBe('System.String');
  });

  it('has no type name when the first object is a primitive', () => {
    expect(parseClixml(wrap('<S>a</S>'), 'x.xml').table.typeName).toBeNull();
  });

  it('returns an empty table for <Objs /> with no diagnostics', () => {
    expect(parseClixml(`<Objs Version="1.1.0.1" ${NS} />`, 'x.xml')).toEqual({
      table: { format: 'clixml', columns: [], rows: [], typeName: null },
      diagnostics: [],
    });
  });

  it('accepts a BOM, an XML declaration and CRLF, and counts lines like an editor', () => {
    const xml = `\uFEFF<?xml version="1.0" encoding="utf-16"?>\r\n<Objs Version="1.1.0.1" ${NS}>\r\n\r\n  <Obj RefId="0">\r\n    <Props><S N="a">x</S></Props>\r\n  </Obj>\r\n</Objs>`;
    const { table } = parseClixml(xml, 'x.xml');
    expect(table.rows).toEqual([{ line: 4, values: { a: 'x' } }]);
  });

  it('ignores the PSStandardMembers member set', () => {
    const xml = wrap(
      '<Obj RefId="0"><MS><S N="Name">EX01</S><Obj N="PSStandardMembers" RefId="1"><MS><Obj N="DefaultDisplayPropertySet" RefId="2"><LST><S>Name</S></LST></Obj></MS></Obj></MS></Obj>',
    );
    expect(parseClixml(xml, 'x.xml').table.rows[0]?.values).toEqual({ Name: 'EX01' });
  });

  describe('diagnostics', () => {
    const cases: { name: string; xml: string; expected: { severity: string; code: string; line?: number; data?: object }[]; rows?: number }[] = [
      {
        name: 'DOCTYPE (billion laughs) is refused before parsing',
        xml: '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n]>\n<Objs><S>&lol2;</S></Objs>',
        expected: [{ severity: 'error', code: 'clixml-doctype', line: 2, data: {} }],
        rows: 0,
      },
      {
        name: 'lower-case doctype is refused too',
        xml: '<!doctype Objs><Objs/>',
        expected: [{ severity: 'error', code: 'clixml-doctype', line: 1 }],
        rows: 0,
      },
      {
        name: 'unclosed element (truncated file)',
        xml: `<Objs ${NS}>\n  <Obj RefId="0">\n    <Props><S N="a">x</S></Props>\n</Objs>`,
        // xmldom's locator still points at the last text it consumed, the line before `</Objs>`.
        expected: [{ severity: 'error', code: 'clixml-malformed', line: 3, data: { level: 'fatalError' } }],
        rows: 0,
      },
      {
        name: 'undefined entity',
        xml: `<Objs ${NS}>\n<S>&nbsp;</S></Objs>`,
        expected: [{ severity: 'error', code: 'clixml-malformed', line: 2, data: { level: 'error' } }],
        rows: 0,
      },
      {
        name: 'not XML at all',
        xml: 'Name : EX01',
        expected: [{ severity: 'error', code: 'clixml-malformed', data: { level: 'fatalError' } }],
        rows: 0,
      },
      {
        name: 'another root element',
        xml: '<Servers><Server>EX01</Server></Servers>',
        expected: [{ severity: 'warning', code: 'clixml-not-objs', data: { root: 'Servers' } }],
        rows: 0,
      },
      {
        name: 'U+FFFD in a value is data (xmldom only warns about it), not a malformed file',
        xml: wrap('\n<S>\uFFFD</S>'),
        expected: [],
        rows: 1,
      },
      {
        name: 'Ref to an unknown RefId',
        xml: wrap('<Obj RefId="0"><Props>\n<Ref N="Site" RefId="99" /></Props></Obj>'),
        expected: [{ severity: 'warning', code: 'clixml-unresolved-ref', line: 2, data: { refId: '99' } }],
        rows: 1,
      },
      {
        name: 'property without a name',
        xml: wrap('<Obj RefId="0"><Props><S N="a">x</S>\n<S>anonymous</S></Props></Obj>'),
        expected: [{ severity: 'warning', code: 'clixml-unnamed-property', line: 2, data: { element: 'S' } }],
        rows: 1,
      },
    ];
    it.each(cases)('$name', ({ xml, expected, rows }) => {
      const { table, diagnostics } = parseClixml(xml, 'bad.xml');
      expect(diagnostics).toMatchObject(expected.map((e) => ({ file: 'bad.xml', ...e })));
      expect(diagnostics).toHaveLength(expected.length);
      if (rows !== undefined) expect(table.rows).toHaveLength(rows);
    });

    it('survives a Ref cycle', () => {
      const xml = wrap('<Obj RefId="0"><ToString>self</ToString><Props><Obj N="a" RefId="1"><LST><Ref RefId="0" /><Ref RefId="1" /></LST></Obj></Props></Obj>');
      const { table, diagnostics } = parseClixml(xml, 'x.xml');
      expect(diagnostics).toEqual([]);
      expect(table.rows[0]?.values).toEqual({ a: '{self, }' });
    });

    it('bounds exponential Ref expansion ("billion laughs" without a DOCTYPE)', () => {
      const levels = ['<Obj RefId="0"><LST><S>lollollollollollollollollollol</S></LST></Obj>'];
      for (let i = 1; i <= 40; i++) {
        levels.push(`<Obj RefId="${i}"><LST>${'<Ref RefId="X" />'.replaceAll('X', String(i - 1)).repeat(4)}</LST></Obj>`);
      }
      const xml = wrap(`<Obj RefId="top"><Props><Obj N="bomb" RefId="holder"><LST>${levels.join('')}</LST></Obj></Props></Obj>`);
      const { table, diagnostics } = parseClixml(xml, 'x.xml');
      expect(diagnostics.map((d) => d.code)).toContain('clixml-too-large');
      expect(table.rows[0]?.values['bomb']?.length ?? 0).toBeLessThan(20_000_000);
    });

    it('stops rendering absurdly deep nesting with a warning instead of overflowing the stack', () => {
      const depth = 5000;
      const xml = wrap(`<Obj RefId="0"><Props>${'<Obj N="n"><LST>'.repeat(depth)}<S>leaf</S>${'</LST></Obj>'.repeat(depth)}</Props></Obj>`);
      const { table, diagnostics } = parseClixml(xml, 'x.xml');
      expect(diagnostics.map((d) => [d.severity, d.code, d.data])).toEqual([['warning', 'clixml-too-deep', { limit: 64 }]]);
      expect(table.rows).toHaveLength(1);
    });
  });
});

describe('looksLikeClixml', () => {
  const cases: { name: string; text: string; expected: boolean }[] = [
    { name: 'Export-Clixml output', text: getExchangeServer, expected: true },
    { name: 'with BOM and declaration', text: '\uFEFF<?xml version="1.0"?>\r\n<Objs Version="1.1.0.1">', expected: true },
    { name: 'empty Objs', text: '<Objs/>', expected: true },
    { name: 'other XML with a declaration (parsed, then named as not <Objs>)', text: '<?xml version="1.0"?><configuration/>', expected: true },
    { name: 'a DOCTYPE (parsed, then refused)', text: '<!DOCTYPE Objs [<!ENTITY a "b">]><Objs/>', expected: true },
    { name: 'other XML without a prolog', text: '<configuration/>', expected: false },
    { name: 'Objs-like prefix', text: '<ObjsX/>', expected: false },
    { name: 'Format-List', text: 'Name : EX01', expected: false },
    { name: 'unterminated declaration (a cut file: parsed, then malformed)', text: '<?xml version="1.0"', expected: true },
    { name: 'empty', text: '', expected: false },
  ];
  it.each(cases)('$name → $expected', ({ text, expected }) => {
    expect(looksLikeClixml(text)).toBe(expected);
  });
});

// ---- Properties ----

/** PowerShell's string escaping: XML-invalid and control characters, and `_` before `x`, as `_xHHHH_`. */
function psEscape(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const escape = c < 0x20 || (c >= 0xd800 && c <= 0xdfff) || c === 0xfffe || c === 0xffff || (c === 0x5f && s[i + 1] === 'x');
    if (escape) out += `_x${c.toString(16).toUpperCase().padStart(4, '0')}_`;
    else if (c === 0x26) out += '&amp;';
    else if (c === 0x3c) out += '&lt;';
    else if (c === 0x3e) out += '&gt;';
    else if (c === 0x22) out += '&quot;';
    else out += s.charAt(i);
  }
  return out;
}

type Cell = { kind: 'S'; value: string } | { kind: 'I32'; value: number } | { kind: 'B'; value: boolean } | { kind: 'Nil' } | { kind: 'LST'; items: string[] };

const text = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom('東京', '_x000A_', 'a_xb', '\r\n', ' x ', '\uFFFD'));
const cell: fc.Arbitrary<Cell> = fc.oneof(
  text.map((value) => ({ kind: 'S' as const, value })),
  fc.integer({ min: -2147483648, max: 2147483647 }).map((value) => ({ kind: 'I32' as const, value })),
  fc.boolean().map((value) => ({ kind: 'B' as const, value })),
  fc.constant({ kind: 'Nil' as const }),
  fc.array(text, { maxLength: 4 }).map((items) => ({ kind: 'LST' as const, items })),
);
const propName = fc.oneof(fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,15}$/), text.filter((s) => s !== '' && s !== 'PSStandardMembers'));
const object = fc.uniqueArray(fc.tuple(propName, cell), { minLength: 1, maxLength: 6, selector: ([n]) => n });

function serialize(objects: readonly (readonly [string, Cell])[][]): string {
  let refId = 0;
  const body = objects.map((props) => {
    const own = refId++;
    const inner = props
      .map(([name, c]) => {
        const n = `N="${psEscape(name)}"`;
        switch (c.kind) {
          case 'S':
            return `<S ${n}>${psEscape(c.value)}</S>`;
          case 'I32':
            return `<I32 ${n}>${c.value}</I32>`;
          case 'B':
            return `<B ${n}>${c.value ? 'true' : 'false'}</B>`;
          case 'Nil':
            return `<Nil ${n} />`;
          case 'LST':
            return `<Obj ${n} RefId="${refId++}"><TN RefId="${refId}"><T>System.Collections.ArrayList</T></TN><LST>${c.items.map((i) => `<S>${psEscape(i)}</S>`).join('')}</LST></Obj>`;
        }
      })
      .join('\r\n      ');
    return `  <Obj RefId="${own}">\r\n    <TN RefId="t${own}"><T>Test.Row</T></TN>\r\n    <Props>\r\n      ${inner}\r\n    </Props>\r\n  </Obj>`;
  });
  return `<Objs Version="1.1.0.1" ${NS}>\r\n${body.join('\r\n')}\r\n</Objs>`;
}

function rendered(c: Cell): string {
  switch (c.kind) {
    case 'S':
      return c.value;
    case 'I32':
      return String(c.value);
    case 'B':
      return c.value ? 'True' : 'False';
    case 'Nil':
      return '';
    case 'LST':
      return `{${c.items.join(', ')}}`;
  }
}

describe('parseClixml properties', () => {
  it('round-trips objects serialized like PowerShell 2.0', () => {
    fc.assert(
      fc.property(fc.array(object, { minLength: 1, maxLength: 4 }), (objects) => {
        const { table, diagnostics } = parseClixml(serialize(objects), 'x.xml');
        expect(diagnostics).toEqual([]);
        expect(table.typeName).toBe('Test.Row');
        expect(table.rows.map((r) => r.values)).toEqual(objects.map((props) => Object.fromEntries(props.map(([n, c]) => [n, rendered(c)]))));
      }),
      { numRuns: 300 },
    );
  });

  const fragment = fc.oneof(
    fc.string({ maxLength: 10 }),
    fc.constantFrom(
      `<Objs ${NS}>`,
      '</Objs>',
      '<Obj RefId="0">',
      '<Obj RefId="1">',
      '<Obj N="p" RefId="2">',
      '</Obj>',
      '<Ref N="r" RefId="0" />',
      '<Ref RefId="1" />',
      '<Ref RefId="2" />',
      '<TN RefId="0"><T>X</T></TN>',
      '<TNRef RefId="0" />',
      '<Props>',
      '</Props>',
      '<MS>',
      '</MS>',
      '<LST>',
      '</LST>',
      '<DCT><En><S N="Key">k</S><S N="Value">v</S></En></DCT>',
      '<S N="a">',
      '</S>',
      '<B N="b">true</B>',
      '<Nil N="n" />',
      '<ToString>t</ToString>',
      '_x000A_',
      '&amp;',
      '&bogus;',
      '<!DOCTYPE x>',
      '<?xml version="1.0"?>',
      '<![CDATA[x]]>',
      '<!-- c -->',
      '\r\n',
    ),
  );
  const soup = fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join(''));
  const wrappedSoup = soup.map((s) => `<Objs ${NS}>${s}</Objs>`);

  it('never throws on arbitrary or half-XML text (or only ExrunbookError)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), soup, wrappedSoup), (input) => {
        try {
          const { table, diagnostics } = parseClixml(input, 'x.xml');
          for (const d of diagnostics) expect(['error', 'warning', 'info']).toContain(d.severity);
          for (const row of table.rows) for (const key of Object.keys(row.values)) expect(table.columns).toContain(key);
          if (diagnostics.some((d) => d.severity === 'error' && d.data['level'] !== 'warning')) expect(table.rows).toEqual([]);
        } catch (error) {
          expect(error).toBeInstanceOf(ExrunbookError);
        }
        looksLikeClixml(input);
      }),
      { numRuns: 300 },
    );
  });
});
