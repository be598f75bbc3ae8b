# Writes fixtures/pwsh-formats/: one small Exchange 2007 organisation exported the ways operators export
# it, by real PowerShell formatting (not an imitation): Format-List and Format-Table at several widths
# (-AutoSize, -Wrap, Out-String -Width, Invoke-Command's PSComputerName column), Out-File as `>` writes
# it in Windows PowerShell (UTF-16LE), Export-Csv with and without a #TYPE line, -UseCulture under de-DE
# and ja-JP, several -Encoding values, and Export-Clixml. test/pwsh-formats.test.ts regenerates it and
# compares byte for byte, then reads it. Rerun after a change:
#   pwsh -NoProfile -File test/pwsh/make-format-fixtures.ps1 fixtures/pwsh-formats
param([Parameter(Mandatory = $true)][string]$OutputPath)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'exchange-2007-objects.ps1')
[cultureinfo]::CurrentCulture = 'en-US'
# Files are overwritten, never the folder removed (its README.md is not generated).
foreach ($folder in 'org', 'EXCAS01', 'EXMBX01A', 'EXMBX01B') { $null = New-Item -ItemType Directory -Force -Path (Join-Path $OutputPath $folder) }
function Out-Fixture([string]$Path, [int]$Width = 80) {
    # Windows PowerShell's `>` and Out-File: UTF-16LE with a BOM, lines cut to the console width.
    $input | Out-File -FilePath (Join-Path $OutputPath $Path) -Encoding unicode -Width $Width
}
function With-Culture([string]$Name, [scriptblock]$Block) {
    $saved = [cultureinfo]::CurrentCulture
    [cultureinfo]::CurrentCulture = $Name
    try { & $Block } finally { [cultureinfo]::CurrentCulture = $saved }
}

# The organisation: Get-ExchangeServer as a list (80 columns) and as a table; the clustered mailbox server.
$global:ExchangeServers | Format-List Name, Fqdn, ServerRole, Edition, AdminDisplayVersion, Site, IsMemberOfCluster, IsExchange2007OrLater, ExchangeVersion | Out-Fixture 'org/ExchangeServer-fl.txt'
$global:ExchangeServers | Format-Table Name, ServerRole, Edition, AdminDisplayVersion, Site -AutoSize | Out-Fixture 'org/ExchangeServer-ft.txt' -Width 200
$global:MailboxServers | Select-Object Name, ClusteredStorageType, @{ n = 'RedundantMachines'; e = { $_.RedundantMachines -join ' ' } } |
    ForEach-Object { With-Culture 'de-DE' { $_ | Export-Csv -Path (Join-Path $OutputPath 'org/MailboxServer.csv') -UseCulture -Encoding utf8BOM } }
# Windows PowerShell's Export-Clixml writes UTF-16LE; PowerShell 7's (the EXMBX01B files below) UTF-8.
$global:ClusteredStatus | Export-Clixml -Path (Join-Path $OutputPath 'org/ClusteredMailboxServerStatus.xml') -Encoding unicode
$global:OwaVirtualDirectories | Format-Table Server, Name, InternalUrl, ExternalUrl -AutoSize | Out-Fixture 'org/OwaVirtualDirectory.txt' -Width 250

