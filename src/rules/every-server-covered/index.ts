import { defineRule, type Finding } from '../define-rule.js';
import { serverKey } from '../../normalize/parse-values.js';

type MessageId = 'exsetupMissing' | 'patchListMissing' | 'osMissing' | 'edgeFromOrganisation';

/** What to collect on a machine for each per-server fact (the collector's file names). */
const COLLECT = {
  exsetupMissing: { file: 'ExSetup.csv', command: 'Get-Command ExSetup | ForEach { $_.FileVersionInfo } | Export-Csv ExSetup.csv -Encoding UTF8' },
  patchListMissing: {
    file: 'InstalledPatches.csv',
    command:
      "Get-ChildItem 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Installer\\UserData\\S-1-5-18\\Products\\461C2B4266EDEF444B864AD6D9E5B613\\Patches' | ForEach { Get-ItemProperty $_.PSPath } | Select-Object PSChildName,DisplayName,Installed | Export-Csv InstalledPatches.csv -Encoding UTF8",
  },
  osMissing: { file: 'OperatingSystem.csv', command: 'Get-WmiObject Win32_OperatingSystem | Select-Object CSName,Caption,Version,CSDVersion,OSLanguage,OSArchitecture | Export-Csv OperatingSystem.csv -Encoding UTF8' },
} as const;

/**
 * Where: every Exchange 2007 server gets the update, whatever its roles — so every machine of every
 * server needs its own data (ExSetup.exe version, patch list, operating system). Each missing kind is a
 * visible warning naming the machine and the file to collect, never silently dropped. An Edge Transport
 * server is outside the domain: its data must be collected on the Edge itself, and a Get-ExchangeServer
 * record taken from the organisation only shows what the Edge subscription wrote.
 */
export default defineRule({
  meta: {
    id: 'every-server-covered',
    title: { en: 'The inventory covers this server completely', ja: 'インベントリにこのサーバーのデータがすべてそろっている' },
    failureTitle: { en: 'Per-server data is missing for this server', ja: 'このサーバーのサーバー単位のデータが不足している' },
    severity: 'warning',
    seedSections: ['where'],
    references: [
      { title: 'Exchange Server build numbers and release dates (Microsoft Learn)', url: 'https://learn.microsoft.com/en-us/exchange/new-features/build-numbers-and-release-dates' },
      { title: 'Get-ExchangeServer (Exchange 2007 help): ExchangeVersion is not the product build', url: 'https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/bb123873(v=exchg.80)' },
    ],
    requiredFacts: [],
    messages: {
      exsetupMissing: {
        en: 'No ExSetup.exe version for {machine}: its exact build (rollup level) is unknown. Collect {file} on {machine} ({command}) and put it in a folder named {machine}.',
        ja: '{machine} の ExSetup.exe のバージョンがないため、正確なビルド (ロールアップ レベル) が分かりません。{machine} で {file} を収集し ({command})、{machine} という名前のフォルダに置いてください。',
      },
      patchListMissing: {
        en: 'No installed-updates list for {machine}: installed rollups and interim updates are unknown. Collect {file} on {machine} ({command}) and put it in a folder named {machine}.',
        ja: '{machine} のインストール済み更新プログラムの一覧がないため、インストール済みのロールアップと中間更新プログラムが分かりません。{machine} で {file} を収集し ({command})、{machine} という名前のフォルダに置いてください。',
      },
      osMissing: {
        en: 'No operating system record for {machine}: OS-specific steps (Windows Server 2003 or 2008) cannot be chosen. Collect {file} on {machine} ({command}) and put it in a folder named {machine}.',
        ja: '{machine} のオペレーティング システムの情報がないため、OS に応じた手順 (Windows Server 2003 または 2008) を選べません。{machine} で {file} を収集し ({command})、{machine} という名前のフォルダに置いてください。',
      },
      edgeFromOrganisation: {
        en: 'The Get-ExchangeServer record of Edge Transport server {server} comes from {file}, an organisation export: it only shows what the Edge subscription wrote. An Edge server is outside the domain, so collect its data, including Get-ExchangeServer, on {server} itself and put it in a folder named {server}.',
        ja: 'エッジ トランスポート サーバー {server} の Get-ExchangeServer のレコードは組織全体のエクスポート {file} から取得されており、エッジ サブスクリプション時に書き込まれた内容しか示しません。エッジ サーバーはドメイン外にあるため、Get-ExchangeServer を含むデータを {server} 自身で収集し、{server} という名前のフォルダに置いてください。',
      },
    },
    steps: {},
  },
  check({ server }) {
    const findings: Finding<MessageId>[] = [];
    for (const machine of server.machines) {
      const missing: (keyof typeof COLLECT)[] = [];
      if (machine.exsetup === null) missing.push('exsetupMissing');
      if (machine.patches === null) missing.push('patchListMissing');
      if (machine.os === null) missing.push('osMissing');
      for (const messageId of missing) findings.push({ messageId, data: { machine: machine.name, server: server.name, ...COLLECT[messageId] } });
    }
    if (server.roles.includes('Edge')) {
      const folder = server.from.file.split('/').slice(-2, -1)[0] ?? '';
      if (serverKey(folder) !== serverKey(server.name)) {
        findings.push({ messageId: 'edgeFromOrganisation', severity: 'info', data: { server: server.name, file: server.from.file } });
      }
    }
    const gaps = findings.some((f) => f.messageId !== 'edgeFromOrganisation');
    return gaps ? { status: 'fail', findings } : { status: 'pass', findings };
  },
});
