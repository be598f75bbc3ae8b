import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMPAT_RULES, codeOnly, scanForNewerPowerShell, whyNotPowerShell1 } from './support/powershell-v1-scan.js';

const SCRIPT_BYTES = readFileSync('templates/collector/Collect-ExrunbookInventory.ps1');
const SCRIPT = SCRIPT_BYTES.toString('latin1');
const README_BYTES = readFileSync('templates/collector/README.txt');

describe('Collect-ExrunbookInventory.ps1 runs on Windows PowerShell 1.0', () => {
  it('uses no construct newer than PowerShell 1.0', () => {
    const findings = scanForNewerPowerShell(SCRIPT);
    expect(findings.map((f) => `line ${f.line}: ${f.text} — ${whyNotPowerShell1(f.id)}`)).toEqual([]);
  });

  it('is plain ASCII with CRLF line ends and no byte-order mark, so any code page reads it the same', () => {
    // PowerShell 1.0/2.0 read a BOM-less script in the ANSI code page (cp932 on Japanese Windows): ASCII is the same in all of them.
    expect([...SCRIPT_BYTES].filter((b) => b > 0x7e || (b < 0x20 && b !== 0x0d && b !== 0x0a && b !== 0x09))).toEqual([]);
    expect(SCRIPT.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(SCRIPT.endsWith('\r\n')).toBe(true);
  });

  it('declares its parameters first, as a script param() block must be', () => {
    expect(codeOnly(SCRIPT).trimStart()).toMatch(/^param\(/);
  });

  it('writes every CSV with Export-Csv -NoTypeInformation -Encoding Unicode', () => {
    const calls = [...codeOnly(SCRIPT).matchAll(/Export-Csv\b[^\r\n|;]*/g)].map((m) => m[0]);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect(call).toMatch(/-NoTypeInformation\b/);
      expect(call).toMatch(/-Encoding Unicode\b/);
    }
  });

  it('bounds the whole CRL test by one -CrlTimeoutSeconds deadline: no proxy detection, explicit proxy, async waits', () => {
    const code = codeOnly(SCRIPT);
    expect(code).toMatch(/\[int\]\$CrlTimeoutSeconds = 5/);
    // DefaultWebProxy runs WPAD / automatic configuration scripts, which block before any wait starts.
    expect(code).not.toMatch(/DefaultWebProxy|GetSystemWebProxy|IsBypassed|GetProxy\(/);
    expect(code.match(/\$deadline = \[System\.DateTime\]::UtcNow\.AddSeconds\(\$CrlTimeoutSeconds\)/g)).toHaveLength(1);
    expect(code).toMatch(/BeginGetHostEntry\(\$target\.Host/);
    expect(code.match(/AsyncWaitHandle\.WaitOne\(\(Get-RemainingMilliseconds \$deadline\), \$false\)/g)).toHaveLength(2);
    expect(code).toMatch(/\$request\.Timeout = Get-RemainingMilliseconds \$deadline/);
    expect(code).toMatch(/\$request\.Proxy = \$null/);
    expect(code).toMatch(/\$request\.Proxy = \$proxy/);
    expect(code).toMatch(/\$request\.Abort\(\)/);
  });
});

describe('the operator README.txt', () => {
  const text = README_BYTES.subarray(3).toString('utf8');
  it('is UTF-8 with a BOM (Notepad on Windows Server 2003 reads it) and CRLF line ends', () => {
    expect([...README_BYTES.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });
  it('explains the collection step by step in English and Japanese', () => {
    for (const needle of ['Step by step', '-Scope Organization', 'Edge Transport', 'BOTH', 'collector.log', 'exrunbook check inventory', '手順', 'エッジ トランスポート', '両方のノード']) {
      expect(text).toContain(needle);
    }
  });
});

describe('the PowerShell 1.0 scan', () => {
  // Every rule, caught in a snippet: the scan cannot silently lose one.
  const caught: readonly (readonly [string, string])[] = [
    ['ordered', '$h = [ordered]@{ a = 1 }'],
    ['ordered', '$h = [ ORDERED ] @{}'],
    ['pscustomobject', '$o = [PSCustomObject]@{ a = 1 }'],
    ['invoke-webrequest', 'Invoke-WebRequest -Uri $url -TimeoutSec 5'],
    ['invoke-restmethod', 'invoke-restmethod $url'],
    ['convertto-json', '$x | ConvertTo-Json'],
    ['convertfrom-json', '$x | ConvertFrom-Json'],
    ['get-ciminstance', 'Get-CimInstance Win32_OperatingSystem'],
    ['invoke-cimmethod', 'Invoke-CimMethod -ClassName x'],
    ['unblock-file', 'Unblock-File .\\a.ps1'],
    ['test-connection', 'Test-Connection crl.microsoft.com -Count 1'],
    ['add-type', 'Add-Type -AssemblyName System.Web'],
    ['set-strictmode', 'Set-StrictMode -Version 2'],
    ['start-job', 'Start-Job { 1 }'],
    ['invoke-command', 'Invoke-Command -ScriptBlock { 1 }'],
    ['new-pssession', 'New-PSSession -ComputerName x'],
    ['import-module', 'Import-Module ActiveDirectory'],
    ['get-random', 'Get-Random'],
    ['send-mailmessage', 'Send-MailMessage -To a'],
    ['convertto-csv', '$x | ConvertTo-Csv -NoTypeInformation'],
    ['convertfrom-csv', '$x | ConvertFrom-Csv'],
    ['start-process', 'Start-Process notepad'],
    ['out-gridview', '$x | Out-GridView'],
    ['select-xml', 'Select-Xml -Path a.xml -XPath /'],
    ['get-winevent', 'Get-WinEvent -LogName Application'],
    ['write-information', 'Write-Information hello'],
    ['test-netconnection', 'Test-NetConnection crl.microsoft.com -Port 80'],
    ['psitem', '$x | ForEach-Object { $PSItem.Name }'],
    ['psitem', 'Write-Host "name: $PSItem"'],
    ['in-operator', 'if ($a -in $list) { }'],
    ['in-operator', 'if ($a -NotIn $list) { }'],
    ['new-method', '$l = [System.Collections.ArrayList]::new()'],
    ['class', 'class Server { [string]$Name }'],
    ['class', 'enum Role { Mailbox }'],
    ['using-scope', 'Invoke-Something { $using:path }'],
    ['simplified-where', 'Get-Service | Where-Object Status -eq Running'],
    ['simplified-where', 'Get-Service | ? Status -eq Running'],
    ['simplified-foreach', 'Get-Service | ForEach-Object Name'],
    ['simplified-foreach', 'Get-Service | % Name'],
    ['member-name', 'Get-Service | ForEach-Object -MemberName Name'],
    ['depth', '$x | Export-Clixml a.xml -Depth 3'],
    ['try', 'try { 1 } catch { 2 }'],
    ['try', 'try\n{\n  1\n}\ncatch [System.Exception] { 2 }'],
    ['try', 'trap { } ; finally { }'],
    ['no-newline', 'Write-Host -NoNewline x'],
    ['export-csv-append', '$x | Export-Csv a.csv -NoTypeInformation -Append'],
    ['block-comment', '<# help #>'],
    ['join-split', "$a = $b -join ';'"],
    ['join-split', "$a = $b -split ';'"],
    ['join-split', "$a = $b -csplit ';'"],
    ['advanced-function', 'function f { [CmdletBinding()] param() }'],
    ['advanced-function', 'function f { param([Parameter(Mandatory = $true)] $x) }'],
    ['new-object-property', "New-Object PSObject -Property @{ a = 1 }"],
    ['note-property-parameters', 'Add-Member -InputObject $o -NotePropertyName a -NotePropertyValue 1'],
    ['error-action-ignore', 'Get-Item x -ErrorAction Ignore'],
    ['error-action-ignore', "Get-Item x -ea 'Ignore'"],
    ['script-root', 'Join-Path $PSScriptRoot x'],
    ['script-root', 'Split-Path $PSCommandPath'],
    ['file-directory-switch', 'Get-ChildItem C:\\ -File'],
    ['file-directory-switch', 'dir C:\\ -Recurse -Directory'],
    ['collection-methods', '$list.ForEach({ $_ })'],
    ['collection-methods', '$list.Where({ $_ })'],
    ['shift-operators', '$a = 1 -shl 2'],
    ['splatting', 'Get-Item @parameters'],
    ['default-parameter-values', "$PSDefaultParameterValues['*:Encoding'] = 'UTF8'"],
    ['requires-version', '#requires -version 3'],
    ['requires-version', '#Requires -Version 2.0'],
    ['encoding-parameter', 'Import-Csv a.csv -Encoding Unicode'],
    ['encoding-parameter', 'Select-String -Path a -Pattern b -Encoding UTF8'],
    ['encoding-parameter', 'Export-Clixml a.xml -Encoding Unicode'],
    // Code inside a string's $( … ) is code.
    ['join-split', 'Write-Host "roles: $($roles -join \', \')"'],
    ['ordered', 'Write-Host "x $([ordered]@{})"'],
  ];

  it.each(caught)('catches %s in: %s', (id, snippet) => {
    expect(scanForNewerPowerShell(snippet).map((f) => f.id)).toContain(id);
  });

  it('has a snippet for every rule', () => {
    const tested = new Set(caught.map(([id]) => id));
    expect([...COMPAT_RULES.map((r) => r.id), 'requires-version', 'encoding-parameter'].filter((id) => !tested.has(id))).toEqual([]);
  });

  it.each([
    ['a comment', '# no try { } catch here, no [ordered], no -join, no Invoke-WebRequest'],
    ['a single-quoted string', "Write-Host 'use -Scope Server; try { } -join [ordered] $PSItem'"],
    ['a doubled quote in a single-quoted string', "Write-Host 'Exchange''s try { }'"],
    ['a double-quoted string', 'Write-Host "Invoke-WebRequest -in -split `"try {`""'],
    ['a here-string', "$t = @'\ntry { } catch { }\n[ordered]\n'@"],
    ['the foreach statement', 'foreach ($item in $items) { $item }'],
    ['ForEach-Object and Where-Object with script blocks', 'Get-ChildItem | Where-Object { $_.PSIsContainer } | ForEach-Object { $_.Name } | % { $_ } | ? { $_ }'],
    ['Where-Object with a script block variable', '$items | Where-Object $filter'],
    ['the modulus operator', '$odd = $n % 2'],
    ['-Include and -InputObject', 'Get-ChildItem -Include *.csv; Add-Member -InputObject $o -MemberType NoteProperty -Name a -Value 1'],
    ['-Encoding on the cmdlets PowerShell 1.0 has it on', "$r | Export-Csv -Path $f -NoTypeInformation -Encoding Unicode; 'x' | Out-File a.txt -Encoding Unicode; Set-Content a -Value b -Encoding UTF8; Get-Content a -Encoding UTF8; Add-Content a b -Encoding Unicode"],
    ['a .NET Encoding', '[System.IO.File]::WriteAllText($f, $t, [System.Text.Encoding]::Unicode)'],
    ['#requires -version 1', '#requires -version 1'],
    ['array and hashtable literals', '$a = @(1, 2); $h = @{ a = 1 }'],
  ])('ignores %s', (_, snippet) => {
    expect(scanForNewerPowerShell(snippet)).toEqual([]);
  });

  it('keeps line numbers when it blanks comments and strings', () => {
    const snippet = "# comment\n$a = 'one\ntwo'\n$b = $c -join ','";
    expect(codeOnly(snippet).split('\n')).toHaveLength(4);
    expect(scanForNewerPowerShell(snippet)).toEqual([{ id: 'join-split', line: 4, text: '-join' }]);
  });
});
