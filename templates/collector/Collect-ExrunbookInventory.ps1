# Collect-ExrunbookInventory.ps1 -- the inventory collector of exrunbook (written by `exrunbook collector`).
#
# Collects what exrunbook needs to plan Exchange Server 2007 service pack and update rollup installs.
# It only reads: nothing on the server is changed. Run it
#   1. once in the Exchange Management Shell, for the organisation:
#        .\Collect-ExrunbookInventory.ps1 -Scope Organization
#   2. on every computer that holds Exchange 2007 binaries -- each server, each node of a clustered
#      mailbox server, each Edge Transport server -- in an elevated (64-bit) PowerShell or Exchange
#      Management Shell:
#        .\Collect-ExrunbookInventory.ps1
# Each run writes one folder under -OutputPath (default .\exrunbook-inventory): 'org' for the
# organisation, else the computer's name. Each folder holds CSV files (Export-Csv -NoTypeInformation
# -Encoding Unicode) and collector.log, which says what was exported and what failed. Copy the
# folders into one inventory folder and run `exrunbook check` / `exrunbook build` on it.
#
# Parameters:
#   -Scope Server|Organization   Server (default): this computer. Organization: the Exchange organisation.
#   -OutputPath PATH             where the folders are written (default .\exrunbook-inventory).
#   -CrlTimeoutSeconds N         how long the CRL reachability test waits, 1 to 60 (default 5).
#
# Written for Windows PowerShell 1.0 and 2.0: no try/catch (a trap instead), no New-Object -Property,
# no -join/-split, no block comments, no advanced functions; plain ASCII, so it reads the same under
# any code page. One export failing does not stop the others: its error goes to collector.log.

param(
    [string]$Scope = 'Server',
    [string]$OutputPath = '.\exrunbook-inventory',
    [int]$CrlTimeoutSeconds = 5
)

$CollectorFormat = 1
$CrlUrl = 'http://crl.microsoft.com/pki/crl/products/CodeSignPCA.crl'
# Exchange 2007's Windows Installer product code {24B2C164-DE66-44FE-B468-A46D9D5E6B31}, packed: its
# Patches subkeys are the installed update rollups and interim updates (what Add/Remove Programs shows).
$ExchangeProductKey = 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Installer\UserData\S-1-5-18\Products\461C2B4266EDEF444B864AD6D9E5B613'
$ExchangeSetupKey = 'HKLM:\SOFTWARE\Microsoft\Exchange\Setup'
$DotNetKey = 'HKLM:\SOFTWARE\Microsoft\NET Framework Setup\NDP'
$RpcProxyKey = 'HKLM:\SOFTWARE\Microsoft\Rpc\RpcProxy'
# Per user: the installing account's "Check for publisher's certificate revocation" (State 0x23c00 = on,
# 0x23e00 = off), so run the per-computer collection as the account that will install the update.
$SoftwarePublishingKey = 'HKCU:\Software\Microsoft\Windows\CurrentVersion\WinTrust\Trust Providers\Software Publishing'
$InternetSettingsKey = 'HKCU:\Software\Microsoft\Windows\CurrentVersion\Internet Settings'
# Services that setup stops and must find running again: Exchange's, Exchange's search and AD LDS
# instances, IIS, and the Windows services Exchange relies on.
$ServicePattern = '^(MSExchange.*|msftesql-Exchange|ADAM_MSExchange|MSSpeechService|IISAdmin|W3Svc|HTTPFilter|SMTPSVC|WinMgmt|RemoteRegistry)$'
$SetupLogResultPattern = '(\[ERROR\]|\[WARNING\]|completed successfully|operation failed|error\(s\) occurred|End of Setup|Setup has finished)'
$SetupLogResultLines = 20

$script:LogFile = $null
$script:ErrorCount = 0
$script:WarningCount = 0
$script:ExportFailure = $null
$script:CrlFailure = $null

# ---------------------------------------------------------------------------------------------------
# Log

