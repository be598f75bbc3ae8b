import { defineRule, type Finding, type StepRef } from '../define-rule.js';
import { servicePackAtLeast } from '../../knowledge/build-catalog.js';
import type { OperatingSystem } from '../../normalize/server-facts.js';

type MessageId = 'r2NeedsSp3' | 'w2008NeedsSp1' | 'w2003NeedsSp2' | 'windowsInstaller45' | 'windowsInstaller45Missing' | 'osUnknown' | 'installedUpdates2003' | 'installedUpdates2008';
type StepId = 'install-windows-installer-45';

/**
 * Where + OS support (reference facts §f; Exchange 2007 System Requirements; the SP2 prerequisites post):
 * Exchange 2007 runs on Windows Server 2003; on Windows Server 2008 from SP1; on Windows Server 2008 R2
 * only with SP3. SP2 and SP3 setup needs Windows Server 2003 SP2 (a 2003 host below SP2 is a blocker
 * naming what to install) and Windows Installer 4.5 on Windows Server 2003 and Windows Server 2008 before
 * its SP2 (2008 SP2 and 2008 R2 include it): a preparation step that reads the installed version. Where
 * the OS export lists the installed hotfixes (systeminfo), Windows Installer 4.5's package KB942288 decides:
 * listed → nothing to do; not listed → a blocker, since setup would stop in the window.
 * Each machine also gets where its installed updates are listed (2003: Add or Remove Programs with
 * "Show updates"; 2008/2008 R2: "View installed updates"); the steps of other rules carry those paths.
 */
