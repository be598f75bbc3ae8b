import { defineRule, type Finding } from '../define-rule.js';

type MessageId = 'r2NeedsSp3' | 'w2008NeedsSp1' | 'osUnknown' | 'installedUpdates2003' | 'installedUpdates2008';

/**
 * Where + OS support (reference facts §f): Exchange 2007 runs on Windows Server 2003; on Windows Server
 * 2008 from SP1; on Windows Server 2008 R2 only with SP3. A target below that on such a host is a blocker.
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
      installedUpdates2003: {
        en: '{machine} ({os}): installed Exchange updates are listed in Control Panel › Add or Remove Programs with "Show updates" ticked.',
        ja: '{machine} ({os}): インストール済みの Exchange 更新プログラムは、コントロール パネルの [プログラムの追加と削除] で [更新プログラムの表示] をオンにすると表示されます。',
      },
      installedUpdates2008: {
        en: '{machine} ({os}): installed Exchange updates are listed in Control Panel › Programs and Features › "View installed updates".',
        ja: '{machine} ({os}): インストール済みの Exchange 更新プログラムは、コントロール パネルの [プログラムと機能] で [インストールされた更新プログラムを表示] をクリックすると表示されます。',
      },
    },
    steps: {},
  },
  check({ server, current, target }) {
    const after = target.upToDate ? (current.servicePack ?? target.level.servicePack) : target.level.servicePack;
    const problems: Finding<MessageId>[] = [];
    const paths: Finding<MessageId>[] = [];
    for (const machine of server.machines) {
      const os = machine.os?.value;
      if (!os) continue;
      const data = { machine: machine.name, os: [os.caption.trim(), os.servicePack].filter(Boolean).join(' '), version: os.version, servicePack: after };
      if (os.family === '2008R2' && after !== 'SP3') problems.push({ messageId: 'r2NeedsSp3', data });
      if (os.family === '2008' && (after === 'RTM' || current.servicePack === 'RTM')) problems.push({ messageId: 'w2008NeedsSp1', data });
      if (os.family === 'other') problems.push({ messageId: 'osUnknown', severity: 'warning', data });
      if (os.family === '2003') paths.push({ messageId: 'installedUpdates2003', severity: 'info', data });
      if (os.family === '2008' || os.family === '2008R2') paths.push({ messageId: 'installedUpdates2008', severity: 'info', data });
    }
    return problems.length === 0 ? { status: 'pass', findings: paths } : { status: 'fail', findings: [...problems, ...paths] };
  },
});