function Write-Log([string]$Level, [string]$Message) {
    $stamp = (Get-Date).ToString('yyyy-MM-dd HH:mm:ss', [System.Globalization.CultureInfo]::InvariantCulture)
    $line = $stamp + ' ' + $Level.PadRight(5) + ' ' + $Message
    if ($Level -eq 'ERROR') {
        $script:ErrorCount = $script:ErrorCount + 1
        Write-Host $line -ForegroundColor Red
    } elseif ($Level -eq 'WARN') {
        $script:WarningCount = $script:WarningCount + 1
        Write-Host $line -ForegroundColor Yellow
    } else {
        Write-Host $line
    }
    if ($script:LogFile -ne $null) {
        # UTF-16LE with a byte-order mark (written on the first line only), like the CSV files.
        [System.IO.File]::AppendAllText($script:LogFile, $line + "`r`n", [System.Text.Encoding]::Unicode)
    }
}

# The innermost exception's message: .NET method errors arrive wrapped in MethodInvocationException.
function Get-ErrorText($ErrorRecord) {
    $exception = $ErrorRecord
    if ($ErrorRecord -is [System.Management.Automation.ErrorRecord]) { $exception = $ErrorRecord.Exception }
    if ($exception -isnot [System.Exception]) { return [string]$ErrorRecord }
    while ($exception.InnerException -ne $null) { $exception = $exception.InnerException }
    return $exception.Message
}

# ---------------------------------------------------------------------------------------------------
# Records and files

# One field as text: lists joined with ';' (Export-Csv would write the list's type name), dates in an
# unambiguous invariant form, Active Directory ids by their name, $null kept (written as an empty field).
function ConvertTo-FieldText($Value) {
    if ($null -eq $Value) { return $null }
    if ($Value -is [string]) { return $Value }
    if ($Value -is [System.DateTime]) {
        return $Value.ToString('yyyy-MM-ddTHH:mm:ss', [System.Globalization.CultureInfo]::InvariantCulture)
    }
    if ($Value -is [System.Collections.IEnumerable]) {
        $parts = @()
        foreach ($item in $Value) { $parts += [string](ConvertTo-FieldText $item) }
        return [string]::Join(';', [string[]]$parts)
    }
    if ($Value.GetType().Name -eq 'ADObjectId') { return [string]$Value.Name }
    return [string]$Value
}

# A record with exactly these columns, in this order. ComputerName is this computer, so a per-server
# file still names its server when it is moved out of its folder.
function New-Record($Source, [string[]]$Columns) {
    $record = '' | Select-Object -Property $Columns
    foreach ($column in $Columns) {
        if ($column -eq 'ComputerName') {
            $record.$column = $env:COMPUTERNAME
        } else {
            $record.$column = ConvertTo-FieldText $Source.$column
        }
    }
    return $record
}

# Runs one export: $Source outputs the objects, New-Record shapes them, Export-Csv writes them. An error
# that stops $Source is trapped and logged, and nothing is written for this export; errors that do not
# stop it are logged as warnings and the records found are written. With -NoneIsAnAnswer, no records
# and no error writes the header line alone: "collected, and there are none" (e.g. no update installed).
function Invoke-Export {
    param(
        [string]$Folder,
        [string]$Name,
        [string[]]$Columns,
        [scriptblock]$Source,
        [string]$NoneText = 'nothing to export',
        [switch]$NoneIsAnAnswer
    )
    trap {
        $script:ExportFailure = Get-ErrorText $_
        continue
    }
    $file = Join-Path $Folder ($Name + '.csv')
    $script:ExportFailure = $null
    if (Test-Path -Path $file) { Remove-Item -Path $file -Force }
    # $Error collects the errors of this export only (the session's earlier errors are not ours to report).
    $Error.Clear()
    $items = @(& $Source)
    if ($script:ExportFailure -ne $null) {
        Write-Log 'ERROR' ($Name + ': ' + $script:ExportFailure + ' -- no file written.')
        return
    }
    for ($i = $Error.Count - 1; $i -ge 0; $i--) {
        Write-Log 'WARN' ($Name + ': ' + (Get-ErrorText $Error[$i]))
    }
    $warned = $Error.Count -gt 0
    if ($items.Count -eq 0) {
        if ($NoneIsAnAnswer -and -not $warned) {
            $header = @()
            foreach ($column in $Columns) { $header += '"' + $column + '"' }
            [System.IO.File]::WriteAllText($file, [string]::Join(',', [string[]]$header) + "`r`n", [System.Text.Encoding]::Unicode)
            Write-Log 'OK' ($Name + '.csv: 0 records (' + $NoneText + ').')
        } elseif ($warned) {
            Write-Log 'ERROR' ($Name + ': no records because of the errors above -- no file written.')
        } else {
            Write-Log 'INFO' ($Name + ': ' + $NoneText + ' -- no file written.')
        }
        return
    }
    $records = @()
    foreach ($item in $items) { $records += New-Record $item $Columns }
    $records | Export-Csv -Path $file -NoTypeInformation -Encoding Unicode
    if ($script:ExportFailure -ne $null) {
        Write-Log 'ERROR' ($Name + ': ' + $script:ExportFailure)
        return
    }
    if ($warned) {
        Write-Log 'WARN' ($Name + '.csv: ' + $records.Count + ' records, possibly incomplete (see the warnings above).')
    } else {
        Write-Log 'OK' ($Name + '.csv: ' + $records.Count + ' records.')
    }
}

