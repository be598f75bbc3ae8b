# (Globals, because $script: inside a stub would be the collector's scope while it runs.)
# Objects shaped like Exchange Server 2007's and Windows' (property names and types as the real cmdlets
# return them), for the PowerShell tests: a CAS/Hub server, a CCR clustered mailbox server with two
# nodes, and an Exchange 2003 server in the same organisation. Dot-sourced by the scripts beside it.
# PowerShell 7 only (classes): this is test code, never shipped; the collector itself stays 1.0/2.0.

# Microsoft.Exchange.Data.ServerVersion prints as 'Version 8.3 (Build 83.6)'.
class ServerVersion {
    [int]$Major; [int]$Minor; [int]$Build; [int]$Revision; [string]$Legacy
    ServerVersion([int]$major, [int]$minor, [int]$build, [int]$revision, [string]$legacy) {
        $this.Major = $major; $this.Minor = $minor; $this.Build = $build; $this.Revision = $revision; $this.Legacy = $legacy
    }
    [string] ToString() {
        if ($this.Legacy) { return $this.Legacy }
        return 'Version ' + $this.Major + '.' + $this.Minor + ' (Build ' + $this.Build + '.' + $this.Revision + ')'
    }
}

# Microsoft.Exchange.Data.Directory.ADObjectId prints as its DN-like path; the collector writes its Name.
class ADObjectId {
    [string]$Name; [string]$Path
    ADObjectId([string]$path) { $this.Path = $path; $this.Name = $path.Split('/')[-1] }
    [string] ToString() { return $this.Path }
}

$global:Domain = 'contoso.co.jp'
$global:Site = [ADObjectId]::new('contoso.co.jp/Configuration/Sites/Tokyo')

function New-ExchangeServer([string]$Name, [string]$Role, $Version, [bool]$Cluster, [bool]$Later = $true, [string]$ObjectVersion = '0.1 (8.0.535.0)') {
    [pscustomobject]@{
        Name = $Name
        Fqdn = $Name + '.' + $global:Domain
        ServerRole = $Role
        Edition = 'Enterprise'
        AdminDisplayVersion = $Version
        Site = $global:Site
        IsMemberOfCluster = $(if ($Cluster) { 'Yes' } else { 'No' })
        IsEdgeServer = $false
        IsExchange2007OrLater = $Later
        ExchangeVersion = $ObjectVersion
    }
}

$global:ExchangeServers = @(
    (New-ExchangeServer 'EX2003' 'None' ([ServerVersion]::new(6, 5, 7638, 2, 'Version 6.5 (Build 7638.2: Service Pack 2)')) $false $false '0.0 (6.5.6500.0)'),
    (New-ExchangeServer 'EXCAS01' 'ClientAccess, HubTransport' ([ServerVersion]::new(8, 3, 83, 6, '')) $false),
    (New-ExchangeServer 'EXMBX01' 'Mailbox' ([ServerVersion]::new(8, 3, 83, 6, '')) $true)
)

$global:OwaVirtualDirectories = @(
    [pscustomobject]@{ Server = 'EXCAS01'; Name = 'owa (Default Web Site)'; InternalUrl = [uri]'https://excas01.contoso.co.jp/owa'; ExternalUrl = [uri]'https://mail.contoso.co.jp/owa' }
)
$global:OutlookAnywhere = @(
    [pscustomobject]@{ Server = 'EXCAS01'; Name = 'Rpc (Default Web Site)'; ExternalHostname = 'mail.contoso.co.jp'; ClientAuthenticationMethod = 'Basic'; IISAuthenticationMethods = [string[]]@('Basic', 'Ntlm'); SSLOffloading = $false }
)
$global:MailboxServers = @(
    [pscustomobject]@{ Name = 'EXMBX01'; ClusteredStorageType = 'NonShared'; RedundantMachines = [string[]]@('EXMBX01A', 'EXMBX01B') }
)
$global:ClusteredStatus = @(
    [pscustomobject]@{ Identity = 'EXMBX01'; ClusteredMailboxServerName = 'EXMBX01.contoso.co.jp'; State = 'Online'; OperationalMachines = [string[]]@('EXMBX01A <Active, Quorum Owner>', 'EXMBX01B') }
)

