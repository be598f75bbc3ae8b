import { defineRule, type Finding, type StepRef } from '../define-rule.js';
import { compareBuildNumbers } from '../../knowledge/build-number.js';
import { describeLevel } from '../describe-level.js';
import { clusterSchedule, interimUpdateOrders } from '../cluster-schedule.js';
import { rollbackLevel } from '../rollback-level.js';
import { machineLevelOf } from '../../normalize/computed/current-level.js';

type MessageId = 'fixedInTarget' | 'replacementNeeded' | 'noKb';
type StepId = 'obtain-replacement-interim-update' | 'remove-interim-update' | 'reinstall-replacement-interim-update' | 'rollback-reinstall-interim-update';

/**
 * Checklists 3–4: every interim update must be removed (per computer) before a rollup or SP. If the
 * analyst's IU catalogue says the target (or an earlier level) contains its fix, removing it is
 * enough; otherwise — including every IU the catalogue does not know — a replacement IU built for
 * the target must be obtained from Microsoft support first, and reinstalled after the update.
 *
 * On a clustered mailbox server the removal belongs in each node's own pass (after the cluster group
 * has moved off the node, before its update) and the reinstall after the node's last update: the
 * cluster schedule gives those orders.
 */
export default defineRule({
  meta: {
    id: 'interim-updates-removed',
    title: { en: 'No interim updates are installed', ja: '中間更新プログラムはインストールされていない' },
    failureTitle: { en: 'Interim updates must be removed before the update', ja: '更新の前に中間更新プログラムを削除する必要がある' },
    severity: 'warning',
    seedSections: ['checklist-3', 'checklist-4'],
    references: [
      { title: 'KB935490: Update Rollup 2 for Exchange Server 2007 (remove interim updates first; removal through Add or Remove Programs)', url: 'http://support.microsoft.com/kb/935490/' },
    ],
    requiredFacts: ['installed-patches'],
    messages: {
      fixedInTarget: { en: 'Interim update {kb} on {machine} is fixed in {fixedIn}, which the target includes: remove it before the update; no replacement is needed.', ja: '{machine} の中間更新プログラム {kb} の修正は {fixedIn} に含まれ、目標レベルに含まれます。更新前に削除してください。代替の中間更新プログラムは不要です。' },
      replacementNeeded: { en: 'Interim update {kb} on {machine} is not known to be fixed in the target {target}: obtain a replacement interim update built for {targetBuild} from Microsoft support before the window.', ja: '{machine} の中間更新プログラム {kb} の修正が目標 {target} に含まれるか確認できません。保守期間の前に、ビルド {targetBuild} 用の代替の中間更新プログラムをマイクロソフト サポートから入手してください。' },
      noKb: { en: 'An interim update without a KB number is installed on {machine} ("{name}"): identify it and obtain a replacement for {targetBuild}.', ja: '{machine} に KB 番号のない中間更新プログラム (「{name}」) がインストールされています。内容を確認し、{targetBuild} 用の代替を入手してください。' },
    },
    steps: {
      'obtain-replacement-interim-update': { phase: 'prepare', order: 220 },
      'remove-interim-update': { phase: 'window', order: 300 },
      'reinstall-replacement-interim-update': { phase: 'window', order: 700 },
      'rollback-reinstall-interim-update': { phase: 'rollback', order: 150 },
    },
  },
  check({ server, current, target, options, catalog }) {
    if (target.upToDate) return { status: 'not-applicable', reason: 'up-to-date' };
    const findings: Finding<MessageId>[] = [];
    const steps: StepRef<StepId>[] = [];
    const targetData = { target: describeLevel(target.level), targetBuild: target.level.build.join('.') };
    const schedule = clusterSchedule(server, target);
    for (const machine of server.machines) {
      const inPass = schedule ? interimUpdateOrders(schedule, machine.name) : null;
      const removeOrder = inPass ? { order: inPass.remove } : {};
      const reinstallOrder = inPass ? { order: inPass.reinstall } : {};
      // One set of steps per interim update: the same KB listed twice (Patches key and Uninstall listing)
      // is one update, and updates without a KB are numbered so that their step ids stay distinct.
      const seen = new Set<string>();
      let withoutKb = 0;
      for (const patch of machine.patches?.items ?? []) {
        if (patch.kind !== 'interim-update') continue;
        const kb = patch.kb ?? '';
        const key = kb ? kb.toUpperCase() : `name:${patch.displayName}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const instance = `${machine.name}:${kb || `no-kb-${++withoutKb}`}`;
        const osFamily = machine.os?.value.family ?? 'other';
        const removeData = { machine: machine.name, kb: kb || patch.displayName, name: patch.displayName, osFamily, ...targetData, ...rollbackLevel(machineLevelOf(current.machines, current, machine.name), target, catalog) };
        const fixedIn = kb ? options.interimUpdateFixes.get(kb.toUpperCase()) : undefined;
        if (fixedIn && compareBuildNumbers(fixedIn.build, target.level.build) <= 0) {
          findings.push({ messageId: 'fixedInTarget', kb, data: { ...removeData, fixedIn: describeLevel(fixedIn) } });
        } else {
          findings.push({ messageId: kb ? 'replacementNeeded' : 'noKb', severity: 'blocker', ...(kb ? { kb } : {}), data: removeData });
          steps.push({ step: 'obtain-replacement-interim-update', instance, data: removeData });
          steps.push({ step: 'reinstall-replacement-interim-update', instance, ...reinstallOrder, data: removeData });
        }
        steps.push({ step: 'remove-interim-update', instance, ...removeOrder, data: removeData });
        steps.push({ step: 'rollback-reinstall-interim-update', instance, data: removeData });
      }
    }
    return findings.length === 0 ? { status: 'pass' } : { status: 'fail', findings, steps };
  },
});
