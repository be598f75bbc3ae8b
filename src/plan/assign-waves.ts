import type { ServerFacts } from '../normalize/server-facts.js';

/**
 * Why a wave comes where it does. CAS-CAS proxy: Internet-facing Client Access servers before the
 * CAS that proxy through them; otherwise CAS before the other roles (seed: order, CAS-CAS proxy).
 */
export type WaveReason = 'internet-facing-cas' | 'other-cas' | 'other-roles';
const WAVE_ORDER: readonly WaveReason[] = ['internet-facing-cas', 'other-cas', 'other-roles'];

export interface Wave {
  readonly index: number;
  readonly reason: WaveReason;
  readonly servers: readonly string[];
}

/** An Internet-facing CAS publishes an ExternalUrl on its OWA virtual directory. */
export function isInternetFacingCas(server: ServerFacts): boolean {
  return server.roles.includes('ClientAccess') && server.owaVirtualDirectories.some((v) => /^owa\b/i.test(v.name) && v.externalUrl !== '');
}

export function waveReasonOf(server: ServerFacts): WaveReason {
  if (!server.roles.includes('ClientAccess')) return 'other-roles';
  return isInternetFacingCas(server) ? 'internet-facing-cas' : 'other-cas';
}

/** Waves over the servers that need an update (already sorted by name); empty waves are left out. */
export function assignWaves(servers: readonly ServerFacts[]): Wave[] {
  const waves: Wave[] = [];
  for (const reason of WAVE_ORDER) {
    const members = servers.filter((s) => waveReasonOf(s) === reason).map((s) => s.name);
    if (members.length > 0) waves.push({ index: waves.length + 1, reason, servers: members });
  }
  return waves;
}
