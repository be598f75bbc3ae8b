import type { Localized, Phase } from '../rules/define-rule.js';
import type { ExchangeRole } from '../normalize/server-facts.js';

/**
 * How long each step takes, in minutes, for the window schedule (issue 12 point 12, issue 15).
 *
 * Every step id a rule declares has exactly one entry in {@link STEP_DURATIONS}; the test beside this
 * file fails for a step without one, so adding a step means adding its line here. An entry names the
 * assumption it rests on ({@link DURATION_ASSUMPTIONS}): `sourced` when a published figure backs it,
 * `assumed` when it is the team's working figure, printed as such on the runbook. The minutes live in
 * the assumption beside the sentence that states them (the test checks that the sentence does), so the
 * figure printed in the appendix and the figure summed into the schedule cannot drift apart.
 */
export interface StepDurationContext {
  readonly roles: readonly ExchangeRole[];
  /** This server's window upgrades the service pack. */
  readonly servicePack: boolean;
  /** The machine this step runs on reaches the CRL, or the plan turns the CRL check off before setup. */
  readonly crlFast: boolean;
  readonly clustered: boolean;
}

export type DurationBasis = 'sourced' | 'assumed';

export interface StepEstimate {
  readonly minutes: number;
  readonly basis: DurationBasis;
  readonly assumption: DurationAssumptionId;
}

type Estimator = StepEstimate | ((context: StepDurationContext) => StepEstimate);

export const DURATION_ASSUMPTIONS = {
  'rollup-setup': {
    minutes: 14,
    basis: 'sourced',
    text: {
      en: 'Update rollup setup takes 8–14 minutes when the CRL check is off or the CRL is reachable; the upper bound is used. Source: Microsoft (dmelanchthon, TechNet blog 2008-07-28, "Installationszeit von Exchange 2007 Rollup Update").',
      ja: '更新プログラムのロールアップのセットアップは、CRL の確認をオフにしているか CRL に到達できる場合 8～14 分かかる (上限を採用)。出典: Microsoft (dmelanchthon, TechNet ブログ 2008-07-28「Installationszeit von Exchange 2007 Rollup Update」)。',
    },
  },
  'setup-crl-slow': {
    minutes: 180,
    basis: 'assumed',
    text: {
      en: 'Setup without the CRL workaround on a host that cannot reach the CRL: each signed assembly waits 10–14 s for the CRL, so setup takes hours (source as above; 40–60 minutes of delay per rollup reported by ITPro Today); 180 minutes is assumed.',
      ja: 'CRL に到達できないホストで CRL の回避策なしにセットアップすると、署名付きアセンブリごとに 10～14 秒待つため数時間かかる (出典は上記、ITPro Today ではロールアップごとに 40～60 分の遅延を報告)。180 分と仮定。',
    },
  },
  'service-pack-setup': {
    minutes: 45,
    basis: 'assumed',
    text: {
      en: 'Service pack setup (setup.com /mode:upgrade): no published duration was found; 45 minutes for the first role and 15 for each further role are assumed, restart not included.',
      ja: 'Service Pack のセットアップ (setup.com /mode:upgrade): 公開された所要時間は見つからなかった。最初の役割に 45 分、追加の役割ごとに 15 分と仮定 (再起動は含まない)。',
    },
  },
  restart: {
    minutes: 15,
    basis: 'assumed',
    text: { en: 'A restart of the server until the Exchange services run again: 15 minutes assumed.', ja: 'サーバーの再起動から Exchange サービスの起動完了まで: 15 分と仮定。' },
  },
  'remove-update': {
    minutes: 15,
    basis: 'assumed',
    text: { en: 'Removing an update (interim update or rollup) through Add or Remove Programs / Installed Updates: 15 minutes assumed.', ja: '[プログラムの追加と削除] / [インストールされた更新プログラム] からの更新プログラム (暫定更新プログラムまたはロールアップ) の削除: 15 分と仮定。' },
  },
  'install-small-update': {
    minutes: 15,
    basis: 'assumed',
    text: { en: 'Installing an interim update or a .NET Framework update: 15 minutes assumed, restart not included.', ja: '暫定更新プログラムまたは .NET Framework の更新プログラムのインストール: 15 分と仮定 (再起動は含まない)。' },
  },
  'cluster-move': {
    minutes: 10,
    basis: 'assumed',
    text: { en: 'Moving a cluster group or the clustered mailbox server to another node, or stopping it: 10 minutes assumed (depends on the databases).', ja: 'クラスタ グループまたはクラスタ化メールボックス サーバーの別ノードへの移動、または停止: 10 分と仮定 (データベースにより異なる)。' },
  },
  'console-check': {
    minutes: 5,
    basis: 'assumed',
    text: { en: 'Reading a value, running one cmdlet or one logon test and comparing the result: 5 minutes assumed.', ja: '値の確認、コマンドレット 1 回またはログオン テスト 1 回の実行と結果の照合: 5 分と仮定。' },
  },
  'health-check': {
    minutes: 10,
    basis: 'assumed',
    text: {
      en: 'A role\'s health check (queues, databases, replication, connectivity tests, event and setup logs) with its results recorded: 10 minutes assumed.',
      ja: '役割ごとの正常性の確認 (キュー、データベース、レプリケーション、接続テスト、イベント ログとセットアップ ログ) と結果の記録: 10 分と仮定。',
    },
  },
  'manual-task': {
    minutes: 10,
    basis: 'assumed',
    text: { en: 'A manual change (an option, a file copy, a registry export) with its record: 10 minutes assumed.', ja: '手作業の変更 (オプション、ファイルのコピー、レジストリのエクスポート) とその記録: 10 分と仮定。' },
  },
  'preparation-task': {
    minutes: 30,
    basis: 'assumed',
    text: { en: 'A preparation task before the window (obtaining a package, confirming backups, an approval): 30 minutes assumed; it does not count against the window.', ja: '保守期間の前の準備作業 (パッケージの入手、バックアップの確認、承認): 30 分と仮定。保守期間には含めない。' },
  },
  'active-directory': {
    minutes: 30,
    basis: 'assumed',
    text: { en: 'Schema or Active Directory preparation, once for the organisation before the first server: 30 minutes assumed, replication not included.', ja: 'スキーマまたは Active Directory の準備 (最初のサーバーの前に組織で 1 回): 30 分と仮定 (レプリケーションは含まない)。' },
  },
  restore: {
    minutes: 240,
    basis: 'assumed',
    text: { en: 'Restoring the server from the backup (rollback after a service pack): depends on the database size; 240 minutes assumed.', ja: 'バックアップからのサーバーの復元 (Service Pack 後のロールバック): データベースのサイズによる。240 分と仮定。' },
  },
} as const satisfies Record<string, { readonly minutes: number; readonly basis: DurationBasis; readonly text: Localized }>;

