import type { ServerFacts } from '../server-facts.js';

/**
 * Why a server's wave comes where it does. CAS-CAS proxy: Internet-facing Client Access servers before
 * the CAS that proxy through them; otherwise CAS before the other roles (seed: order, CAS-CAS proxy).
 * The plan's waves and the rules that need "which server is upgraded first" both read this order.
 */
export type WaveReason = 'internet-facing-cas' | 'other-cas' | 'other-roles';
export const WAVE_ORDER: readonly WaveReason[] = ['internet-facing-cas', 'other-cas', 'other-roles'];

/** An Internet-facing CAS publishes an ExternalUrl on its OWA virtual directory. */
export function isInternetFacingCas(server: ServerFacts): boolean {
  return server.roles.includes('ClientAccess') && server.owaVirtualDirectories.some((v) => /^owa\b/i.test(v.name) && v.externalUrl !== '');
}

export function waveReasonOf(server: ServerFacts): WaveReason {
  if (!server.roles.includes('ClientAccess')) return 'other-roles';
  return isInternetFacingCas(server) ? 'internet-facing-cas' : 'other-cas';
}
