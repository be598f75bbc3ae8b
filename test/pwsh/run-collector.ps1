# Runs the shipped collector (templates/collector/Collect-ExrunbookInventory.ps1) under PowerShell 7 on
# any OS, with what only an Exchange 2007 server has stubbed: the Exchange and WMI cmdlets, the
# registry and the Exchange folders (Test-Path, Get-Item, Get-ChildItem, Get-Content, Join-Path for
# HKLM:/HKCU:/C: paths; every other path goes to the real cmdlet), and four probe functions of the
# script whose bodies are .NET calls a stub cannot reach (ExSetup's FileVersionInfo, the account, the
# administrator check, the CRL request): those are renamed in a copy of the script so the stubs below
# answer instead. Everything else -- Invoke-Export, New-Record, ConvertTo-FieldText, Export-Csv, the
# log -- runs as shipped. Writes <OutputPath>\org and one folder per computer; exits non-zero when any
# run of the collector did.
param([Parameter(Mandatory = $true)][string]$OutputPath)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'exchange-2007-objects.ps1')

$collector = Join-Path $PSScriptRoot '..' '..' 'templates' 'collector' 'Collect-ExrunbookInventory.ps1'
$probes = 'Get-ExSetupVersion', 'Get-AccountName', 'Test-Administrator', 'Test-CrlReachable'
$text = Get-Content -Raw -Path $collector
foreach ($probe in $probes) {
    $definition = 'function ' + $probe + ' '
    if (-not $text.Contains($definition)) { throw "the collector no longer defines $probe" }
    $text = $text.Replace($definition, 'function Shipped-' + $probe + ' ')
}
$script = Join-Path ([System.IO.Path]::GetTempPath()) ('collector-under-test-' + $PID + '.ps1')
Set-Content -Path $script -Value $text -Encoding ascii

$global:InstallPath = 'C:\Program Files\Microsoft\Exchange Server\'
$global:ExchangeProduct = 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Installer\UserData\S-1-5-18\Products\461C2B4266EDEF444B864AD6D9E5B613'

