import { describe, expect, it } from 'vitest';
import { looksLikeFormatList } from './parse-format-list.js';
import { looksLikeFormatTable, parseFormatTable } from './parse-format-table.js';

const crlf = (...lines: string[]): string => lines.join('\r\n') + '\r\n';

describe('parseFormatTable', () => {
  it('reads Get-Command ExSetup | % { $_.FileVersionInfo } as Windows PowerShell prints it, with a prompt', () => {
    const text = crlf(
      '[PS] C:\\Windows\\system32>Get-Command ExSetup | ForEach {$_.FileVersionInfo}',
      '',
      'ProductVersion   FileVersion      FileName',
      '--------------   -----------      --------',
      '08.03.0298.003   08.03.0298.003   C:\\Program Files\\Microsoft\\Exchange Server\\bin\\ExSetup.exe',
      '',
    );
    const { table, diagnostics } = parseFormatTable(text, 'x.txt');
    expect(table.columns).toEqual(['ProductVersion', 'FileVersion', 'FileName']);
    expect(table.rows).toEqual([{ line: 5, values: { ProductVersion: '08.03.0298.003', FileVersion: '08.03.0298.003', FileName: 'C:\\Program Files\\Microsoft\\Exchange Server\\bin\\ExSetup.exe' } }]);
    expect(diagnostics.map((d) => d.code)).toEqual(['console-prompt-line']);
  });

  it.each([
    ['Windows PowerShell', 'C:\\Program Files\\Microsoft\\Excha...'],
    ['PowerShell 7', 'C:\\Program Files\\Microsoft\\Excha…'],
  ])('leaves a value cut by %s out of its row, with one warning per column, and keeps the rest', (_, cutValue) => {
    const text = crlf('PSComputerName ProductVersion FileName', '-------------- -------------- --------', `EXCAS01        08.03.0298.003 ${cutValue}`, `EXCAS02        08.03.0298.003 ${cutValue}`);
    const { table, diagnostics } = parseFormatTable(text, 'x.txt');
    expect(table.rows.map((r) => r.values)).toEqual([
      { PSComputerName: 'EXCAS01', ProductVersion: '08.03.0298.003' },
      { PSComputerName: 'EXCAS02', ProductVersion: '08.03.0298.003' },
    ]);
    expect(diagnostics).toEqual([{ severity: 'warning', code: 'format-table-cut-value', file: 'x.txt', line: 3, data: { column: 'FileName', value: cutValue, rows: 2 } }]);
  });

  it('drops a column whose header was cut, and reads right-aligned numbers', () => {
    const text = crlf('Name        Length AdminDisplayVe...', '----        ------ -----------------', 'logon.aspx   18604 Version 8.3 (Bui...', 'a.gif          120 Version 8.3 (Bui...');
    const { table } = parseFormatTable(text, 'x.txt');
    expect(table.columns).toEqual(['Name', 'Length']);
    expect(table.rows.map((r) => r.values)).toEqual([
      { Name: 'logon.aspx', Length: '18604' },
      { Name: 'a.gif', Length: '120' },
    ]);
  });

  it('splits columns by cells, so Japanese values (two cells a character) stay in their column', () => {
    const text = crlf('DisplayName                                    Installed', '-----------                                    ---------', '更新プログラムのロールアップ 10 (KB2788321)     20130305');
    expect(parseFormatTable(text, 'x.txt').table.rows[0]?.values).toEqual({ DisplayName: '更新プログラムのロールアップ 10 (KB2788321)', Installed: '20130305' });
  });

  it('joins -Wrap continuations: a word wrap with a space, a cut mid-word in an inner column with nothing', () => {
    const text = crlf('Name       Version      Note', '----       -------      ----', 'EX01       Version 8.3  first line', '           (Build 83.6) of a note', 'EX02       08.03.02980. x', '           003');
    expect(parseFormatTable(text, 'x.txt').table.rows.map((r) => r.values)).toEqual([
      { Name: 'EX01', Version: 'Version 8.3 (Build 83.6)', Note: 'first line of a note' },
      { Name: 'EX02', Version: '08.03.02980.003', Note: 'x' },
    ]);
  });

  it('reads several tables (another object type, -GroupBy) with their own layouts, group headers as info', () => {
    const text = crlf('', '   ComputerName: EXCAS01', '', 'Name  State', '----  -----', 'W3SVC Running', '', 'Name         StartMode', '----         ---------', 'IISADMIN     Auto');
    const { table, diagnostics } = parseFormatTable(text, 'x.txt');
    expect(table.columns).toEqual(['Name', 'State', 'StartMode']);
    expect(table.rows.map((r) => r.values)).toEqual([{ Name: 'W3SVC', State: 'Running' }, { Name: 'IISADMIN', StartMode: 'Auto' }]);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['format-list-group-header', 2]]);
  });

  it('is claimed by its sniffer and not by the Format-List one; Format-List and prose are not claimed', () => {
    const table = crlf('Name    ServerRole', '----    ----------', 'EX01    Mailbox');
    expect(looksLikeFormatTable(table)).toBe(true);
    expect(looksLikeFormatList(table)).toBe(false);
    expect(looksLikeFormatTable(crlf('Name : EX01', '-----', 'Fqdn : ex01'))).toBe(false);
    expect(looksLikeFormatTable(crlf('Notes', 'and more', '---'))).toBe(false);
    expect(looksLikeFormatTable(crlf('Host Name:                 EXCAS01', 'OS Name:                   Microsoft Windows Server 2003'))).toBe(false);
  });
});
