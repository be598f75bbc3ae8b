import { defineRule, type Finding, type FleetContext, type StepRef } from '../define-rule.js';
import { latestServicePack, servicePackAtLeast, type ServicePackName } from '../../knowledge/build-catalog.js';
import { compareText } from '../../compare-text.js';
import type { ServerFacts } from '../../normalize/server-facts.js';
import { WAVE_ORDER, waveReasonOf } from '../../normalize/computed/wave-reason.js';
import { nameList, type NameList } from '../../i18n/name-list.js';

type MessageId = 'prepareHere' | 'preparedElsewhere' | 'alreadyPrepared' | 'trustedSubsystemAdded';
type StepId = 'ad-prepare-schema' | 'ad-prepare-ad' | 'ad-confirm-prepared' | 'ad-record-trusted-subsystem';

/** Facts §f: schema rangeUpper and organisation objectVersion each SP sets — what the operator reads after preparing. */
const SCHEMA_VERSION: Readonly<Record<ServicePackName, number>> = { RTM: 10637, SP1: 11116, SP2: 14622, SP3: 14625 };
const ORGANIZATION_VERSION: Readonly<Record<ServicePackName, number>> = { RTM: 10666, SP1: 11221, SP2: 11222, SP3: 11222 };

/**
 * A fleet prerequisite (BRIEF's SP-and-later row; facts §f): before the first service pack upgrade in
 * the organisation, the schema (every SP) and the organisation (SP1, SP2 change its objectVersion; for
 * SP3 it is the cautious reading) must be prepared for the target SP. The server that comes first in
 * wave order (Internet-facing CAS, other CAS, other roles; by name) carries the preparation steps;
 * every other SP-upgrading server confirms them. A non-Edge server already running the target SP
 * proves the directory was prepared for it (setup does not install an SP on an unprepared schema).
 *
 * Seed "SP2 and later": SP2+ setup adds the Exchange Trusted Subsystem group to the local
 * Administrators group — a security-relevant change to record when a server crosses into SP2.
 */
export default defineRule({
  meta: {
    id: 'active-directory-prepared',
    title: { en: 'Active Directory is prepared for the target service pack', ja: 'Active Directory は目標の Service Pack 用に準備されている' },
    failureTitle: { en: 'Active Directory must be prepared before the first service pack upgrade', ja: '最初の Service Pack のアップグレードの前に Active Directory を準備する必要がある' },
    severity: 'warning',
    seedSections: ['sp2-and-later'],
    references: [
      { title: 'Exchange 2007 Service Pack 2 prerequisites (Exchange Team blog): schema, PrepareAD, Windows Installer 4.5', url: 'https://techcommunity.microsoft.com/t5/exchange-team-blog/exchange-2007-service-pack-2-prerequisites/ba-p/599231' },
      { title: 'Exchange schema versions – common questions and answers (TechNet Wiki)', url: 'https://qa.social.technet.microsoft.com/wiki/contents/articles/2772.exchange-schema-versions-common-questions-answers.aspx' },
      { title: 'Repadmin (Windows Server command reference)', url: 'https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-server-2012-r2-and-2012/cc770963(v=ws.11)' },
      { title: 'Exchange 2007 System Requirements (Microsoft Learn)', url: 'https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/aa996719(v=exchg.80)' },
    ],
    requiredFacts: ['build-evidence'],
    messages: {
      prepareHere: {
        en: '{server} is the first server of the organisation to be upgraded to {servicePack}: before its window, prepare the schema (setup.com /PrepareSchema) and Active Directory (setup.com /PrepareAD) for {servicePack}, with an account in Schema Admins and Enterprise Admins. Servers upgraded after it: {others}.',
        ja: '{server} は組織内で最初に {servicePack} にアップグレードするサーバーです。保守期間の前に、Schema Admins グループと Enterprise Admins グループのメンバであるアカウントで、{servicePack} 用にスキーマ (setup.com /PrepareSchema) と Active Directory (setup.com /PrepareAD) を準備してください。この後にアップグレードするサーバー: {others}。',
      },
      preparedElsewhere: {
        en: 'The schema and Active Directory are prepared for {servicePack} once, on the runbook of {first}: confirm that it was completed before upgrading {server}.',
        ja: '{servicePack} 用のスキーマと Active Directory の準備は、{first} の手順書で 1 回だけ行います。{server} をアップグレードする前に、完了していることを確認してください。',
      },
      alreadyPrepared: {
        en: '{evidence} already run {servicePack}, so the schema and Active Directory have been prepared for it: no preparation is needed before upgrading {server}.',
        ja: '{evidence} は既に {servicePack} で実行されているため、スキーマと Active Directory は {servicePack} 用に準備済みです。{server} をアップグレードする前の準備は不要です。',
      },
      trustedSubsystemAdded: {
        en: '{servicePack} setup adds the Exchange Trusted Subsystem group (read and write access to every Exchange object in the organisation) to the local Administrators group of {machines}: a security-relevant change; record it on the change ticket.',
        ja: '{servicePack} のセットアップにより、{machines} のローカルの Administrators グループに Exchange Trusted Subsystem グループ (組織内のすべての Exchange 関連オブジェクトに対する読み取りおよび書き込みアクセスを持つ) が追加されます。セキュリティに関係する変更のため、変更チケットに記録してください。',
      },
    },
    steps: {
      'ad-prepare-schema': { phase: 'prepare', order: 150 },
      'ad-prepare-ad': { phase: 'prepare', order: 160 },
      'ad-confirm-prepared': { phase: 'prepare', order: 150 },
      'ad-record-trusted-subsystem': { phase: 'verify', order: 390 },
    },
  },
  check({ server, current, target, fleet }) {
    if (!target.servicePackChange) return { status: 'not-applicable', reason: 'no-service-pack-change' };
    const order = upgradeOrderOf(fleet);
    // The highest SP any server is upgraded to: the directory must be ready for that one.
    const servicePack = order.servicePack ?? target.level.servicePack;
    const machines = server.machines.map((m) => m.name).join(', ') || server.name;

    const findings: Finding<MessageId>[] = [];
    const steps: StepRef<StepId>[] = [];
    const evidence = order.evidenceFor(servicePack);
    const first = order.upgrading[0] ?? server;
    const data = {
      server: server.name,
      servicePack,
      schemaVersion: SCHEMA_VERSION[servicePack],
      organizationVersion: ORGANIZATION_VERSION[servicePack],
      first: first.name, others: order.others, evidence,
      machines,
    };
    let prepared: boolean;
    if (isEdge(server)) {
      // An Edge Transport server lives in the perimeter with its own AD LDS: no organisation preparation.
      prepared = true;
    } else if (evidence.names.length > 0) {
      findings.push({ messageId: 'alreadyPrepared', severity: 'info', data });
      prepared = true;
    } else if (first.name === server.name) {
      findings.push({ messageId: 'prepareHere', data });
      steps.push({ step: 'ad-prepare-schema', data }, { step: 'ad-prepare-ad', data });
      prepared = false;
    } else {
      findings.push({ messageId: 'preparedElsewhere', severity: 'info', data });
      steps.push({ step: 'ad-confirm-prepared', data });
      prepared = true;
    }

    if (servicePackAtLeast(target.level.servicePack, 'SP2')) {
      // Crossing into SP2 (or from an unknown level): setup adds Exchange Trusted Subsystem to local Administrators.
      if (!servicePackAtLeast(current.servicePack, 'SP2') && !isEdge(server)) {
        findings.push({ messageId: 'trustedSubsystemAdded', severity: 'warning', data: { ...data, servicePack: target.level.servicePack } });
        for (const m of server.machines) steps.push({ step: 'ad-record-trusted-subsystem', instance: m.name, data: { ...data, servicePack: target.level.servicePack, machine: m.name } });
      }
    }
    return prepared ? { status: 'pass', findings, steps } : { status: 'fail', findings, steps };
  },
});