export type DurationAssumptionId = keyof typeof DURATION_ASSUMPTIONS;

/** Each role after the first adds this much to service pack setup (stated in 'service-pack-setup'). */
const SERVICE_PACK_FURTHER_ROLE_MINUTES = 15;

function fixed(assumption: DurationAssumptionId): StepEstimate {
  const { minutes, basis } = DURATION_ASSUMPTIONS[assumption];
  return { minutes, basis, assumption };
}

function rollupSetup(context: StepDurationContext): StepEstimate {
  return fixed(context.crlFast ? 'rollup-setup' : 'setup-crl-slow');
}

function servicePackSetup(context: StepDurationContext): StepEstimate {
  if (!context.crlFast) return fixed('setup-crl-slow');
  const firstRole = fixed('service-pack-setup');
  return { ...firstRole, minutes: firstRole.minutes + SERVICE_PACK_FURTHER_ROLE_MINUTES * (Math.max(1, context.roles.length) - 1) };
}

/** A cluster node's service pack pass: setup on the node (its roles: Mailbox) and the restart it needs. */
function clusterNodeServicePack(context: StepDurationContext): StepEstimate {
  const setup = servicePackSetup(context);
  return { ...setup, minutes: setup.minutes + DURATION_ASSUMPTIONS.restart.minutes };
}

