import { defineRule, type Finding, type StepRef } from '../define-rule.js';

type MessageId = 'clrWithoutSp1' | 'clrNotFound';
type StepId = 'install-dotnet-framework-update';

/**
 * Checklist 6 (KB944752): the CLR must honour `generatePublisherEvidence`, or Exchange managed services
 * may time out at start after the update on hosts that cannot reach the CRL. The switch works from CLR
 * 2.0 SP1 on, which .NET Framework 3.5 brings: NDP\v2.0.50727 SP ≥ 1, or NDP\v3.5 installed. Otherwise
 * .NET Framework 3.5 SP1 (with 2.0 SP2), or at least 2.0 SP1, must be installed before the window.
 */
export default defineRule({
  meta: {
    id: 'clr-supports-publisher-evidence',
    title: { en: 'The CLR supports generatePublisherEvidence', ja: 'CLR が generatePublisherEvidence 設定をサポートしている' },
    failureTitle: { en: 'The CLR does not support generatePublisherEvidence', ja: 'CLR が generatePublisherEvidence 設定をサポートしていない' },
    severity: 'blocker',
    seedSections: ['checklist-6'],
    references: [
      { title: 'KB944752: Exchange Server 2007 managed code services do not start after you install an update rollup', url: 'http://support.microsoft.com/kb/944752/en-us/' },
      { title: 'KB318785: How to determine which .NET Framework versions and service packs are installed', url: 'https://learn.microsoft.com/en-us/troubleshoot/developer/dotnet/framework/general/determine-dotnet-versions-service-pack-levels' },
      { title: '.NET Framework 3.5 Deployment Guide for Application Developers: dotnetfx35.exe, its command-line options, and the language pack it downloads', url: 'https://learn.microsoft.com/en-us/previous-versions/visualstudio/visual-studio-2008/cc160716(v=vs.90)' },
    ],
    requiredFacts: ['dotnet'],
    messages: {
      clrWithoutSp1: {
        en: '{machine} has .NET Framework 2.0 SP{servicePack} without .NET Framework 3.5: its CLR ignores generatePublisherEvidence, so Exchange services may not start after the update (KB944752). Install .NET Framework 3.5 SP1 (it includes .NET Framework 2.0 SP2), or at least .NET Framework 2.0 SP1, first.',
        ja: '{machine} の .NET Framework は 2.0 SP{servicePack} で、.NET Framework 3.5 がありません。この CLR は generatePublisherEvidence 設定を認識しないため、更新後に Exchange サービスが開始されない場合があります (KB944752)。先に .NET Framework 3.5 SP1 (.NET Framework 2.0 SP2 を含む)、少なくとも .NET Framework 2.0 SP1 をインストールしてください。',
      },
      clrNotFound: {
        en: 'The .NET export of {machine} lists neither .NET Framework 2.0 (NDP\\v2.0.50727) nor 3.5: the CLR cannot be confirmed to support generatePublisherEvidence (KB944752). Check the host; install .NET Framework 3.5 SP1 first if it is missing.',
        ja: '{machine} の .NET のエクスポートに .NET Framework 2.0 (NDP\\v2.0.50727) も 3.5 もありません。CLR が generatePublisherEvidence 設定をサポートしているか確認できません (KB944752)。サーバーを確認し、ない場合は先に .NET Framework 3.5 SP1 をインストールしてください。',
      },
    },
    steps: {
      'install-dotnet-framework-update': { phase: 'prepare', order: 230 },
    },
  },
  check({ server, target }) {
    if (target.upToDate) return { status: 'not-applicable', reason: 'up-to-date' };
    const findings: Finding<MessageId>[] = [];
    const steps: StepRef<StepId>[] = [];
    for (const machine of server.machines) {
      const dotNet = machine.dotNet?.value;
      if (!dotNet || dotNet.has35 || (dotNet.clr2ServicePack ?? -1) >= 1) continue;
      const data = { machine: machine.name, servicePack: dotNet.clr2ServicePack ?? 0 };
      findings.push({ messageId: dotNet.clr2ServicePack === null ? 'clrNotFound' : 'clrWithoutSp1', kb: 'KB944752', data });
      steps.push({ step: 'install-dotnet-framework-update', instance: machine.name, data: { machine: machine.name } });
    }
    return findings.length === 0 ? { status: 'pass' } : { status: 'fail', findings, steps };
  },
});
