import { describe, expect, it } from 'vitest';
import { parseConfig, type MaintenanceWindow } from '../ingest/read-config.js';
import { scheduleWindows, type SchedulableServer } from './schedule-windows.js';
import type { Wave } from './assign-waves.js';

function windows(yaml: string): readonly MaintenanceWindow[] {
  return parseConfig(yaml, 'change.yaml', '/').windows ?? [];
}

const TWO = windows(['windows:', '  - start: 2026-12-05T22:00+09:00', '    end: 2026-12-06T02:00+09:00', '  - start: 2026-12-12T22:00+09:00', '    end: 2026-12-13T04:00+09:00', ''].join('\n'));

function server(name: string, wave: number | null, window: number, options: { blockers?: number; override?: string } = {}): SchedulableServer {
  return { name, wave, minutes: { prepare: 100, window: window - 10, verify: 10, rollback: 300 }, blockers: options.blockers ?? 0, windowOverride: options.override ?? null };
}

function wavesOf(servers: SchedulableServer[]): Wave[] {
  const indexes = [...new Set(servers.map((s) => s.wave).filter((w): w is number => w !== null))].sort();
  return indexes.map((index) => ({ index, servers: servers.filter((s) => s.wave === index).map((s) => s.name), reason: 'other-roles' }));
}

const fleet = [server('CAS1', 1, 120), server('HUB1', 2, 60), server('MBX1', 2, 90), server('MBX2', null, 0)];

