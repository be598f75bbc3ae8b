import type { ServerFacts } from '../normalize/server-facts.js';
import { WAVE_ORDER, waveReasonOf, type WaveReason } from '../normalize/computed/wave-reason.js';

export interface Wave {
  readonly index: number;
  readonly reason: WaveReason;
  readonly servers: readonly string[];
}

/** Waves over the servers that need an update (already sorted by name), in WAVE_ORDER; empty waves are left out. */
export function assignWaves(servers: readonly ServerFacts[]): Wave[] {
  const waves: Wave[] = [];
  for (const reason of WAVE_ORDER) {
    const members = servers.filter((s) => waveReasonOf(s) === reason).map((s) => s.name);
    if (members.length > 0) waves.push({ index: waves.length + 1, reason, servers: members });
  }
  return waves;
}
