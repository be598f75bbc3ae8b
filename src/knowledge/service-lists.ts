import type { ExchangeRole } from '../normalize/server-facts.js';

/**
 * Windows services that Exchange Server 2007 setup stops (and a rollup may leave disabled), per role.
 *
 * Source: ../shared/reference/exchange2007-procedures.md B.5 ("Typical required services … from scripts,
 * not an official list"), itself drawn from public scripts and monitoring configurations (Test-ServiceHealth
 * parsers, role→service tables). The lists are community-sourced and unverified per role: the runbook uses
 * them to tell the operator what to expect, and the authority is what Test-ServiceHealth reports on the
 * server itself — recorded at the start of the window and compared after setup (Test-ServiceHealth reports
 * the services each installed role requires that are set to start automatically). Edge has no IIS.
 * POP3/IMAP4 (MSExchangePOP3, MSExchangeIMAP4) are Manual by default on CAS and are not listed.
 */
export const EXCHANGE_SERVICES_BY_ROLE: Readonly<Record<ExchangeRole, readonly string[]>> = {
  Mailbox: [
    'MSExchangeIS',
    'MSExchangeSA',
    'MSExchangeADTopology',
    'MSExchangeMailSubmission',
    'MSExchangeMailboxAssistants',
    'MSExchangeRepl',
    'MSExchangeSearch',
    'MSExchangeServiceHost',
    'MSExchangeTransportLogSearch',
    'msftesql-Exchange',
  ],
  HubTransport: ['MSExchangeTransport', 'MSExchangeADTopology', 'MSExchangeEdgeSync', 'MSExchangeAntispamUpdate', 'MSExchangeTransportLogSearch', 'MSExchangeServiceHost'],
  // No MSExchangeFBA: the forms-based authentication service (ExFBA.exe) belongs to Exchange 2010 and later;
  // Exchange 2007 authenticates OWA forms logons inside IIS. No source lists it for 2007.
  ClientAccess: ['MSExchangeADTopology', 'MSExchangeFDS', 'MSExchangeServiceHost'],
  UnifiedMessaging: ['MSExchangeUM', 'MSExchangeFDS', 'MSSpeechService'],
  Edge: ['ADAM_MSExchange', 'MSExchangeEdgeCredential', 'MSExchangeTransport'],
};

/** IIS services (IIS Admin, World Wide Web Publishing) that setup also stops; B.5 lists them for Mailbox and CAS. */
export const IIS_SERVICES: readonly string[] = ['IISAdmin', 'W3Svc'];
export const ROLES_WITH_IIS: readonly ExchangeRole[] = ['Mailbox', 'ClientAccess'];

/** Services stopped on a CCR passive node by design (a node-shutdown script reads "IS and SA stopped" as passive). */
export const CCR_PASSIVE_STOPPED: readonly string[] = ['MSExchangeIS', 'MSExchangeSA'];

export interface ServiceList {
  /** Exchange services of the roles, each once, in role order then list order. */
  readonly exchange: readonly string[];
  /** IIS services, when a role needs IIS. */
  readonly iis: readonly string[];
}

export function servicesForRoles(roles: readonly ExchangeRole[]): ServiceList {
  const exchange: string[] = [];
  for (const role of ['Mailbox', 'ClientAccess', 'HubTransport', 'UnifiedMessaging', 'Edge'] as const) {
    if (!roles.includes(role)) continue;
    for (const service of EXCHANGE_SERVICES_BY_ROLE[role]) if (!exchange.includes(service)) exchange.push(service);
  }
  return { exchange, iis: roles.some((r) => ROLES_WITH_IIS.includes(r)) ? [...IIS_SERVICES] : [] };
}
