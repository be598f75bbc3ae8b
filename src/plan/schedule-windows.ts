import type { Diagnostic } from '../ingest/diagnostic.js';
import type { MaintenanceWindow, OffsetDateTime } from '../ingest/read-config.js';
import type { Wave } from './assign-waves.js';
import { windowMinutes, type PhaseMinutes } from './step-durations.js';

/**
 * The maintenance windows' schedule (issue 15): which wave runs in which window, and when each server
 * is estimated to start and end inside it — pure and deterministic: times are computed in UTC minutes
 * and written back with the offset the analyst gave the window, never this machine's time zone.
 *
 * Waves go to the windows that name them, the others to the remaining windows in order, one wave per
 * window. Inside a window its waves run one after the other (a wave starts when the previous one is
 * done: CAS before the other roles); the servers of a wave in parallel, up to `operators` at a time,
 * each taken by the operator free first (a clustered mailbox server is one server: its nodes are
 * updated in sequence within its runbook). A server the config moves to another window (`window: N`)
 * runs there after that window's waves.
 */
export interface ScheduledServer {
  readonly name: string;
  readonly wave: number;
  /** Window and verification steps (step-durations). */
  readonly minutes: number;
  readonly start: string;
  readonly end: string;
  /** Minutes from the window's start, for drawing. */
  readonly offsetStart: number;
  readonly offsetEnd: number;
  /** Which operator (1-based) works on it. */
  readonly operator: number;
  readonly blockers: number;
  /** The config moved it here with `window: N`. */
  readonly moved: boolean;
}

export interface ScheduledWindow {
  readonly index: number;
  readonly line: number;
  readonly start: string;
  readonly end: string;
  readonly lengthMinutes: number;
  readonly waves: readonly number[];
  readonly servers: readonly ScheduledServer[];
  /** When the last server is estimated to finish (the window's start when it holds none). */
  readonly estimatedEnd: string;
  /** Minutes past the window's end; 0 when it fits. */
  readonly overrunMinutes: number;
}

export interface UnscheduledServer {
  readonly name: string;
  readonly wave: number;
  /** `no-window`: more waves than windows; `own-window`: the config gives it a window as free text. */
  readonly reason: 'no-window' | 'own-window';
}

export interface Schedule {
  readonly operators: number;
  readonly windows: readonly ScheduledWindow[];
  readonly unscheduled: readonly UnscheduledServer[];
}

export interface SchedulableServer {
  readonly name: string;
  readonly wave: number | null;
  readonly minutes: PhaseMinutes;
  readonly blockers: number;
  /** The config's per-server `window`: a window number, or free text. */
  readonly windowOverride: string | null;
}