/** One entry per step id (see the test beside this file). */
export const STEP_DURATIONS: Readonly<Record<string, Estimator>> = {
  // prepare: before the window
  'confirm-installing-account': fixed('manual-task'),
  'confirm-installing-account-edge': fixed('manual-task'),
  'schedule-maintenance-window': fixed('preparation-task'),
  'ad-confirm-prepared': fixed('console-check'),
  'ad-prepare-schema': fixed('active-directory'),
  'ad-prepare-ad': fixed('active-directory'),
  'obtain-service-pack': fixed('preparation-task'),
  'obtain-update-rollup': fixed('preparation-task'),
  'obtain-replacement-interim-update': fixed('preparation-task'),
  'install-dotnet-framework-update': fixed('install-small-update'),
  'verify-backups': fixed('preparation-task'),
  'verify-backups-mailbox': fixed('preparation-task'),
  'back-up-owa-folder': fixed('manual-task'),
  'export-rpc-proxy-key': fixed('manual-task'),
  'confirm-current-build': fixed('console-check'),
  'cluster-confirm-passive-node': fixed('console-check'),
  'cluster-identify-active-node': fixed('console-check'),
  'confirm-client-access-servers-updated': fixed('console-check'),
  'confirm-internet-facing-cas-updated': fixed('console-check'),
  'install-windows-installer-45': fixed('install-small-update'),
  // window
  'start-maintenance-window': fixed('console-check'),
  'health-baseline-transport': fixed('health-check'),
  'health-baseline-mailbox': fixed('health-check'),
  'health-baseline-ccr': fixed('health-check'),
  'health-baseline-scc': fixed('console-check'),
  'health-baseline-client-access': fixed('health-check'),
  'health-baseline-edge': fixed('health-check'),
  'health-baseline-unified-messaging': fixed('health-check'),
  'pause-file-level-antivirus': fixed('manual-task'),
  'rename-owa-logon-page': fixed('manual-task'),
  'turn-off-crl-check': fixed('manual-task'),
  'remove-interim-update': fixed('remove-update'),
  'install-service-pack': servicePackSetup,
  'restart-after-service-pack': fixed('restart'),
  'cluster-move-cluster-group': fixed('cluster-move'),
  'cluster-upgrade-passive-node': clusterNodeServicePack,
  'cluster-stop-cms': fixed('cluster-move'),
  'cluster-move-cms': fixed('cluster-move'),
  'cluster-upgrade-cms': servicePackSetup,
  'cluster-verify-cms': fixed('console-check'),
  'cluster-verify-copy-status': fixed('console-check'),
  'cluster-former-active-move-cluster-group': fixed('cluster-move'),
  'cluster-former-active-upgrade-node': clusterNodeServicePack,
  'cluster-former-active-verify-cms': fixed('console-check'),
  'cluster-former-active-verify-copy-status': fixed('console-check'),
  'install-update-rollup': rollupSetup,
  'cluster-install-rollup-on-node': rollupSetup,
  'cluster-former-active-install-rollup': rollupSetup,
  'cluster-move-cms-back': fixed('cluster-move'),
  'turn-on-crl-check': fixed('manual-task'),
  'reinstall-replacement-interim-update': fixed('install-small-update'),
  'restore-owa-customisations': fixed('manual-task'),
  'resume-file-level-antivirus': fixed('manual-task'),
  // verify
  'verify-build': fixed('console-check'),
  'review-setup-logs': fixed('health-check'),
  'health-after-transport': fixed('health-check'),
  'health-after-mailbox': fixed('health-check'),
  'health-after-ccr': fixed('health-check'),
  'health-after-scc': fixed('console-check'),
  'health-after-edge': fixed('health-check'),
  'health-after-unified-messaging': fixed('health-check'),
  'health-after-client-access': fixed('health-check'),
  'cluster-verify-node': fixed('console-check'),
  'verify-services-running': fixed('console-check'),
  'verify-services-running-ccr': fixed('console-check'),
  'log-on-to-owa': fixed('console-check'),
  'log-on-to-owa-externally': fixed('console-check'),
  'retest-owa-customisations': fixed('console-check'),
  'compare-rpc-proxy-key': fixed('console-check'),
  'ad-record-trusted-subsystem': fixed('console-check'),
  // rollback (only if the update fails; not scheduled)
  'remove-update-rollup-2003': fixed('remove-update'),
  'remove-update-rollup-2008': fixed('remove-update'),
  'cluster-remove-rollup-2003': fixed('remove-update'),
  'cluster-remove-rollup-2008': fixed('remove-update'),
  'rollback-reinstall-interim-update': fixed('install-small-update'),
  'rollback-turn-on-crl-check': fixed('manual-task'),
  'rollback-restore-owa-files': fixed('manual-task'),
  'rollback-import-rpc-proxy-key': fixed('manual-task'),
  'restore-after-service-pack': fixed('restore'),
  'cluster-restore-after-service-pack': fixed('restore'),
};

export function estimateStep(step: string, context: StepDurationContext): StepEstimate {
  const estimator = STEP_DURATIONS[step];
  if (estimator === undefined) throw new Error(`step ${step} has no duration estimate: add it to STEP_DURATIONS in src/plan/step-durations.ts`);
  return typeof estimator === 'function' ? estimator(context) : estimator;
}

/** Minutes per phase of one server; `window` and `verify` are what the maintenance window must hold. */
export type PhaseMinutes = Readonly<Record<Phase, number>>;

/** The minutes a server occupies its window: the window's steps and the verification after them. */
export function windowMinutes(minutes: PhaseMinutes): number {
  return minutes.window + minutes.verify;
}
