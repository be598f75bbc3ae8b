# Runs the collector's Get-ExplicitProxy (taken from the shipped script by PowerShell's own parser) against
# Internet Explorer proxy settings given as registry values, and prints one line per case:
# <case>|<proxy>|<note>. test/pwsh-collector.test.ts compares the lines.
$ErrorActionPreference = 'Stop'
$collector = Join-Path $PSScriptRoot '..' '..' 'templates' 'collector' 'Collect-ExrunbookInventory.ps1'
$ast = [System.Management.Automation.Language.Parser]::ParseFile($collector, [ref]$null, [ref]$null)
$function = $ast.Find({ param($node) $node -is [System.Management.Automation.Language.FunctionDefinitionAst] -and $node.Name -eq 'Get-ExplicitProxy' }, $true)
$InternetSettingsKey = 'HKCU:\Software\Microsoft\Windows\CurrentVersion\Internet Settings'
. ([scriptblock]::Create($function.Extent.Text))

$global:Settings = $null
function Test-Path { param([string]$Path) $Path -eq $InternetSettingsKey -and $null -ne $global:Settings }
function Get-Item { param([string]$Path)
    $key = [pscustomobject]@{ Values = $global:Settings }
    $key | Add-Member -MemberType ScriptMethod -Name GetValue -Value { param($n) $this.Values[$n] }
    $key
}

$uri = [System.Uri]'http://crl.microsoft.com/pki/crl/products/CodeSignPCA.crl'
$cases = [ordered]@{
    'no key' = $null
    'proxy off' = @{ ProxyEnable = 0; ProxyServer = 'proxy:8080' }
    'one proxy' = @{ ProxyEnable = 1; ProxyServer = 'proxy.contoso.co.jp:8080' }
    'per protocol' = @{ ProxyEnable = 1; ProxyServer = 'ftp=ftp:21;http=web.contoso.co.jp:3128;https=tls:443' }
    'https only' = @{ ProxyEnable = 1; ProxyServer = 'https=tls:443' }
    'bypassed' = @{ ProxyEnable = 1; ProxyServer = 'proxy:8080'; ProxyOverride = '*.microsoft.com;<local>' }
    'script' = @{ ProxyEnable = 0; AutoConfigURL = 'http://wpad/proxy.pac' }
}
foreach ($name in $cases.Keys) {
    $global:Settings = $cases[$name]
    $proxy = Get-ExplicitProxy $uri
    $name + '|' + $proxy + '|' + $script:ProxyNote
}