describe('scheduleWindows', () => {
  it('puts waves into windows in order, servers of a wave one after another with one operator', () => {
    const { schedule, diagnostics } = scheduleWindows(TWO, wavesOf(fleet), fleet, 1, 'change.yaml');
    expect(diagnostics).toEqual([]);
    expect(schedule.windows.map((w) => [w.index, w.waves, w.servers.map((s) => `${s.name} ${s.start}–${s.end} op${s.operator}`)])).toEqual([
      [1, [1], ['CAS1 2026-12-05T22:00+09:00–2026-12-06T00:00+09:00 op1']],
      [2, [2], ['HUB1 2026-12-12T22:00+09:00–2026-12-12T23:00+09:00 op1', 'MBX1 2026-12-12T23:00+09:00–2026-12-13T00:30+09:00 op1']],
    ]);
    expect(schedule.windows[1]?.estimatedEnd).toBe('2026-12-13T00:30+09:00');
  });

  it('works servers of a wave in parallel up to the number of operators', () => {
    const { schedule } = scheduleWindows(TWO, wavesOf(fleet), fleet, 2, 'change.yaml');
    expect(schedule.windows[1]?.servers.map((s) => [s.name, s.start.slice(11, 16), s.end.slice(11, 16), s.operator])).toEqual([
      ['HUB1', '22:00', '23:00', 1],
      ['MBX1', '22:00', '23:30', 2],
    ]);
  });

  it('runs the waves a window names, one after the other, and leaves the remaining waves to the other windows', () => {
    const named = windows(['windows:', '  - start: 2026-12-05T22:00Z', '    end: 2026-12-06T04:00Z', '    waves: [1, 2]', '  - start: 2026-12-12T22:00Z', '    end: 2026-12-13T04:00Z', ''].join('\n'));
    const three = [...fleet, server('EDGE1', 3, 30)];
    const { schedule } = scheduleWindows(named, wavesOf(three), three, 3, 'change.yaml');
    expect(schedule.windows.map((w) => [w.waves, w.servers.map((s) => `${s.name}@${s.start.slice(11)}`)])).toEqual([
      [[1, 2], ['CAS1@22:00+00:00', 'HUB1@00:00+00:00', 'MBX1@00:00+00:00']],
      [[3], ['EDGE1@22:00+00:00']],
    ]);
  });

  it('warns naming the wave and the overrun when a wave does not fit its window', () => {
    const long = [server('CAS1', 1, 300), server('HUB1', 2, 60)];
    const { schedule, diagnostics } = scheduleWindows(TWO, wavesOf(long), long, 1, 'change.yaml');
    expect(schedule.windows[0]?.overrunMinutes).toBe(60);
    expect(diagnostics).toEqual([{ severity: 'warning', code: 'window-overrun', file: 'change.yaml', line: 2, data: { wave: 1, window: 1, end: '2026-12-06T03:00+09:00', windowEnd: '2026-12-06T02:00+09:00', overrun: 60 } }]);
  });

  it('moves a server to the window its config names by number, and leaves one with a free-text window out', () => {
    const moved = [server('CAS1', 1, 120), server('HUB1', 2, 60, { override: '1' }), server('MBX1', 2, 90, { override: 'Sunday 03:00 JST' })];
    const { schedule } = scheduleWindows(TWO, wavesOf(moved), moved, 1, 'change.yaml');
    expect(schedule.windows[0]?.servers.map((s) => [s.name, s.start.slice(11, 16), s.moved])).toEqual([['CAS1', '22:00', false], ['HUB1', '00:00', true]]);
    expect(schedule.windows[1]?.servers).toEqual([]);
    expect(schedule.unscheduled).toEqual([{ name: 'MBX1', wave: 2, reason: 'own-window' }]);
  });

  it('says which wave has no window when there are more waves than windows', () => {
    const one = windows(['windows:', '  - start: 2026-12-05T22:00-05:00', '    end: 2026-12-06T02:00-05:00', ''].join('\n'));
    const { schedule, diagnostics } = scheduleWindows(one, wavesOf(fleet), fleet, 1, 'change.yaml');
    expect(schedule.unscheduled).toEqual([{ name: 'HUB1', wave: 2, reason: 'no-window' }, { name: 'MBX1', wave: 2, reason: 'no-window' }]);
    expect(diagnostics.map((d) => [d.code, d.data])).toEqual([['wave-without-window', { wave: 2, windows: 1 }]]);
    // The offset is kept as given: no conversion to this machine's zone.
    expect(schedule.windows[0]?.servers[0]?.end).toBe('2026-12-06T00:00-05:00');
  });

  it('warns about a window naming a wave the plan does not have', () => {
    const named = windows(['windows:', '  - start: 2026-12-05T22:00+09:00', '    end: 2026-12-06T02:00+09:00', '    waves: [7]', ''].join('\n'));
    const { diagnostics } = scheduleWindows(named, wavesOf(fleet), fleet, 1, 'change.yaml');
    expect(diagnostics.map((d) => d.code)).toEqual(['window-unknown-wave', 'wave-without-window', 'wave-without-window']);
  });

  it('gives each server the operator free first, the lowest number on a tie', () => {
    const wave = [60, 30, 90, 20, 40, 10].map((minutes, i) => server(`S${i + 1}`, 1, minutes));
    const { schedule } = scheduleWindows(TWO, wavesOf(wave), wave, 2, 'change.yaml');
    expect(schedule.windows[0]?.servers.map((s) => [s.name, s.offsetStart, s.offsetEnd, s.operator])).toEqual([
      ['S1', 0, 60, 1],
      ['S2', 0, 30, 2],
      ['S3', 30, 120, 2],
      ['S4', 60, 80, 1],
      ['S5', 80, 120, 1],
      ['S6', 120, 130, 1],
    ]);
    expect(schedule.windows[0]?.estimatedEnd).toBe('2026-12-06T00:10+09:00');
  });

  it('takes any number of operators: more operators than servers start every server at once', () => {
    const wave = [server('S1', 1, 60), server('S2', 1, 90)];
    const { schedule } = scheduleWindows(TWO, wavesOf(wave), wave, 1_000_000, 'change.yaml');
    expect(schedule.windows[0]?.servers.map((s) => [s.name, s.offsetStart, s.operator])).toEqual([['S1', 0, 1], ['S2', 0, 2]]);
    expect(schedule.windows[0]?.estimatedEnd).toBe('2026-12-05T23:30+09:00');
  });
});
