import { defineRule, type StepRef } from '../define-rule.js';
import { buildText, describeLevel, longBuildText, packageLanguage, rollupPackageName } from '../describe-level.js';
import type { BuildNumber } from '../../knowledge/build-number.js';
import { rollbackLevel } from '../rollback-level.js';
import { machineLevelOf } from '../../normalize/computed/current-level.js';

type StepId =
  | 'install-service-pack'
  | 'restart-after-service-pack'
  | 'install-update-rollup'
  | 'verify-build'
  | 'remove-update-rollup-2003'
  | 'remove-update-rollup-2008'
  | 'restore-after-service-pack';

/**
 * Slipstream + checklist 5: an SP upgrade and the rollup after it are two installs, in that order;
 * a rollup is never copied into the SP's Updates folder (that folder is for new installs only).
 * Rollback: a rollup can be removed (2003: Add or Remove Programs with "Show updates"; 2008: Installed
 * Updates); an SP cannot — the way back is the backup.
 */
export default defineRule({
  meta: {
    id: 'service-pack-then-rollup',
    title: { en: 'Update installs are planned as separate steps', ja: '更新のインストールは個別の手順として計画されている' },
    failureTitle: { en: 'Service pack and rollup are installed as separate steps, never slipstreamed', ja: 'Service Pack とロールアップは個別にインストールし、スリップストリームしない' },
    severity: 'info',
    seedSections: ['slipstream', 'checklist-5', 'removing-rollup', 'how-steps'],
    references: [
      { title: 'Exchange Server build numbers and release dates (Microsoft Learn)', url: 'https://learn.microsoft.com/en-us/exchange/new-features/build-numbers-and-release-dates' },
      { title: 'KB935490: Update Rollup 2 for Exchange Server 2007 (remove interim updates first; removal through Add or Remove Programs)', url: 'http://support.microsoft.com/kb/935490/' },
      { title: 'Troubleshooting Update Rollup Installations (Exchange 2007)', url: 'https://learn.microsoft.com/previous-versions/office/exchange-server-2007/ff772434(v=exchg.80)' },
    ],
    unverified: [
      {
        en: 'The success line of Exchange 2007 setup.com, "The Microsoft Exchange Server setup operation completed successfully.", is quoted from public transcripts of Exchange 2007 SP1 setup.com runs (/mode:upgrade among them), not from a Microsoft page; the wording a Japanese-language Exchange prints was not found.',
        ja: 'Exchange 2007 の setup.com の成功の行 "The Microsoft Exchange Server setup operation completed successfully." は、Exchange 2007 SP1 の setup.com (/mode:upgrade を含む) の実行記録として公開されているものからの引用で、マイクロソフトのページに基づくものではありません。日本語版の Exchange が表示する文言は見つかっていません。',
      },
      {
        en: 'Installing a rollup with msiexec /update and a verbose log is the standard Windows Installer form; no Exchange 2007-specific switch guidance was found.',
        ja: 'msiexec /update と詳細ログによるロールアップのインストールは Windows Installer の標準的な形式です。Exchange 2007 固有のスイッチの指針は見つかっていません。',
      },
      {
        en: 'That removing a rollup installed over an earlier rollup of the same service pack brings the earlier rollup back (Windows Installer uncovering the patch it superseded): no Exchange 2007 page says it. The removal step therefore also says what to do when the service pack\'s base build is left instead: install the earlier rollup again.',
        ja: '同じ Service Pack の以前のロールアップの上にインストールしたロールアップを削除すると以前のロールアップが戻ること (置き換えられていた修正プログラムを Windows Installer が再び有効にすること): Exchange 2007 のページで明記されたものは見つかっていません。そのため削除の手順では、Service Pack の基本ビルドが残った場合の対処 (以前のロールアップを再度インストールする) も示しています。',
      },
      {
        en: 'That an Exchange 2007 service pack cannot be uninstalled back to the previous one is documented for Exchange 2010 and implied by the checklist (only rollups are removable); no Exchange 2007 page says it in so many words.',
        ja: 'Exchange 2007 の Service Pack を以前の Service Pack に戻すアンインストールができないことは、Exchange 2010 について文書化されており、チェックリストからも読み取れます (削除できるのはロールアップのみ)。Exchange 2007 のページで明記されたものは見つかっていません。',
      },
    ],
    requiredFacts: ['build-evidence'],
    messages: {
      separateInstalls: { en: 'Upgrade {from} to {servicePack} with setup.com /mode:upgrade, restart, then install {rollup} as a separate step. Do not copy the rollup into the Updates folder of the SP media.', ja: '{from} から {servicePack} へ setup.com /mode:upgrade でアップグレードし、再起動してから、{rollup} を個別の手順としてインストールします。ロールアップを SP メディアの Updates フォルダにコピーしないでください。' },
      servicePackOnly: { en: 'Upgrade {from} to {servicePack} with setup.com /mode:upgrade, then restart.', ja: '{from} から {servicePack} へ setup.com /mode:upgrade でアップグレードし、再起動します。' },
      rollupOnly: { en: 'Install {rollup} on {servicePack}.', ja: '{servicePack} に {rollup} をインストールします。' },
    },
    steps: {
      'install-service-pack': { phase: 'window', order: 400 },
      'restart-after-service-pack': { phase: 'window', order: 450 },
      'install-update-rollup': { phase: 'window', order: 500 },
      'verify-build': { phase: 'verify', order: 100 },
      'remove-update-rollup-2003': { phase: 'rollback', order: 100 },
      'remove-update-rollup-2008': { phase: 'rollback', order: 110 },
      'restore-after-service-pack': { phase: 'rollback', order: 900 },
    },
  },
  check({ server, current, target, catalog }) {
    if (target.upToDate) return { status: 'not-applicable', reason: 'up-to-date' };
    if (server.cluster) return { status: 'not-applicable', reason: 'clustered-mailbox-server' };
    const machine = server.machines[0];
    const family = machine?.os?.value.family ?? 'other';
    const level = target.level;
    const data = {
      machine: machine?.name ?? server.name,
      from: describeLevel(current),
      servicePack: level.servicePack,
      servicePackDisplay: adminDisplayVersionOf(catalog.servicePack(level.servicePack).build),
      rollup: describeLevel(level),
      kb: level.kb ?? '—',
      build: buildText(level.build),
      buildLong: longBuildText(level.build),
      package: rollupPackageName(level, packageLanguage(server.machines)),
      ...rollbackLevel(machineLevelOf(current.machines, current, machine?.name ?? server.name), target, catalog),
    };
    const steps: StepRef<StepId>[] = [];
    if (target.servicePackChange) {
      steps.push({ step: 'install-service-pack', data }, { step: 'restart-after-service-pack', data }, { step: 'restore-after-service-pack', data });
    }
    if (target.rollupToInstall) {
      steps.push({ step: 'install-update-rollup', data });
      if (family !== '2008' && family !== '2008R2') steps.push({ step: 'remove-update-rollup-2003', data });
      if (family !== '2003') steps.push({ step: 'remove-update-rollup-2008', data });
    }
    steps.push({ step: 'verify-build', data });
    return {
      status: 'fail',
      findings: [{ messageId: target.servicePackChange ? (target.rollupToInstall ? 'separateInstalls' : 'servicePackOnly') : 'rollupOnly', data }],
      steps,
    };
  },
});

/** What Get-ExchangeServer shows for a service pack: `Version 8.3 (Build 83.6)`. */
function adminDisplayVersionOf(build: BuildNumber): string {
  return `Version ${build[0]}.${build[1]} (Build ${build[2]}.${build[3]})`;
}

