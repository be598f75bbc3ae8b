import { defineRule, type FleetContext } from '../define-rule.js';
import { isInternetFacingCas } from '../../normalize/computed/wave-reason.js';
import type { ServerFacts } from '../../normalize/server-facts.js';
import { nameList, type NameList } from '../../i18n/name-list.js';
import { describeLevel, longBuildText } from '../describe-level.js';


/**
 * CAS-CAS proxy + order: Internet-facing Client Access servers (OWA ExternalUrl set) are updated
 * before the CAS that proxy through them, and every CAS before the other roles. A fleet rule: the
 * predecessors are the other servers of the fleet that still need the update.
 */
export default defineRule({
  meta: {
    id: 'cas-proxy-order',
    title: { en: 'Servers are updated in CAS-CAS proxy order', ja: 'CAS-CAS プロキシの順序でサーバーを更新する' },
    failureTitle: {
      en: 'Other servers must be updated before this one (CAS-CAS proxy order)',
      ja: 'このサーバーより先に他のサーバーを更新する必要がある (CAS-CAS プロキシの順序)',
    },
    severity: 'info',
    seedSections: ['cas-cas-proxy', 'order'],
    references: [
      { title: 'Overview of Exchange Server 2007 CAS Proxying and Redirection (Exchange Team blog)', url: 'https://techcommunity.microsoft.com/t5/exchange-team-blog/overview-of-exchange-server-2007-cas-proxying-and-redirection/ba-p/591448' },
      { title: 'Exchange Server build numbers and release dates (Microsoft Learn)', url: 'https://learn.microsoft.com/en-us/exchange/new-features/build-numbers-and-release-dates' },
    ],
    requiredFacts: [],
    messages: {
      internetFacingFirst: {
        en: '{server} is an Internet-facing Client Access server: update it first, before the Client Access servers that are reached through it by CAS-CAS proxy ({servers}).',
        ja: '{server} はインターネットに直接接続されたクライアント アクセス サーバーです。CAS-CAS プロキシで経由されるクライアント アクセス サーバー ({servers}) より先に、最初に更新します。',
      },
      internetFacingFirstAlone: {
        en: '{server} is an Internet-facing Client Access server: update it first, before the other roles.',
        ja: '{server} はインターネットに直接接続されたクライアント アクセス サーバーです。他の役割のサーバーより先に、最初に更新します。',
      },
      proxiedAfterInternetFacing: {
        en: '{server} is a Client Access server that is not Internet-facing (no OWA ExternalUrl): with CAS-CAS proxy, the Internet-facing Client Access servers ({servers}) must be updated before it.',
        ja: '{server} はインターネットに直接接続されていないクライアント アクセス サーバーです (OWA の ExternalUrl なし)。CAS-CAS プロキシでは、インターネットに直接接続されたクライアント アクセス サーバー ({servers}) をこのサーバーより先に更新する必要があります。',
      },
      afterClientAccess: {
        en: 'Update {server} after every Client Access server ({servers}): Microsoft recommends updating the Client Access role first, then the other roles.',
        ja: '{server} は、すべてのクライアント アクセス サーバー ({servers}) の後に更新します。マイクロソフトは、クライアント アクセス サーバーの役割を最初に更新し、その後で他の役割を更新することを推奨しています。',
      },
    },
    steps: {
      'confirm-internet-facing-cas-updated': { phase: 'prepare', order: 450 },
      'confirm-client-access-servers-updated': { phase: 'prepare', order: 450 },
    },
  },
  check({ server, target, fleet }) {
    if (target.upToDate) return { status: 'not-applicable', reason: 'up-to-date' };
    // Each list below is of a different kind of server than `server`, so leaving `server` itself out
    // changes none of them: the lists are the same for the whole fleet.
    const lists = updateListsOf(fleet);
    if (!server.roles.includes('ClientAccess')) {
      if (lists.clientAccess.names.length === 0) return { status: 'not-applicable', reason: 'no-client-access-server-to-update' };
      const data = { server: server.name, servers: lists.clientAccess };
      return { status: 'fail', findings: [{ messageId: 'afterClientAccess', data }], steps: [{ step: 'confirm-client-access-servers-updated', data }] };
    }
    if (isInternetFacingCas(server)) {
      const data = { server: server.name, servers: lists.proxied };
      return { status: 'pass', findings: [{ messageId: lists.proxied.names.length > 0 ? 'internetFacingFirst' : 'internetFacingFirstAlone', data }] };
    }
    if (lists.internetFacing.names.length === 0) return { status: 'not-applicable', reason: 'no-internet-facing-cas-to-update' };
    // A rollup does not change AdminDisplayVersion: the check reads ExSetup.exe's file version instead.
    const data = { server: server.name, servers: lists.internetFacing, target: describeLevel(target.level), targetBuildLong: longBuildText(target.level.build) };
    return { status: 'fail', findings: [{ messageId: 'proxiedAfterInternetFacing', data }], steps: [{ step: 'confirm-internet-facing-cas-updated', data }] };
  },
});

/** Names of the included servers that still need the update, in fleet order. */
interface UpdateLists {
  readonly clientAccess: NameList;
  readonly internetFacing: NameList;
  /** Client Access servers that are not Internet-facing. */
  readonly proxied: NameList;
}

/** Worked out once per fleet: per server it made the rule quadratic in the fleet size. */
const updateLists = new WeakMap<FleetContext, UpdateLists>();

function updateListsOf(fleet: FleetContext): UpdateLists {
  const known = updateLists.get(fleet);
  if (known) return known;
  const cas = fleet.servers.filter((s) => s.excluded === null && needsUpdate(s, fleet) && s.roles.includes('ClientAccess'));
  const internetFacing = cas.map(isInternetFacingCas);
  const names = (list: readonly ServerFacts[]): NameList => nameList(list.map((s) => s.name));
  const lists: UpdateLists = {
    clientAccess: names(cas),
    internetFacing: names(cas.filter((_, i) => internetFacing[i] === true)),
    proxied: names(cas.filter((_, i) => internetFacing[i] === false)),
  };
  updateLists.set(fleet, lists);
  return lists;
}

function needsUpdate(server: ServerFacts, fleet: FleetContext): boolean {
  return fleet.levels.get(server.name)?.target.upToDate === false;
}