interface UpgradeOrder {
  /** Non-Edge servers upgrading to a new SP, in wave order (Internet-facing CAS, other CAS, other roles; by name). */
  readonly upgrading: readonly ServerFacts[];
  /** Every name of `upgrading` but the first ('—' when none). */
  readonly others: NameList | '—';
  readonly servicePack: ServicePackName | undefined;
  /** Non-Edge servers already running at least `servicePack`, sorted by name. */
  readonly evidenceFor: (servicePack: ServicePackName) => NameList;
}

/**
 * The same for every server of a fleet, so worked out once per fleet: per server it made the rule
 * quadratic in the fleet size.
 */
const upgradeOrders = new WeakMap<FleetContext, UpgradeOrder>();

function upgradeOrderOf(fleet: FleetContext): UpgradeOrder {
  const known = upgradeOrders.get(fleet);
  if (known) return known;
  const included = fleet.servers.filter((s) => fleet.levels.has(s.name));
  const upgrading = included
    .filter((s) => !isEdge(s))
    .filter((s) => {
      const level = fleet.levels.get(s.name);
      return level !== undefined && level.target.servicePackChange && level.current.evidence !== 'none';
    })
    .sort((a, b) => WAVE_ORDER.indexOf(waveReasonOf(a)) - WAVE_ORDER.indexOf(waveReasonOf(b)) || compareText(a.name, b.name));
  const evidence = new Map<ServicePackName, NameList>();
  const order: UpgradeOrder = {
    upgrading,
    others: upgrading.length > 1 ? nameList(upgrading.slice(1).map((s) => s.name)) : '—',
    servicePack: latestServicePack(upgrading.map((s) => fleet.levels.get(s.name)?.target.level.servicePack).filter((sp): sp is ServicePackName => sp !== undefined)),
    evidenceFor(servicePack) {
      let names = evidence.get(servicePack);
      if (names === undefined) {
        names = nameList(
          included
            .filter((s) => !isEdge(s) && servicePackAtLeast(fleet.levels.get(s.name)?.current.servicePack ?? null, servicePack))
            .map((s) => s.name)
            .sort(compareText),
        );
        evidence.set(servicePack, names);
      }
      return names;
    },
  };
  upgradeOrders.set(fleet, order);
  return order;
}

function isEdge(server: ServerFacts): boolean {
  return server.roles.includes('Edge');
}
