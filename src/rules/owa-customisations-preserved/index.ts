import { rollbackLevel } from '../rollback-level.js';
import { machineLevelOf } from '../../normalize/computed/current-level.js';
import { defineRule, type Finding, type StepRef } from '../define-rule.js';
import { analyseOwaFiles, DEFAULT_OWA_PATH } from './owa-evidence.js';

type MessageId = 'customised' | 'notChecked';
type StepId = 'back-up-owa-folder' | 'rename-owa-logon-page' | 'restore-owa-customisations' | 'retest-owa-customisations' | 'rollback-restore-owa-files';

/**
 * OWA customisation + how-steps 3 and 8: an update may replace Logon.aspx and the OWA files (from SP1
 * RU5 on it always does), so every Client Access server backs up its ClientAccess\Owa folder first.
 * Where the OWA file listing shows customisation (logon.aspx newer than the other auth files, theme
 * folders beyond `base` and the numbered ones), Logon.aspx is renamed before the update and the
 * changes are re-applied by hand and retested after it. Without the listing the backup still happens
 * and the gap is said.
 *
 * The rename is the first thing in the window, not a preparation step: without logon.aspx nobody can
 * log on to OWA until the update writes the new one.
 */
export default defineRule({
  meta: {
    id: 'owa-customisations-preserved',
    title: { en: 'OWA files are backed up before the update', ja: '更新の前に OWA のファイルをバックアップする' },
    failureTitle: {
      en: 'OWA customisations must be backed up, and re-applied after the update',
      ja: 'OWA のカスタマイズをバックアップし、更新後に再適用する必要がある',
    },
    severity: 'warning',
    seedSections: ['owa-customisation', 'how-steps'],
    references: [
      { title: 'Customizing the Logon and Logoff Pages (Outlook Web Access 2007)', url: 'http://technet.microsoft.com/en-us/library/bb310750.aspx' },
      { title: 'Best practice: back up customized Outlook Web App files before applying an Exchange Server rollup (Microsoft support blog)', url: 'https://learn.microsoft.com/ko-kr/archive/blogs/deva/best-practice-backup-a-copy-of-customized-outlook-web-app-files-before-applying-exchange-server-roll-up-update' },
    ],
    unverified: [
      {
        en: 'Detecting a customised logon.aspx or theme from file dates and sizes is the team\'s heuristic; Microsoft documents no detection method. Ask the OWA owner when in doubt.',
        ja: 'ファイルの日付とサイズからカスタマイズされた logon.aspx やテーマを検出する方法は、チームの経験則です。マイクロソフトは検出方法を文書化していません。疑わしい場合は OWA の担当者に確認してください。',
      },
    ],
    requiredFacts: [],
    messages: {
      customised: {
        en: 'Outlook Web Access on {machine} is customised: {files}. The update replaces these files (always, since Exchange 2007 SP1 RU5): back up the Owa folder, rename logon.aspx at the start of the window, and re-apply the customisations by hand after the update.',
        ja: '{machine} の Outlook Web Access はカスタマイズされています: {files}。更新によりこれらのファイルは置き換えられます (Exchange 2007 SP1 RU5 以降は常に置き換えられます)。Owa フォルダをバックアップし、保守期間の開始時に logon.aspx の名前を変更し、更新後にカスタマイズを手作業で再適用してください。',
      },
      notChecked: {
        en: 'No OWA file listing for {machine}: customisations of logon.aspx and the OWA themes could not be checked. The Owa folder is backed up anyway; add OwaFiles.csv from {machine} to check, or ask the OWA owner whether OWA is customised.',
        ja: '{machine} の OWA ファイル一覧がないため、logon.aspx と OWA テーマのカスタマイズを確認できませんでした。Owa フォルダのバックアップは行います。確認するには {machine} の OwaFiles.csv を追加するか、OWA の担当者にカスタマイズの有無を確認してください。',
      },
    },
    steps: {
      'back-up-owa-folder': { phase: 'prepare', order: 340 },
      'rename-owa-logon-page': { phase: 'window', order: 150 },
      'restore-owa-customisations': { phase: 'window', order: 750 },
      'retest-owa-customisations': { phase: 'verify', order: 320 },
      'rollback-restore-owa-files': { phase: 'rollback', order: 400 },
    },
  },
  check({ server, current, target, catalog }) {
    if (!server.roles.includes('ClientAccess')) return { status: 'not-applicable', reason: 'not-client-access' };
    if (target.upToDate) return { status: 'not-applicable', reason: 'up-to-date' };
    const findings: Finding<MessageId>[] = [];
    const steps: StepRef<StepId>[] = [];
    for (const machine of server.machines) {
      const listing = machine.owaFiles ?? null;
      const evidence = listing ? analyseOwaFiles(listing.items) : null;
      const owaPath = evidence?.owaPath ?? DEFAULT_OWA_PATH;
      const instance = machine.name;
      steps.push({ step: 'back-up-owa-folder', instance, data: { machine: machine.name, owaPath } });
      steps.push({ step: 'rollback-restore-owa-files', instance, data: { machine: machine.name, owaPath, ...rollbackLevel(machineLevelOf(current.machines, current, machine.name), target, catalog) } });
      if (!evidence) {
        findings.push({ messageId: 'notChecked', severity: 'info', data: { machine: machine.name } });
        continue;
      }
      const customised = [...(evidence.logon ? [evidence.logon] : []), ...evidence.customThemes];
      if (customised.length === 0) continue;
      const data = { machine: machine.name, owaPath, files: customised.join(', ') };
      findings.push({ messageId: 'customised', data });
      steps.push(
        { step: 'rename-owa-logon-page', instance, data },
        { step: 'restore-owa-customisations', instance, data },
        { step: 'retest-owa-customisations', instance, data },
      );
    }
    return findings.length === 0 ? { status: 'pass', steps } : { status: 'fail', findings, steps };
  },
});
