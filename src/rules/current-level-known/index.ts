import { buildText, describeLevel } from '../describe-level.js';
import { defineRule, type Finding } from '../define-rule.js';

/**
 * Checklist 1–2: the rollup depends on the SP, so the current SP *and* rollup must be known. ExSetup's
 * file version is the real build; the MSI patch list is next best; AdminDisplayVersion shows the SP only.
 */
export default defineRule({
  meta: {
    id: 'current-level-known',
    title: { en: 'Current service pack and rollup are known', ja: '現在の Service Pack と更新プログラムのロールアップが判明している' },
    failureTitle: { en: 'Current rollup level is not known for certain', ja: '現在の更新プログラムのロールアップ レベルが確定していない' },
    severity: 'warning',
    seedSections: ['checklist-1', 'checklist-2'],
    references: [
      { title: 'Exchange Server build numbers and release dates (Microsoft Learn)', url: 'https://learn.microsoft.com/en-us/exchange/new-features/build-numbers-and-release-dates' },
      { title: 'Get-ExchangeServer (Exchange 2007 help): ExchangeVersion is not the product build', url: 'https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/bb123873(v=exchg.80)' },
    ],
    requiredFacts: [],
    messages: {
      fromExsetup: { en: 'Current level {level} (build {build}), read from ExSetup.exe ({source}).', ja: '現在のレベルは {level} (ビルド {build})。ExSetup.exe のバージョンより ({source})。' },
      fromPatches: { en: 'Current level {level} (build {build}), read from the installed updates list ({source}); ExSetup.exe version was not exported.', ja: '現在のレベルは {level} (ビルド {build})。インストール済み更新プログラムの一覧より ({source})。ExSetup.exe のバージョンはエクスポートされていません。' },
      adminDisplayVersionOnly: { en: 'Only AdminDisplayVersion is known ({source}): it shows {servicePack} but never the rollup. Export the ExSetup.exe version from {machine} before the window.', ja: 'AdminDisplayVersion しか分かりません ({source})。{servicePack} は分かりますが、更新プログラムのロールアップは表示されません。保守期間の前に {machine} の ExSetup.exe のバージョンをエクスポートしてください。' },
      noEvidence: { en: 'No build information for {machine}: neither ExSetup.exe, installed updates nor AdminDisplayVersion was exported.', ja: '{machine} のビルド情報がありません。ExSetup.exe、インストール済み更新プログラム、AdminDisplayVersion のいずれもエクスポートされていません。' },
      unreleasedBuild: { en: 'Build {build} on {machine} is not a released SP or rollup build; it is above {level}. An interim update or private fix may have replaced files.', ja: '{machine} のビルド {build} は公開された SP またはロールアップのビルドではなく、{level} より上です。中間更新プログラムまたは個別修正がファイルを置き換えた可能性があります。' },
      machinesDiffer: { en: 'The nodes are at different levels: {levels}. The plan starts from the lowest.', ja: 'ノードのレベルが一致しません: {levels}。計画は最も低いレベルを前提にしています。' },
    },
    steps: {
      'confirm-current-build': { phase: 'prepare', order: 400 },
    },
  },
  check({ current }) {
    const findings: Finding<'fromExsetup' | 'fromPatches' | 'adminDisplayVersionOnly' | 'noEvidence' | 'unreleasedBuild' | 'machinesDiffer'>[] = [];
    for (const m of current.machines) {
      const source = m.from.map((f) => `${f.file}:${f.line}`).join(', ');
      const data = { machine: m.machine, level: describeLevel(m), build: buildText(m.build), source, servicePack: m.servicePack ?? '?' };
      if (m.evidence === 'none') findings.push({ messageId: 'noEvidence', severity: 'blocker', data });
      else if (m.evidence === 'admin-display-version') findings.push({ messageId: 'adminDisplayVersionOnly', data });
      else if (m.exactness === 'between' || m.exactness === 'unknown') findings.push({ messageId: 'unreleasedBuild', data });
      else findings.push({ messageId: m.evidence === 'exsetup' ? 'fromExsetup' : 'fromPatches', severity: 'info', data });
    }
    if (current.machinesDiffer) {
      findings.push({ messageId: 'machinesDiffer', data: { levels: current.machines.map((m) => `${m.machine} ${describeLevel(m)}`).join(', ') } });
    }
    const steps = current.machines
      .filter((m) => m.build !== null)
      .map((m) => ({ step: 'confirm-current-build' as const, instance: m.machine, data: { machine: m.machine, build: buildText(m.build), level: describeLevel(m) } }));
    const certain = current.machines.every((m) => (m.evidence === 'exsetup' || m.evidence === 'installed-patches') && m.exactness === 'exact') && !current.machinesDiffer;
    return certain ? { status: 'pass', findings, steps } : { status: 'fail', findings, steps };
  },
});