# ---------------------------------------------------------------------------------------------------
# Sources: each outputs the objects (or hashtables) whose properties become the columns.

function Test-ExchangeShell {
    if (Get-Command -Name Get-ExchangeServer -ErrorAction SilentlyContinue) { return $true }
    Add-PSSnapin -Name Microsoft.Exchange.Management.PowerShell.Admin -ErrorAction SilentlyContinue
    if (Get-Command -Name Get-ExchangeServer -ErrorAction SilentlyContinue) { return $true }
    return $false
}

function Get-ExchangeInstallPath {
    if (-not (Test-Path -Path $ExchangeSetupKey)) {
        throw ('registry key ' + $ExchangeSetupKey + ' not found: Exchange Server 2007 is not installed on this computer')
    }
    $path = (Get-Item -Path $ExchangeSetupKey).GetValue('MsiInstallPath')
    if (-not $path) { throw ('MsiInstallPath is not set under ' + $ExchangeSetupKey) }
    return [string]$path
}

function Get-ExSetupVersion {
    $path = Join-Path (Get-ExchangeInstallPath) 'bin\ExSetup.exe'
    if (-not (Test-Path -Path $path)) { throw ('ExSetup.exe not found at ' + $path) }
    [System.Diagnostics.FileVersionInfo]::GetVersionInfo($path)
}

function Get-InstalledPatch {
    if (-not (Test-Path -Path $ExchangeProductKey)) {
        throw ('registry key ' + $ExchangeProductKey + ' not found: Exchange Server 2007 (64-bit) is not installed on this computer')
    }
    $patches = Join-Path $ExchangeProductKey 'Patches'
    if (Test-Path -Path $patches) {
        Get-ChildItem -Path $patches | ForEach-Object {
            @{ PSChildName = $_.PSChildName; DisplayName = $_.GetValue('DisplayName'); Installed = $_.GetValue('Installed') }
        }
    }
}

# Every key under NDP that has Version, SP or Install, named by its path below NDP (v2.0.50727\1041).
function Get-DotNetFramework {
    $prefix = 'NET Framework Setup\NDP\'
    Get-ChildItem -Path $DotNetKey -Recurse | ForEach-Object {
        $version = $_.GetValue('Version')
        $servicePack = $_.GetValue('SP')
        $install = $_.GetValue('Install')
        if ($null -ne $version -or $null -ne $servicePack -or $null -ne $install) {
            $name = [string]$_.Name
            @{ Key = $name.Substring($name.IndexOf($prefix) + $prefix.Length); Version = $version; SP = $servicePack; Install = $install }
        }
    }
}

function Get-OperatingSystem {
    Get-WmiObject -Class Win32_OperatingSystem
}

