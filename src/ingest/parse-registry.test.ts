import { describe, expect, it } from 'vitest';
import { looksLikeNameList, parseNameList } from './parse-name-list.js';
import { looksLikeRegExport, looksLikeRegQuery, parseRegExport, parseRegQuery } from './parse-registry.js';
import { isSysteminfoCsv, looksLikeSysteminfo, parseSysteminfo } from './parse-systeminfo.js';

const crlf = (...lines: string[]): string => lines.join('\r\n') + '\r\n';

describe('parseRegExport', () => {
  it('reads strings with escapes, DWORDs as decimal, REG_EXPAND_SZ and REG_MULTI_SZ over continued lines, the default value', () => {
    const text = crlf(
      'Windows Registry Editor Version 5.00',
      '',
      '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Test]',
      '@="C:\\\\Windows\\\\rpcproxy.dll"',
      '"Quoted"="say \\"hi\\""',
      '"State"=dword:00023e00',
      '"Path"=hex(2):25,00,53,00,00,00',
      '"Ports"=hex(7):41,00,00,00,42,\\',
      '  00,00,00,00,00',
      '"Blob"=hex:01,ff',
      '',
      '[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Deleted]',
      '"Gone"="x"',
    );
    const { table, diagnostics } = parseRegExport(text, 'x.reg');
    expect(diagnostics).toEqual([]);
    expect(table.rows).toEqual([
      {
        line: 3,
        values: { PSPath: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Test', PSChildName: 'Test', '(default)': 'C:\\Windows\\rpcproxy.dll', Quoted: 'say "hi"', State: '146944', Path: '%S', Ports: 'A;B', Blob: '01ff' },
      },
    ]);
  });

  it('warns about a line it cannot read, with its line number, and is claimed only by its first line', () => {
    const { diagnostics } = parseRegExport(crlf('REGEDIT4', '[HKEY_CURRENT_USER\\X]', '"A"=qword:1'), 'x.reg');
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['registry-unparsed-line', 3]]);
    expect(looksLikeRegExport('\uFEFFWindows Registry Editor Version 5.00\r\n')).toBe(true);
    expect(looksLikeRegExport('Name : Windows Registry Editor Version 5.00\r\n')).toBe(false);
  });
});

describe('parseRegQuery', () => {
  it('reads Windows Server 2003 (banner, tabs) and 2008 (spaces) output, (Default) and (既定), hex DWORDs, REG_MULTI_SZ', () => {
    const text = crlf(
      '! REG.EXE VERSION 3.0',
      '',
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\A',
      '    Version\tREG_SZ\t2.0.50727.42',
      '    SP\tREG_DWORD\t0x0',
      '    (既定)\tREG_SZ\t',
      '',
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\A\\B',
      '    Display Name    REG_SZ    Update Rollup 10',
      '    Hosts    REG_MULTI_SZ    a\\0b\\0\\0',
      '',
      'End of search: 5 match(es) found.',
    );
    const { table, diagnostics } = parseRegQuery(text, 'x.txt');
    expect(diagnostics).toEqual([]);
    expect(table.rows.map((r) => r.values)).toEqual([
      { PSPath: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\A', PSChildName: 'A', Version: '2.0.50727.42', SP: '0', '(default)': '' },
      { PSPath: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\A\\B', PSChildName: 'B', 'Display Name': 'Update Rollup 10', Hosts: 'a;b' },
    ]);
    expect(looksLikeRegQuery(text)).toBe(true);
    expect(looksLikeRegQuery(crlf('HKEY_LOCAL_MACHINE\\SOFTWARE\\A', 'some prose'))).toBe(false);
  });
});

describe('parseSysteminfo', () => {
  it('is claimed by its labels (English or Japanese) and reads what the OS record needs', () => {
    const text = crlf('', 'Host Name:                 EX01', 'OS Name:                   Microsoft Windows Server 2008 R2 Enterprise ', 'OS Version:                6.1.7601 Service Pack 1 Build 7601', 'System Locale:             de;German (Germany)', 'Hotfix(s):                 N/A');
    expect(looksLikeSysteminfo(text)).toBe(true);
    expect(parseSysteminfo(text).table?.rows).toEqual([{ line: 2, values: { CSName: 'EX01', Caption: 'Microsoft Windows Server 2008 R2 Enterprise', Version: '6.1.7601', CSDVersion: 'Service Pack 1', OSLanguage: '1031', Hotfixes: '' } }]);
    expect(isSysteminfoCsv(['ホスト名', 'OS 名', 'OS バージョン'])).toBe(true);
    expect(isSysteminfoCsv(['Name', 'Version'])).toBe(false);
  });
});

describe('parseNameList', () => {
  it('reads names without a header when one is an Exchange 2007 update, and claims nothing else', () => {
    const text = crlf('Microsoft Exchange Server 2007', 'Interim Update for Exchange Server 2007 Service Pack 3 (KB2891249)');
    expect(looksLikeNameList(text)).toBe(true);
    expect(parseNameList(text).table.rows).toEqual([
      { line: 1, values: { DisplayName: 'Microsoft Exchange Server 2007' } },
      { line: 2, values: { DisplayName: 'Interim Update for Exchange Server 2007 Service Pack 3 (KB2891249)' } },
    ]);
    expect(looksLikeNameList(crlf('Notes about KB2788321', 'nothing else'))).toBe(false);
    expect(looksLikeNameList(crlf('DisplayName : Update Rollup 10 for Exchange Server 2007 Service Pack 3 (KB2788321)'))).toBe(false);
  });
});