export default defineRule({
  meta: {
    id: 'operating-system-supported',
    title: { en: 'The operating system supports the target service pack', ja: 'OS が目標の Service Pack をサポートしている' },
    failureTitle: { en: 'The operating system does not support the target service pack', ja: 'OS が目標の Service Pack をサポートしていない' },
    severity: 'blocker',
    seedSections: ['where'],
    references: [
      { title: 'Exchange 2007 System Requirements (Microsoft Learn)', url: 'https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/aa996719(v=exchg.80)' },
      { title: 'Exchange 2007 Service Pack 2 prerequisites (Exchange Team blog): schema, PrepareAD, Windows Installer 4.5', url: 'https://techcommunity.microsoft.com/t5/exchange-team-blog/exchange-2007-service-pack-2-prerequisites/ba-p/599231' },
      { title: 'Windows Installer 4.5 versions (Windows Installer Team blog): the build and update fields differ between the Windows versions it installs on', url: 'https://learn.microsoft.com/en-us/archive/blogs/windows_installer_team/windows-installer-4-5-versions' },
    ],
    requiredFacts: ['operating-system'],
    messages: {
      r2NeedsSp3: {
        en: '{machine} runs {os}: Exchange 2007 is supported there only with SP3, but the server would be at {servicePack}. Target SP3 for this server.',
        ja: '{machine} の OS は {os} です。この OS で Exchange 2007 がサポートされるのは SP3 のみですが、サーバーは {servicePack} になります。このサーバーの目標を SP3 にしてください。',
      },
      w2008NeedsSp1: {
        en: '{machine} runs {os}: Exchange 2007 needs SP1 or later there, but the server is or would be at RTM. Target SP1 or later.',
        ja: '{machine} の OS は {os} です。この OS では Exchange 2007 SP1 以降が必要ですが、サーバーは RTM のままです。SP1 以降を目標にしてください。',
      },
      osUnknown: {
        en: '{machine} runs an operating system not known to support Exchange 2007 ({os}, version {version}). Check the export.',
        ja: '{machine} の OS ({os}、バージョン {version}) は Exchange 2007 のサポート対象として不明です。エクスポートを確認してください。',
      },
      w2003NeedsSp2: {
        en: '{machine} runs {os}: Exchange 2007 {servicePack} setup needs Windows Server 2003 Service Pack 2. Install Windows Server 2003 SP2, then Windows Installer 4.5 (KB942288), before the window.',
        ja: '{machine} の OS は {os} です。Exchange 2007 {servicePack} のセットアップには Windows Server 2003 Service Pack 2 が必要です。保守期間の前に Windows Server 2003 SP2 をインストールし、続いて Windows Installer 4.5 (KB942288) をインストールしてください。',
      },
      windowsInstaller45: {
        en: '{machine} runs {os}: Exchange 2007 {servicePack} setup needs Windows Installer 4.5, which this version of Windows does not include. Read the installed version and install Windows Installer 4.5 (KB942288) before the window if it is older.',
        ja: '{machine} の OS は {os} です。Exchange 2007 {servicePack} のセットアップには Windows Installer 4.5 が必要ですが、このバージョンの Windows には含まれていません。インストールされているバージョンを確認し、古い場合は保守期間の前に Windows Installer 4.5 (KB942288) をインストールしてください。',
      },
      windowsInstaller45Missing: {
        en: '{machine} runs {os}: Exchange 2007 {servicePack} setup needs Windows Installer 4.5, and the exported hotfix list ({hotfixCount} hotfixes) does not include KB942288. Install Windows Installer 4.5 (KB942288) before the window.',
        ja: '{machine} の OS は {os} です。Exchange 2007 {servicePack} のセットアップには Windows Installer 4.5 が必要ですが、エクスポートされた修正プログラムの一覧 ({hotfixCount} 件) に KB942288 がありません。保守期間の前に Windows Installer 4.5 (KB942288) をインストールしてください。',
      },
      installedUpdates2003: {
        en: '{machine} ({os}): installed Exchange updates are listed in Control Panel › Add or Remove Programs with "Show updates" ticked.',
        ja: '{machine} ({os}): インストール済みの Exchange 更新プログラムは、コントロール パネルの [プログラムの追加と削除] で [更新プログラムの表示] をオンにすると表示されます。',
      },
      installedUpdates2008: {
        en: '{machine} ({os}): installed Exchange updates are listed in Control Panel › Programs and Features › "View installed updates".',
        ja: '{machine} ({os}): インストール済みの Exchange 更新プログラムは、コントロール パネルの [プログラムと機能] で [インストールされた更新プログラムを表示] をクリックすると表示されます。',
      },
    },
    unverified: [
      {
        en: 'That Exchange 2007 SP2 and SP3 setup refuses a Windows Server 2003 host below SP2: Microsoft\'s SP2 prerequisites name Windows Server 2003 SP2 with Windows Installer 4.5 for the schema extension; the same floor for every server is the reading of the system requirements.',
        ja: 'Exchange 2007 SP2 および SP3 のセットアップが SP2 未満の Windows Server 2003 で実行できないこと: マイクロソフトの SP2 の前提条件はスキーマ拡張について Windows Installer 4.5 を適用した Windows Server 2003 SP2 を挙げています。すべてのサーバーに同じ下限を適用するのはシステム要件の解釈です。',
      },
      {
        en: 'The Windows Installer 4.5 package file names (WindowsServer2003-KB942288-v4-x64.exe, Windows6.0-KB942288-v2-x64.msu): the Microsoft download page that lists them was not retrieved.',
        ja: 'Windows Installer 4.5 のパッケージのファイル名 (WindowsServer2003-KB942288-v4-x64.exe、Windows6.0-KB942288-v2-x64.msu): これらを掲載したマイクロソフトのダウンロード ページは確認できていません。',
      },
    ],
    steps: {
      'install-windows-installer-45': { phase: 'prepare', order: 240 },
    },
  },
  check({ server, current, target }) {
    const after = target.upToDate ? (current.servicePack ?? target.level.servicePack) : target.level.servicePack;
    const problems: Finding<MessageId>[] = [];
    const paths: Finding<MessageId>[] = [];
    const steps: StepRef<StepId>[] = [];
    // Setup of SP2 or SP3 runs in the window only when the SP changes to one of them.
    const installsSp2OrLater = target.servicePackChange && servicePackAtLeast(target.level.servicePack, 'SP2');
    for (const machine of server.machines) {
      const os = machine.os?.value;
      if (!os) continue;
      const data = { machine: machine.name, os: [os.caption.trim(), os.servicePack].filter(Boolean).join(' '), version: os.version, servicePack: after };
      if (os.family === '2008R2' && after !== 'SP3') problems.push({ messageId: 'r2NeedsSp3', data });
      if (os.family === '2008' && (after === 'RTM' || current.servicePack === 'RTM')) problems.push({ messageId: 'w2008NeedsSp1', data });
      if (os.family === 'other') problems.push({ messageId: 'osUnknown', severity: 'warning', data });
      if (installsSp2OrLater && os.family === '2003' && servicePackNumber(os) < 2) problems.push({ messageId: 'w2003NeedsSp2', data });
      if (installsSp2OrLater && needsWindowsInstaller45(os)) {
        const hotfixes = os.hotfixes;
        if (hotfixes === undefined) problems.push({ messageId: 'windowsInstaller45', severity: 'warning', data });
        else if (!hotfixes.some((kb) => kb.toUpperCase() === WINDOWS_INSTALLER_45_KB)) problems.push({ messageId: 'windowsInstaller45Missing', data: { ...data, hotfixCount: hotfixes.length } });
        if (!hotfixes?.some((kb) => kb.toUpperCase() === WINDOWS_INSTALLER_45_KB)) {
          steps.push({ step: 'install-windows-installer-45', instance: machine.name, data: { ...data, osFamily: os.family } });
        }
      }
      if (os.family === '2003') paths.push({ messageId: 'installedUpdates2003', severity: 'info', data });
      if (os.family === '2008' || os.family === '2008R2') paths.push({ messageId: 'installedUpdates2008', severity: 'info', data });
    }
    return problems.length === 0 ? { status: 'pass', findings: paths, steps } : { status: 'fail', findings: [...problems, ...paths], steps };
  },
});

/** Windows Installer 4.5 for Windows Server 2003 and 2008 is the package of KB942288 (systeminfo lists `KB942288-v4`). */
const WINDOWS_INSTALLER_45_KB = 'KB942288';

/** `Service Pack 2` → 2; none → 0. */
function servicePackNumber(os: OperatingSystem): number {
  const match = /(\d+)/.exec(os.servicePack);
  return match ? Number(match[1]) : 0;
}

/**
 * Windows Installer 4.5 ships with Windows Server 2008 SP2 (6.0.6002) and 2008 R2; Windows Server 2003 and
 * 2008 before SP2 (6.0.6001, whose CSDVersion already reads "Service Pack 1") need it installed.
 */
function needsWindowsInstaller45(os: OperatingSystem): boolean {
  if (os.family === '2003') return true;
  if (os.family === '2008') return !/^6\.0\.600[2-9]/.test(os.version) && servicePackNumber(os) < 2;
  return false;
}