# ClientAccess\Owa\auth and every ClientAccess\Owa\<build>\themes, with their subfolders.
function Get-OwaFile {
    $owa = Join-Path (Get-ExchangeInstallPath) 'ClientAccess\Owa'
    if (Test-Path -Path $owa) {
        $auth = Join-Path $owa 'auth'
        if (Test-Path -Path $auth) { Get-ChildItem -Path $auth -Recurse -Force }
        Get-ChildItem -Path $owa | Where-Object { $_.PSIsContainer } | ForEach-Object {
            $themes = Join-Path $_.FullName 'themes'
            if (Test-Path -Path $themes) { Get-ChildItem -Path $themes -Recurse -Force }
        }
    }
}

function Get-RpcProxySetting {
    if (Test-Path -Path $RpcProxyKey) {
        $key = Get-Item -Path $RpcProxyKey
        @{ ValidPorts = $key.GetValue('ValidPorts'); Enabled = $key.GetValue('Enabled') }
    }
}

# Win32_Service gives the start mode (Get-Service has none before PowerShell 5).
function Get-ExchangeService {
    Get-WmiObject -Class Win32_Service | Where-Object { [string]$_.Name -match $ServicePattern }
}

function Get-SoftwarePublishingState {
    if (Test-Path -Path $SoftwarePublishingKey) {
        $state = (Get-Item -Path $SoftwarePublishingKey).GetValue('State')
        if ($null -ne $state) { @{ Account = Get-AccountName; SoftwarePublishingState = [string]$state } }
    }
}

# The last result lines of the last setup run (success, errors, warnings), in file order.
function Get-SetupLogResult {
    $log = Join-Path $env:SystemDrive 'ExchangeSetupLogs\ExchangeSetup.log'
    if (Test-Path -Path $log) {
        $lines = @(Get-Content -Path $log)
        $picked = @()
        $i = $lines.Count - 1
        while ($i -ge 0 -and $picked.Count -lt $SetupLogResultLines) {
            if ([string]$lines[$i] -match $SetupLogResultPattern) { $picked = @(@{ LineNumber = $i + 1; SetupLogLine = [string]$lines[$i] }) + $picked }
            $i = $i - 1
        }
        $picked
    }
}

function Get-AccountName {
    return [System.Security.Principal.WindowsIdentity]::GetCurrent().Name
}

function Test-Administrator {
    $principal = New-Object System.Security.Principal.WindowsPrincipal([System.Security.Principal.WindowsIdentity]::GetCurrent())
    return $principal.IsInRole([System.Security.Principal.WindowsBuiltInRole]::Administrator)
}

# The proxy the installing account's Internet Explorer settings name for $Uri, read from the registry
# rather than through WebRequest.DefaultWebProxy: that one runs automatic proxy detection (WPAD) and
# automatic configuration scripts, which can block for long before any timeout starts. Returns
# 'direct', or the proxy's URI, with what was not evaluated in $script:ProxyNote.
function Get-ExplicitProxy([System.Uri]$Uri) {
    $script:ProxyNote = ''
    if (-not (Test-Path -Path $InternetSettingsKey)) { return 'direct' }
    $settings = Get-Item -Path $InternetSettingsKey
    $autoConfig = $settings.GetValue('AutoConfigURL')
    if ($autoConfig) { $script:ProxyNote = 'automatic configuration script ' + $autoConfig + ' not evaluated' }
    if ($settings.GetValue('ProxyEnable') -ne 1) { return 'direct' }
    $server = [string]$settings.GetValue('ProxyServer')
    if ($server -eq '') { return 'direct' }
    $override = [string]$settings.GetValue('ProxyOverride')
    foreach ($entry in $override.Split(';')) {
        $pattern = $entry.Trim()
        if ($pattern -eq '<local>' -and $Uri.Host.IndexOf('.') -lt 0) { return 'direct' }
        if ($pattern -ne '' -and $Uri.Host -like $pattern) { return 'direct' }
    }
    # 'host:port' for every protocol, or 'http=host:port;https=host:port'.
    $chosen = $server
    foreach ($entry in $server.Split(';')) {
        if ($entry.StartsWith($Uri.Scheme + '=')) { $chosen = $entry.Substring($Uri.Scheme.Length + 1) }
    }
    if ($chosen.IndexOf('=') -ge 0) { return 'direct' }
    if ($chosen.IndexOf('://') -lt 0) { $chosen = 'http://' + $chosen }
    return $chosen
}