export function scheduleWindows(
  windows: readonly MaintenanceWindow[],
  waves: readonly Wave[],
  servers: readonly SchedulableServer[],
  operators: number,
  configFile: string,
): { schedule: Schedule; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const wavesOf = new Map<number, number[]>(windows.map((w) => [w.index, [...(w.waves ?? [])]]));
  const named = new Set(windows.flatMap((w) => w.waves ?? []));
  const free = windows.filter((w) => w.waves === undefined);
  let next = 0;
  for (const wave of waves) {
    if (named.has(wave.index)) continue;
    const window = free[next++];
    if (window) wavesOf.get(window.index)?.push(wave.index);
  }
  const windowOfWave = new Map<number, number>();
  for (const [index, list] of wavesOf) for (const wave of list) windowOfWave.set(wave, index);
  for (const wave of named) {
    if (!waves.some((w) => w.index === wave)) {
      const window = windows.find((w) => w.waves?.includes(wave));
      diagnostics.push({ severity: 'warning', code: 'window-unknown-wave', file: configFile, ...(window ? { line: window.line } : {}), data: { wave, window: window?.index ?? 0, waves: waves.length } });
    }
  }

  const windowIndexes = new Set(windows.map((w) => w.index));
  const unscheduled: UnscheduledServer[] = [];
  const moved = new Map<number, SchedulableServer[]>();
  const inWave = new Map<number, SchedulableServer[]>();
  for (const server of servers) {
    if (server.wave === null) continue;
    const override = server.windowOverride;
    if (override !== null) {
      const index = /^\d+$/.test(override.trim()) ? Number(override.trim()) : null;
      if (index !== null && windowIndexes.has(index)) {
        pushTo(moved, index, server);
      } else {
        unscheduled.push({ name: server.name, wave: server.wave, reason: 'own-window' });
      }
      continue;
    }
    if (!windowOfWave.has(server.wave)) {
      unscheduled.push({ name: server.name, wave: server.wave, reason: 'no-window' });
      continue;
    }
    pushTo(inWave, server.wave, server);
  }
  for (const wave of waves) {
    if (!windowOfWave.has(wave.index) && wave.servers.length > 0) {
      diagnostics.push({ severity: 'warning', code: 'wave-without-window', file: configFile, data: { wave: wave.index, windows: windows.length } });
    }
  }

  const scheduled = windows.map((window): ScheduledWindow => {
    let clock = 0;
    const placed: ScheduledServer[] = [];
    const groups = [...(wavesOf.get(window.index) ?? []).map((wave) => ({ servers: inWave.get(wave) ?? [], moved: false })), { servers: moved.get(window.index) ?? [], moved: true }];
    const ends: { wave: number; end: number }[] = [];
    for (const group of groups) {
      if (group.servers.length === 0) continue;
      // Each operator is free from the end of the previous group; the next server goes to the one free first.
      const operatorsFree = new OperatorQueue(Math.min(operators, group.servers.length), clock);
      for (const server of group.servers) {
        const { operator, at: start } = operatorsFree.takeFirstFree();
        const minutes = windowMinutes(server.minutes);
        operatorsFree.freeAgain(operator, start + minutes);
        placed.push({
          name: server.name,
          wave: server.wave ?? 0,
          minutes,
          start: formatAt(window.start, start),
          end: formatAt(window.start, start + minutes),
          offsetStart: start,
          offsetEnd: start + minutes,
          operator: operator + 1,
          blockers: server.blockers,
          moved: group.moved,
        });
      }
      clock = operatorsFree.lastFree();
      if (!group.moved) ends.push({ wave: group.servers[0]?.wave ?? 0, end: clock });
    }
    const length = window.end.epochMinutes - window.start.epochMinutes;
    const overrun = Math.max(0, clock - length);
    if (overrun > 0) {
      // Name the first wave that ends past the window: the one to move or shorten.
      const wave = ends.find((e) => e.end > length)?.wave ?? placed.at(-1)?.wave ?? 0;
      diagnostics.push({ severity: 'warning', code: 'window-overrun', file: configFile, line: window.line, data: { wave, window: window.index, end: formatAt(window.start, clock), windowEnd: window.end.text, overrun } });
    }
    return {
      index: window.index,
      line: window.line,
      start: window.start.text,
      end: window.end.text,
      lengthMinutes: length,
      waves: wavesOf.get(window.index) ?? [],
      servers: placed,
      estimatedEnd: formatAt(window.start, clock),
      overrunMinutes: overrun,
    };
  });
  return { schedule: { operators, windows: scheduled, unscheduled }, diagnostics };
}

/**
 * The operators of one group by the minute each is free again, the first free (then the lowest number)
 * on top: a binary heap, so placing a wave costs n·log(operators), where a scan of every operator per
 * server made a large `operators` quadratic (and spreading it into Math.min overflowed the stack).
 */
class OperatorQueue {
  private readonly heap: { operator: number; at: number }[];
  private latest: number;

  constructor(count: number, at: number) {
    // Equal times, ascending operators: already a valid heap.
    this.heap = Array.from({ length: count }, (_, operator) => ({ operator, at }));
    this.latest = at;
  }

  takeFirstFree(): { readonly operator: number; readonly at: number } {
    const top = this.heap[0];
    const last = this.heap.pop();
    if (!top || !last) throw new Error('OperatorQueue: no operator');
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  freeAgain(operator: number, at: number): void {
    this.heap.push({ operator, at });
    this.latest = Math.max(this.latest, at);
    let i = this.heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** When the last operator is done. */
  lastFree(): number {
    return this.latest;
  }

  private siftDown(from: number): void {
    let i = from;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let first = i;
      if (left < this.heap.length && this.before(left, first)) first = left;
      if (right < this.heap.length && this.before(right, first)) first = right;
      if (first === i) return;
      this.swap(i, first);
      i = first;
    }
  }

  private before(a: number, b: number): boolean {
    const x = this.heap[a];
    const y = this.heap[b];
    if (!x || !y) return false;
    return x.at < y.at || (x.at === y.at && x.operator < y.operator);
  }

  private swap(a: number, b: number): void {
    const x = this.heap[a];
    const y = this.heap[b];
    if (!x || !y) return;
    this.heap[a] = y;
    this.heap[b] = x;
  }
}

/** Appends in place: copying the list per server made scheduling quadratic in the size of a wave. */
function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The time `minutes` after `origin`, written with origin's own UTC offset: `2026-12-06T01:35+09:00`. */
export function formatAt(origin: OffsetDateTime, minutes: number): string {
  const local = new Date((origin.epochMinutes + minutes + origin.offsetMinutes) * 60000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const zone = origin.text.slice(16);
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}${zone}`;
}