# EXCAS01: the documented build check as a table (80 columns: FileName is cut, the version is whole);
# the same through Invoke-Command (PSComputerName) at full width; services with -Wrap at 60 columns.
$exsetup = New-ExSetupVersionInfo 'EXCAS01'
$exsetup | Format-Table ProductVersion, FileVersion, FileName | Out-Fixture 'EXCAS01/ExSetup-ft80.txt'
$remote = New-ExSetupVersionInfo 'EXMBX01A' | Select-Object *, @{ n = 'PSComputerName'; e = { 'EXMBX01A' } }
$remote | Format-Table PSComputerName, ProductVersion, FileVersion, FileName -AutoSize | Out-String -Width 300 | Out-Fixture 'EXMBX01A/ExSetup-invoke.txt' -Width 300
New-Services 'EXCAS01' | Format-Table Name, State, StartMode, DisplayName -Wrap | Out-Fixture 'EXCAS01/Services-wrap.txt' -Width 60
With-Culture 'de-DE' { New-OperatingSystem 'EXCAS01' | Export-Csv -Path (Join-Path $OutputPath 'EXCAS01/OperatingSystem.csv') -UseCulture -Encoding unicode -IncludeTypeInformation }
$patches = foreach ($rollup in 9, 10) { [pscustomobject]@{ PSComputerName = 'EXCAS01'; DisplayName = 'Exchange Server 2007 Service Pack 3 (' + $global:RollupKbs[$rollup] + ') 用の更新プログラムのロールアップ ' + $rollup; Installed = '2013030' + ($rollup - 4) } }
With-Culture 'ja-JP' { $patches | Export-Csv -Path (Join-Path $OutputPath 'EXCAS01/InstalledPatches.csv') -UseCulture -Encoding unicode -NoTypeInformation }
$owa = 'C:\Program Files\Microsoft\Exchange Server\ClientAccess\Owa\'
$owaFiles = @(
    [pscustomobject]@{ FullName = $owa + 'auth\logon.aspx'; Length = [long]18604; LastWriteTime = [datetime]'2013-03-12T10:41:07' },
    [pscustomobject]@{ FullName = $owa + 'auth\logoff.aspx'; Length = [long]6912; LastWriteTime = [datetime]'2013-03-05T09:02:11' }
)
With-Culture 'de-DE' { $owaFiles | Export-Csv -Path (Join-Path $OutputPath 'EXCAS01/OwaFiles.csv') -UseCulture -Encoding utf8 -NoTypeInformation }
With-Culture 'ja-JP' { New-OperatingSystem 'EXMBX01A' | Format-List CSName, Caption, Version, CSDVersion, OSLanguage | Out-Fixture 'EXMBX01A/OperatingSystem.txt' }

# EXMBX01B: Export-Clixml (the most faithful) of the OS and ExSetup's version; Export-Csv with the default
# encoding of PowerShell 7 (UTF-8 without BOM) of the patch list.
New-OperatingSystem 'EXMBX01B' | Export-Clixml -Path (Join-Path $OutputPath 'EXMBX01B/OperatingSystem.xml')
New-ExSetupVersionInfo 'EXMBX01B' | Export-Clixml -Path (Join-Path $OutputPath 'EXMBX01B/ExSetup.xml')
New-ExSetupVersionInfo 'EXCAS01' | Format-List | Out-Fixture 'EXMBX01B/ExSetup-fl.txt' -Width 80
[pscustomobject]@{ DisplayName = 'Update Rollup 10 for Exchange Server 2007 Service Pack 3 (KB2788321)'; Installed = '20130305' } | Export-Csv -Path (Join-Path $OutputPath 'EXMBX01B/InstalledPatches.csv')

# PowerShell ends lines with the OS's newline; on Windows, where these exports are made, that is CRLF.
# Every file gets CRLF, in its own encoding (BOM kept), so the fixture is the same whichever OS made it.
foreach ($file in Get-ChildItem -Path $OutputPath -Recurse -File | Where-Object { $_.Name -ne 'README.md' }) {
    $bytes = [System.IO.File]::ReadAllBytes($file.FullName)
    if ($bytes.Length -ge 2 -and $bytes[0] -eq 0xFF -and $bytes[1] -eq 0xFE) { $encoding = [System.Text.UnicodeEncoding]::new($false, $true) }
    elseif ($bytes.Length -ge 3 -and $bytes[0] -eq 0xEF -and $bytes[1] -eq 0xBB -and $bytes[2] -eq 0xBF) { $encoding = [System.Text.UTF8Encoding]::new($true) }
    else { $encoding = [System.Text.UTF8Encoding]::new($false) }
    $text = [System.IO.File]::ReadAllText($file.FullName, $encoding).Replace("`r`n", "`n").Replace("`n", "`r`n")
    [System.IO.File]::WriteAllText($file.FullName, $text, $encoding)
}
