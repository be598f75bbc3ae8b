import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../ingest/read-config.js';
import { scheduleWindows, type SchedulableServer } from '../../plan/schedule-windows.js';
import { RULES } from '../../rules/index.js';
import type { RenderContext } from '../render-context.js';
import { barLabel, buildTimelineView } from './timeline-view.js';

const context: RenderContext = { lang: 'en', rules: new Map(RULES.map((r) => [r.meta.id, r])), tool: { name: 'exrunbook', version: '0.0.0' }, catalogSha256: '0', generatedOn: '2026-11-25', ticket: '', window: '' };
const windows = parseConfig(['windows:', '  - start: 2026-12-05T22:00+09:00', '    end: 2026-12-06T02:00+09:00', ''].join('\n'), 'c.yaml', '/').windows ?? [];

describe('barLabel', () => {
  it.each([
    ['EXCAS01', 'EXCAS01'],
    // A NetBIOS name (15 characters at most) is never shortened.
    ['EXMBX01TOKYO01X', 'EXMBX01TOKYO01X'],
    ['EXMBX01-TOKYO-0001', 'EXMBX01-TOKYO-0…'],
    ['exmbx01.tokyo.contoso.co.jp', 'exmbx01.tokyo.c…'],
    ['東京メールボックスサーバー01', '東京メールボッ…'],
    ['東京EX01', '東京EX01'],
  ])('%j → %j', (name, label) => {
    expect(barLabel(name)).toBe(label);
  });
});

describe('buildTimelineView', () => {
  it('draws each server with a label that fits left of its bar', () => {
    const servers: SchedulableServer[] = ['EXCAS01', 'exmbx01.tokyo.contoso.co.jp'].map((name) => ({ name, wave: 1, minutes: { prepare: 0, window: 50, verify: 10, rollback: 0 }, blockers: 0, windowOverride: null }));
    const schedule = scheduleWindows(windows, [{ index: 1, servers: servers.map((s) => s.name), reason: 'other-roles' }], servers, 1, 'c.yaml').schedule;
    const view = buildTimelineView(context, schedule);
    expect(view?.lanes[0]?.bars.map((b) => [b.label, b.name])).toEqual([
      ['EXCAS01', 'EXCAS01'],
      ['exmbx01.tokyo.c…', 'exmbx01.tokyo.contoso.co.jp'],
    ]);
    expect(view?.lanes[0]?.title).toBe('Window 1: 2026-12-05 22:00–02:00 (UTC+09:00) · wave 1');
  });
});