# Per computer: OS (Win32_OperatingSystem), ExSetup's FileVersionInfo, installed patches, services, registry values.
$global:Computers = @{
    EXCAS01 = @{ Caption = 'Microsoft Windows Server 2008 R2 Enterprise '; Version = '6.1.7601'; CSDVersion = 'Service Pack 1'; Language = 1041; Build = '08.03.0298.003'; Rollups = @(10); Owa = $true; RpcProxy = $true; PublisherState = 0x23c00 }
    EXMBX01A = @{ Caption = 'Microsoft(R) Windows(R) Server 2003, Enterprise x64 Edition'; Version = '5.2.3790'; CSDVersion = 'Service Pack 2'; Language = 1033; Build = '08.03.0298.003'; Rollups = @(10); Owa = $false; RpcProxy = $false; PublisherState = 0x23e00 }
    EXMBX01B = @{ Caption = 'Microsoft(R) Windows(R) Server 2003, Enterprise x64 Edition'; Version = '5.2.3790'; CSDVersion = 'Service Pack 2'; Language = 1033; Build = '08.03.0298.003'; Rollups = @(10); Owa = $false; RpcProxy = $false; PublisherState = $null }
}

$global:RollupKbs = @{ 9 = 'KB2746157'; 10 = 'KB2788321' }

function New-OperatingSystem([string]$Computer) {
    $c = $global:Computers[$Computer]
    [pscustomobject]@{
        CSName = $Computer; Caption = $c.Caption; Version = $c.Version; CSDVersion = $c.CSDVersion
        OSLanguage = [uint32]$c.Language; OSArchitecture = $(if ($c.Version -like '5.2*') { $null } else { '64-bit' }); ServicePackMajorVersion = [uint16]$c.CSDVersion.Split(' ')[-1]
    }
}

function New-ExSetupVersionInfo([string]$Computer) {
    $parts = $global:Computers[$Computer].Build.Split('.')
    [pscustomobject]@{
        FileName = 'C:\Program Files\Microsoft\Exchange Server\bin\ExSetup.exe'
        FileVersion = $global:Computers[$Computer].Build
        ProductVersion = $global:Computers[$Computer].Build
        FileMajorPart = [int]$parts[0]; FileMinorPart = [int]$parts[1]; FileBuildPart = [int]$parts[2]; FilePrivatePart = [int]$parts[3]
    }
}

# Win32_Service of an Exchange 2007 server: Name, DisplayName, State, StartMode (Auto/Manual/Disabled).
function New-Services([string]$Computer) {
    $list = @(
        @('MSExchangeADTopology', 'Microsoft Exchange Active Directory Topology Service', 'Running', 'Auto'),
        @('MSExchangeServiceHost', 'Microsoft Exchange Service Host', 'Running', 'Auto'),
        @('IISADMIN', 'IIS Admin Service', 'Running', 'Auto'),
        @('W3SVC', 'World Wide Web Publishing Service', 'Running', 'Auto'),
        @('MSExchangePOP3', 'Microsoft Exchange POP3', 'Stopped', 'Manual'),
        @('Spooler', 'Print Spooler', 'Running', 'Auto')
    )
    if ($Computer -like 'EXMBX*') { $list += , @('MSExchangeIS', 'Microsoft Exchange Information Store', $(if ($Computer -eq 'EXMBX01A') { 'Running' } else { 'Stopped' }), 'Auto') }
    foreach ($s in $list) { [pscustomobject]@{ Name = $s[0]; DisplayName = $s[1]; State = $s[2]; StartMode = $s[3]; Status = 'OK' } }
}
