import { buildText, describeLevel, packageLanguage, rollupPackageName } from '../describe-level.js';
import { defineRule } from '../define-rule.js';

/**
 * Checklist 5: install the latest rollup for the target SP; after an SP, that SP's rollup. The target
 * is SP3 + its latest rollup unless the analyst chose `--target current-sp` or a level.
 */
export default defineRule({
  meta: {
    id: 'target-level',
    title: { en: 'Server is at the target level', ja: 'サーバーは目標レベルに達している' },
    failureTitle: { en: 'Server is below the target level', ja: 'サーバーは目標レベルに達していない' },
    severity: 'info',
    seedSections: ['checklist-5'],
    references: [
      { title: 'Exchange Server build numbers and release dates (Microsoft Learn)', url: 'https://learn.microsoft.com/en-us/exchange/new-features/build-numbers-and-release-dates' },
    ],
    requiredFacts: ['build-evidence'],
    messages: {
      upgrade: { en: 'Target {target} (build {targetBuild}, {kb}); currently {current}.', ja: '目標は {target} (ビルド {targetBuild}、{kb})。現在は {current}。' },
      upToDate: { en: 'Already at {current} (build {currentBuild}); the target is {target}. No update is needed.', ja: '既に {current} (ビルド {currentBuild}) です。目標は {target} のため、更新は不要です。' },
      packageLanguageUnconfirmed: {
        en: 'No installed Exchange update on {server} shows the language of its Exchange, so the rollup package name assumes {language} from the Windows language. A Japanese Windows can run an English Exchange: confirm the language of the installed Exchange (for example, the language of the Exchange Management Console) before obtaining {package}.',
        ja: '{server} にはインストール済みの Exchange 更新プログラムがなく、Exchange の言語を確認できないため、ロールアップのパッケージ名は Windows の言語から {language} と仮定しています。日本語版の Windows で英語版の Exchange が動作している場合があります。{package} を入手する前に、インストールされている Exchange の言語 (例: Exchange 管理コンソールの表示言語) を確認してください。',
      },
      beyondTarget: { en: 'Current build {currentBuild} is newer than the target {target} ({targetBuild}); the plan never downgrades.', ja: '現在のビルド {currentBuild} は目標 {target} ({targetBuild}) より新しいため、ダウングレードは行いません。' },
    },
    steps: {
      'obtain-service-pack': { phase: 'prepare', order: 200 },
      'obtain-update-rollup': { phase: 'prepare', order: 210 },
    },
  },
  check({ current, target, server }) {
    const data = {
      target: describeLevel(target.level),
      targetBuild: buildText(target.level.build),
      kb: target.level.kb ?? '—',
      current: describeLevel(current),
      currentBuild: buildText(current.build),
    };
    if (target.beyondTarget) return { status: 'pass', findings: [{ messageId: 'beyondTarget', severity: 'warning', data }] };
    if (target.upToDate) return { status: 'pass', findings: [{ messageId: 'upToDate', data }] };
    const language = packageLanguage(server.machines);
    const packageName = rollupPackageName(target.level, language);
    const languageData = { server: server.name, language: language.code, package: packageName, languageEvidence: language.evidence };
    return {
      status: 'fail',
      findings: [
        { messageId: 'upgrade', data, ...(target.level.kb ? { kb: target.level.kb } : {}) },
        ...(target.rollupToInstall && !language.confirmed ? [{ messageId: 'packageLanguageUnconfirmed' as const, severity: 'warning' as const, data: languageData }] : []),
      ],
      steps: [
        ...(target.servicePackChange ? [{ step: 'obtain-service-pack' as const, data: { servicePack: target.level.servicePack } }] : []),
        ...(target.rollupToInstall
          ? [{ step: 'obtain-update-rollup' as const, data: { ...data, ...languageData } }]
          : []),
      ],
    };
  },
});