# Can this computer fetch Microsoft's code-signing CRL? Setup checks it while it runs; without an answer
# it waits for each check to time out. Goes direct or through the proxy that the Internet Explorer
# settings of the account running this script name (as setup does for the installing account); an
# automatic configuration script or automatic detection is not evaluated (noted in Proxy). The whole
# test is bounded by -CrlTimeoutSeconds: one deadline for name resolution (of the CRL host, or of the
# proxy) and the request, which is given that proxy explicitly so nothing is detected before the wait.
function Test-CrlReachable {
    trap {
        $script:CrlFailure = Get-ErrorText $_
        continue
    }
    $result = @{ Url = $CrlUrl; Reachable = 'False'; Detail = ''; Proxy = 'direct'; TimeoutSeconds = $CrlTimeoutSeconds }
    $deadline = [System.DateTime]::UtcNow.AddSeconds($CrlTimeoutSeconds)
    $uri = New-Object System.Uri($CrlUrl)

    $script:CrlFailure = $null
    $result.Proxy = Get-ExplicitProxy $uri
    if ($script:CrlFailure -ne $null) { $result.Proxy = 'direct'; $script:ProxyNote = 'proxy settings unreadable (' + $script:CrlFailure + ')' }
    $target = $uri
    if ($result.Proxy -ne 'direct') { $target = New-Object System.Uri($result.Proxy) }

    $script:CrlFailure = $null
    $lookup = [System.Net.Dns]::BeginGetHostEntry($target.Host, $null, $null)
    if ($script:CrlFailure -ne $null) { $result.Detail = 'name resolution of ' + $target.Host + ' failed: ' + $script:CrlFailure; return (Complete-CrlResult $result) }
    if (-not $lookup.AsyncWaitHandle.WaitOne((Get-RemainingMilliseconds $deadline), $false)) {
        $result.Detail = 'name resolution of ' + $target.Host + ' did not finish within ' + $CrlTimeoutSeconds + ' s'
        return (Complete-CrlResult $result)
    }
    $null = [System.Net.Dns]::EndGetHostEntry($lookup)
    if ($script:CrlFailure -ne $null) { $result.Detail = 'name resolution of ' + $target.Host + ' failed: ' + $script:CrlFailure; return (Complete-CrlResult $result) }

    $request = [System.Net.WebRequest]::Create($uri)
    $request.Timeout = Get-RemainingMilliseconds $deadline
    if ($result.Proxy -eq 'direct') {
        $request.Proxy = $null
    } else {
        $proxy = New-Object System.Net.WebProxy($result.Proxy)
        $proxy.Credentials = [System.Net.CredentialCache]::DefaultCredentials
        $request.Proxy = $proxy
    }
    $pending = $request.BeginGetResponse($null, $null)
    if ($script:CrlFailure -ne $null) { $result.Detail = $script:CrlFailure; return (Complete-CrlResult $result) }
    if (-not $pending.AsyncWaitHandle.WaitOne((Get-RemainingMilliseconds $deadline), $false)) {
        $request.Abort()
        $result.Detail = 'no answer within ' + $CrlTimeoutSeconds + ' s'
        return (Complete-CrlResult $result)
    }
    $response = $request.EndGetResponse($pending)
    if ($script:CrlFailure -ne $null) { $result.Detail = $script:CrlFailure; return (Complete-CrlResult $result) }
    $result.Reachable = 'True'
    $result.Detail = [string][int]$response.StatusCode + ' ' + $response.StatusDescription + ' (' + $response.ContentType + ')'
    $response.Close()
    return (Complete-CrlResult $result)
}