function New-RegistryKey([string]$Name, [hashtable]$Values) {
    $key = [pscustomobject]@{ Name = $Name; PSChildName = $Name.Split('\')[-1]; Values = $Values }
    $key | Add-Member -MemberType ScriptMethod -Name GetValue -Value { param($n) $this.Values[$n] }
    $key
}

# The registry and the folders of the computer being collected ($env:COMPUTERNAME).
function Get-FakeItems {
    $c = $global:Computers[$env:COMPUTERNAME]
    $items = @{}
    $items['HKLM:\SOFTWARE\Microsoft\Exchange\Setup'] = New-RegistryKey 'HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Exchange\Setup' @{ MsiInstallPath = $global:InstallPath }
    $items[$global:ExchangeProduct] = New-RegistryKey ($global:ExchangeProduct -replace '^HKLM:', 'HKEY_LOCAL_MACHINE') @{}
    $items[$global:ExchangeProduct + '\Patches'] = New-RegistryKey 'Patches' @{}
    $items['HKLM:\SOFTWARE\Microsoft\NET Framework Setup\NDP'] = New-RegistryKey 'HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\NET Framework Setup\NDP' @{}
    if ($c.RpcProxy) { $items['HKLM:\SOFTWARE\Microsoft\Rpc\RpcProxy'] = New-RegistryKey 'HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Rpc\RpcProxy' @{ ValidPorts = 'EXCAS01:6001-6002;EXCAS01:6004;excas01.contoso.co.jp:6001-6002'; Enabled = 1 } }
    if ($null -ne $c.PublisherState) { $items['HKCU:\Software\Microsoft\Windows\CurrentVersion\WinTrust\Trust Providers\Software Publishing'] = New-RegistryKey 'Software Publishing' @{ State = [int]$c.PublisherState } }
    if ($c.Owa) {
        $items[$global:InstallPath + 'ClientAccess\Owa'] = 'folder'
        $items[$global:InstallPath + 'ClientAccess\Owa\auth'] = 'folder'
        $items[$global:InstallPath + 'ClientAccess\Owa\8.3.298.3\themes'] = 'folder'
    }
    $items['C:\ExchangeSetupLogs\ExchangeSetup.log'] = 'file'
    $items
}

function Get-FakeChildren([string]$Path) {
    $c = $global:Computers[$env:COMPUTERNAME]
    if ($Path -eq $global:ExchangeProduct + '\Patches') {
        foreach ($rollup in $c.Rollups) {
            New-RegistryKey ('Patches\C7031C8839854334' + $rollup) @{ DisplayName = 'Update Rollup ' + $rollup + ' for Exchange Server 2007 Service Pack 3 (' + $global:RollupKbs[$rollup] + ')'; Installed = '20130305' }
        }
        return
    }
    if ($Path -eq 'HKLM:\SOFTWARE\Microsoft\NET Framework Setup\NDP') {
        $ndp = 'HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\NET Framework Setup\NDP\'
        New-RegistryKey ($ndp + 'v2.0.50727') @{ Version = '2.0.50727.4927'; SP = 2; Install = 1 }
        New-RegistryKey ($ndp + 'v2.0.50727\1041') @{ Version = '2.0.50727.4927'; SP = 2; Install = 1 }
        New-RegistryKey ($ndp + 'v3.0') @{ Version = '3.0.30729.4926'; SP = 2; Install = 1 }
        New-RegistryKey ($ndp + 'v3.5') @{ Version = '3.5.30729.5420'; SP = 1; Install = 1 }
        New-RegistryKey ($ndp + 'v4\Full') @{ Version = '4.0.30319'; Install = 1 }
        return
    }
    $owa = $global:InstallPath + 'ClientAccess\Owa'
    $file = { param($name, $length, $time) [pscustomobject]@{ Name = $name.Split('\')[-1]; FullName = $owa + '\' + $name; Length = [long]$length; LastWriteTime = [datetime]$time; PSIsContainer = $false } }
    if ($Path -eq $owa) { [pscustomobject]@{ Name = '8.3.298.3'; FullName = $owa + '\8.3.298.3'; LastWriteTime = [datetime]'2013-03-05T10:00:00'; PSIsContainer = $true } }
    if ($Path -eq $owa + '\auth') { & $file 'auth\logon.aspx' 7921 '2013-03-12T10:41:07'; & $file 'auth\expiredpassword.aspx' 5402 '2010-06-11T08:05:00' }
    if ($Path -eq $owa + '\8.3.298.3\themes') { & $file '8.3.298.3\themes\base\logo.gif' 1204 '2013-03-05T10:00:00' }
}

function global:Test-Path { param([string]$Path)
    if ($Path -match '^(HKLM|HKCU|C):') { return (Get-FakeItems).ContainsKey($Path) }
    Microsoft.PowerShell.Management\Test-Path -Path $Path
}
function global:Get-Item { param([string]$Path)
    if ($Path -match '^(HKLM|HKCU|C):') { $item = (Get-FakeItems)[$Path]; if ($null -eq $item) { throw "Cannot find path '$Path'" }; return $item }
    Microsoft.PowerShell.Management\Get-Item -Path $Path
}
function global:Get-ChildItem { param([string]$Path, [switch]$Recurse, [switch]$Force)
    if ($Path -match '^(HKLM|HKCU|C):') { return Get-FakeChildren $Path }
    Microsoft.PowerShell.Management\Get-ChildItem -Path $Path -Recurse:$Recurse -Force:$Force
}
function global:Join-Path { param([string]$Path, [string]$ChildPath)
    if ($Path -match '^(HKLM|HKCU|C):') { return $Path.TrimEnd('\') + '\' + $ChildPath }
    Microsoft.PowerShell.Management\Join-Path -Path $Path -ChildPath $ChildPath
}
function global:Get-Content { param([string]$Path)
    if ($Path -ne 'C:\ExchangeSetupLogs\ExchangeSetup.log') { return Microsoft.PowerShell.Management\Get-Content -Path $Path }
    '[03/05/2013 09:58:01] [0] Setup will run from path ''C:\Program Files\Microsoft\Exchange Server\bin''.'
    '[03/05/2013 10:12:44] [1] [WARNING] Setup could not verify the publisher''s certificate revocation: the list was not reachable.'
    '[03/05/2013 10:15:02] [1] Finished executing component tasks.'
    '[03/05/2013 10:15:02] [0] The Microsoft Exchange Server setup operation completed successfully.'
    '[03/05/2013 10:15:03] [0] End of Setup'
    '[03/05/2013 10:15:03] [0] **********************************************'
}
function global:Add-PSSnapin { }
function global:Get-ExchangeServer { param($Identity, $ErrorAction)
    if ($null -eq $Identity) { return $global:ExchangeServers }
    $global:ExchangeServers | Where-Object { $_.Name -eq $Identity }
}
function global:Get-OwaVirtualDirectory { $global:OwaVirtualDirectories }
function global:Get-OutlookAnywhere { $global:OutlookAnywhere }
function global:Get-MailboxServer { $global:MailboxServers }
function global:Get-ClusteredMailboxServerStatus { param($Identity) $global:ClusteredStatus | Where-Object { $_.Identity -eq $Identity } }
function global:Get-WmiObject { param([string]$Class)
    if ($Class -eq 'Win32_OperatingSystem') { return New-OperatingSystem $env:COMPUTERNAME }
    if ($Class -eq 'Win32_Service') { return New-Services $env:COMPUTERNAME }
    throw "no stub for WMI class $Class"
}
function global:Get-ExSetupVersion { New-ExSetupVersionInfo $env:COMPUTERNAME }
function global:Get-AccountName { 'CONTOSO\exadmin' }
function global:Test-Administrator { $true }
# An air-gapped server: the collector's record for an unreachable CRL.
function global:Test-CrlReachable { @{ Url = $CrlUrl; Reachable = 'False'; Detail = 'name resolution of crl.microsoft.com failed: No such host is known'; Proxy = 'direct'; TimeoutSeconds = $CrlTimeoutSeconds } }

$env:SystemDrive = 'C:'
$failed = 0
$runs = @(@{ Computer = 'EXCAS01'; Scope = 'Organization' }) + @($global:Computers.Keys | Sort-Object | ForEach-Object { @{ Computer = $_; Scope = 'Server' } })
foreach ($run in $runs) {
    $env:COMPUTERNAME = $run.Computer
    & $script -Scope $run.Scope -OutputPath $OutputPath *> $null
    if ($LASTEXITCODE -ne 0) { Write-Host ('collector -Scope ' + $run.Scope + ' on ' + $run.Computer + ' exited ' + $LASTEXITCODE); $failed++ }
}
Remove-Item -Path $script
exit $failed
