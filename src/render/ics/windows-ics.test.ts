import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../ingest/read-config.js';
import { scheduleWindows, type SchedulableServer } from '../../plan/schedule-windows.js';
import { RULES } from '../../rules/index.js';
import type { RenderContext } from '../render-context.js';
import { escapeText, foldLine, renderWindowsIcs } from './windows-ics.js';

const context = (lang: 'en' | 'ja', ticket = 'CHG-42'): RenderContext => ({ lang, rules: new Map(RULES.map((r) => [r.meta.id, r])), tool: { name: 'exrunbook', version: '0.0.0' }, catalogSha256: '0', generatedOn: '2026-11-25', ticket, window: '' });
const windows =
  parseConfig(['windows:', '  - start: 2026-12-05T22:00+09:00', '    end: 2026-12-06T02:00+09:00', '  - start: 2026-12-12T22:00-05:00', '    end: 2026-12-13T04:00-05:00', ''].join('\n'), 'c.yaml', '/').windows ?? [];
const HOSTILE = 'EX,CAS;01\\x\nBEGIN:VEVENT';

function schedule(names: string[]) {
  const servers: SchedulableServer[] = names.map((name, i) => ({ name, wave: i === 0 ? 1 : 2, minutes: { prepare: 0, window: 50, verify: 10, rollback: 0 }, blockers: 0, windowOverride: null }));
  const waves = [1, 2].map((index) => ({ index, servers: servers.filter((s) => s.wave === index).map((s) => s.name), reason: 'other-roles' as const }));
  return scheduleWindows(windows, waves, servers, 1, 'c.yaml').schedule;
}

describe('renderWindowsIcs', () => {
  it.each(['en', 'ja'] as const)('is RFC 5545 that ical.js reads back (%s): one event per window, UTC times, CRLF, folded lines', (lang) => {
    const text = renderWindowsIcs(context(lang), schedule(['EXCAS01', HOSTILE, 'EXMBX01日本語サーバー名がとても長い場合でも正しく折り返されること']));
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
    const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    expect(events.map((e) => [e.startDate.toString(), e.endDate.toString()])).toEqual([
      ['2026-12-05T13:00:00Z', '2026-12-05T17:00:00Z'],
      ['2026-12-13T03:00:00Z', '2026-12-13T09:00:00Z'],
    ]);
    // The hostile name comes back as the same text inside the description, not as a new property or event.
    expect(events[1]?.description).toContain(HOSTILE);
    expect(events).toHaveLength(2);
    expect(calendar.getAllSubcomponents('vevent')[0]?.getFirstPropertyValue('dtstamp')?.toString()).toBe('2026-11-25T00:00:00Z');
  });

  it('names, in each event, the waves of the servers it holds, a server moved there by the config included', () => {
    const servers: SchedulableServer[] = [
      { name: 'EXCAS01', wave: 1, minutes: { prepare: 0, window: 50, verify: 10, rollback: 0 }, blockers: 0, windowOverride: null },
      { name: 'EXMBX01', wave: 1, minutes: { prepare: 0, window: 50, verify: 10, rollback: 0 }, blockers: 0, windowOverride: '2' },
    ];
    const moved = scheduleWindows(windows, [{ index: 1, servers: ['EXCAS01', 'EXMBX01'], reason: 'other-roles' }], servers, 1, 'c.yaml').schedule;
    const summaries = [...renderWindowsIcs(context('en'), moved).matchAll(/^SUMMARY:(.+)$/gm)].map((m) => m[1]);
    expect(summaries).toEqual(['Exchange 2007 update: window 1\\, wave 1 (CHG-42)', 'Exchange 2007 update: window 2\\, wave 1 (CHG-42)']);
  });

  it('gives each window a UID that is stable across runs and distinct per window', () => {
    const uids = (text: string) => [...text.matchAll(/^UID:(.+)$/gm)].map((m) => m[1]);
    const a = uids(renderWindowsIcs(context('en'), schedule(['A', 'B'])));
    expect(a).toEqual(uids(renderWindowsIcs(context('ja'), schedule(['A', 'B', 'C']))));
    expect(new Set(a).size).toBe(2);
    expect(uids(renderWindowsIcs(context('en', 'CHG-43'), schedule(['A', 'B'])))).not.toEqual(a);
  });

  it.each([
    ['a,b;c\\d', 'a\\,b\\;c\\\\d'],
    ['line 1\r\nline 2\nline 3', 'line 1\\nline 2\\nline 3'],
    ['bell\u0007', 'bell'],
  ])('escapes %j as TEXT', (input, output) => {
    expect(escapeText(input)).toBe(output);
  });

  it('folds at 75 octets without splitting a UTF-8 character', () => {
    const folded = foldLine(`SUMMARY:${'あ'.repeat(40)}`);
    const lines = folded.split('\r\n');
    expect(lines.map((l) => Buffer.byteLength(l, 'utf8') <= 75)).toEqual(lines.map(() => true));
    expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(lines.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(`SUMMARY:${'あ'.repeat(40)}`);
  });
});