function Get-RemainingMilliseconds([System.DateTime]$Deadline) {
    $left = [int]($Deadline - [System.DateTime]::UtcNow).TotalMilliseconds
    if ($left -lt 0) { return 0 }
    return $left
}

function Complete-CrlResult($Result) {
    if ($script:ProxyNote -ne '') { $Result.Proxy = $Result.Proxy + ' (' + $script:ProxyNote + ')' }
    return $Result
}

# An Edge Transport server is not in the domain: the organisation's Get-ExchangeServer may miss it or
# show the version recorded when it was subscribed, so the Edge exports its own record.
function Test-EdgeServer {
    if (-not (Test-ExchangeShell)) { return $false }
    $server = Get-ExchangeServer -Identity $env:COMPUTERNAME -ErrorAction SilentlyContinue
    return ($null -ne $server -and $server.IsEdgeServer -eq $true)
}

function Get-ClusteredMailboxServerStatusAll {
    $clustered = @(Get-MailboxServer | Where-Object { [string]$_.ClusteredStorageType -ne 'Disabled' })
    foreach ($server in $clustered) { Get-ClusteredMailboxServerStatus -Identity ([string]$server.Name) }
}

# ---------------------------------------------------------------------------------------------------
# Main

# Anything unexpected outside an export is logged, and the run goes on.
trap {
    Write-Log 'ERROR' ('unexpected error: ' + (Get-ErrorText $_))
    continue
}

if ($Scope -ne 'Server' -and $Scope -ne 'Organization') {
    Write-Host ('-Scope ' + $Scope + ': use -Scope Server (this computer, the default) or -Scope Organization (in the Exchange Management Shell).') -ForegroundColor Red
    exit 2
}
if ($CrlTimeoutSeconds -lt 1 -or $CrlTimeoutSeconds -gt 60) {
    Write-Host ('-CrlTimeoutSeconds ' + $CrlTimeoutSeconds + ': use 1 to 60.') -ForegroundColor Red
    exit 2
}

# .NET resolves relative paths against the process directory, not the PowerShell location: resolve first.
$root = $OutputPath
if (-not [System.IO.Path]::IsPathRooted($root)) { $root = Join-Path (Get-Location).Path $root }
$root = [System.IO.Path]::GetFullPath($root)
if ($Scope -eq 'Organization') { $folderName = 'org' } else { $folderName = $env:COMPUTERNAME }
$folder = Join-Path $root $folderName
$null = [System.IO.Directory]::CreateDirectory($folder)
$script:LogFile = Join-Path $folder 'collector.log'

Write-Log 'INFO' ('exrunbook collector (format ' + $CollectorFormat + '), scope ' + $Scope + ', computer ' + $env:COMPUTERNAME + ', PowerShell ' + $Host.Version + ', account ' + (Get-AccountName) + ', output ' + $folder)
if ([System.IntPtr]::Size -eq 4 -and $env:PROCESSOR_ARCHITEW6432) {
    Write-Log 'ERROR' '32-bit PowerShell on 64-bit Windows sees the 32-bit registry, not Exchange''s. Run it again from the 64-bit PowerShell (C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe) or the Exchange Management Shell.'
    exit 1
}
if (-not (Test-Administrator)) {
    Write-Log 'WARN' 'Not running as an administrator (or not elevated): registry reads may fail. Run it again from an elevated shell if errors follow.'
}

if ($Scope -eq 'Organization') {
    if (-not (Test-ExchangeShell)) {
        Write-Log 'ERROR' 'The Exchange cmdlets are not available: run -Scope Organization in the Exchange Management Shell.'
        exit 1
    }
    Invoke-Export -Folder $folder -Name 'ExchangeServer' -Columns 'Name','Fqdn','ServerRole','Edition','AdminDisplayVersion','Site','IsMemberOfCluster','IsExchange2007OrLater','ExchangeVersion' -Source { Get-ExchangeServer }
    Invoke-Export -Folder $folder -Name 'OwaVirtualDirectory' -Columns 'Server','Name','InternalUrl','ExternalUrl' -Source { Get-OwaVirtualDirectory } -NoneText 'no OWA virtual directory'
    Invoke-Export -Folder $folder -Name 'OutlookAnywhere' -Columns 'Server','Name','ExternalHostname','ClientAuthenticationMethod','IISAuthenticationMethods','SSLOffloading' -Source { Get-OutlookAnywhere } -NoneText 'Outlook Anywhere is not enabled on any server' -NoneIsAnAnswer
    Invoke-Export -Folder $folder -Name 'MailboxServer' -Columns 'Name','ClusteredStorageType','RedundantMachines' -Source { Get-MailboxServer } -NoneText 'no mailbox server'
    Invoke-Export -Folder $folder -Name 'ClusteredMailboxServerStatus' -Columns 'Identity','ClusteredMailboxServerName','State','OperationalMachines' -Source { Get-ClusteredMailboxServerStatusAll } -NoneText 'no clustered mailbox server'
} else {
    Invoke-Export -Folder $folder -Name 'ExSetup' -Columns 'ComputerName','FileName','FileVersion','ProductVersion','FileMajorPart','FileMinorPart','FileBuildPart','FilePrivatePart' -Source { Get-ExSetupVersion }
    Invoke-Export -Folder $folder -Name 'InstalledPatches' -Columns 'ComputerName','PSChildName','DisplayName','Installed' -Source { Get-InstalledPatch } -NoneText 'no update rollup or interim update installed' -NoneIsAnAnswer
    Invoke-Export -Folder $folder -Name 'DotNetFramework' -Columns 'ComputerName','Key','Version','SP','Install' -Source { Get-DotNetFramework }
    Invoke-Export -Folder $folder -Name 'OperatingSystem' -Columns 'CSName','Caption','Version','CSDVersion','OSLanguage','OSArchitecture','ServicePackMajorVersion' -Source { Get-OperatingSystem }
    Invoke-Export -Folder $folder -Name 'OwaFiles' -Columns 'ComputerName','FullName','Length','LastWriteTime' -Source { Get-OwaFile } -NoneText 'no ClientAccess\Owa folder (not a Client Access server)'
    Invoke-Export -Folder $folder -Name 'RpcProxy' -Columns 'ComputerName','ValidPorts','Enabled' -Source { Get-RpcProxySetting } -NoneText 'no RpcProxy registry key (the RPC over HTTP proxy is not installed)'
    Invoke-Export -Folder $folder -Name 'Services' -Columns 'ComputerName','Name','DisplayName','State','StartMode' -Source { Get-ExchangeService } -NoneText 'no Exchange or IIS service'
    Invoke-Export -Folder $folder -Name 'SoftwarePublishing' -Columns 'ComputerName','Account','SoftwarePublishingState' -Source { Get-SoftwarePublishingState } -NoneText 'no State value under Software Publishing for this account'
    Invoke-Export -Folder $folder -Name 'ExchangeSetupLog' -Columns 'ComputerName','LineNumber','SetupLogLine' -Source { Get-SetupLogResult } -NoneText 'no result line in ExchangeSetup.log (or no log)'
    Invoke-Export -Folder $folder -Name 'CrlCheck' -Columns 'ComputerName','Url','Reachable','Detail','Proxy','TimeoutSeconds' -Source { Test-CrlReachable }
    if (Test-EdgeServer) {
        Invoke-Export -Folder $folder -Name 'ExchangeServer' -Columns 'Name','Fqdn','ServerRole','Edition','AdminDisplayVersion','Site','IsMemberOfCluster','IsExchange2007OrLater','ExchangeVersion' -Source { Get-ExchangeServer -Identity $env:COMPUTERNAME }
    }
}

if ($script:ErrorCount -gt 0) {
    Write-Log 'INFO' ('Finished with ' + $script:ErrorCount + ' error(s) and ' + $script:WarningCount + ' warning(s): see ' + $script:LogFile + '. Fix the cause and run it again, or hand the log over with the folder.')
    exit 1
}
Write-Log 'INFO' ('Finished with ' + $script:WarningCount + ' warning(s). Copy ' + $folder + ' to the inventory folder for exrunbook.')
exit 0
