import { formatMinutes } from '../../i18n/format-duration.js';
import type { Schedule, ScheduledWindow } from '../../plan/schedule-windows.js';
import { t, type RenderContext } from '../render-context.js';

/**
 * The schedule as an inline SVG timeline (issue 15), precomputed here so the template only prints
 * numbers and escaped text: one lane per window, one bar per server on the window's time axis (the
 * same minutes-per-unit in every lane, so lengths compare), hour ticks in the window's own offset.
 * Black and white: bars are outlined, a server with blockers is hatched and marked "!", the window's
 * end is a heavy line and what runs past it is labelled with the overrun.
 */
const WIDTH = 600;
const LABEL = 100;
const RIGHT = 64;
const ROW = 15;
const BAR = 11;
const HEAD = 20;
const AXIS = 14;
const GAP = 12;
/** Half-width characters that fit left of the bars at the label size; a wide (CJK) character counts two. */
const LABEL_CHARS = 16;
/** Rows per lane before the rest are counted, not drawn: the picture must fit a printed page. */
export const MAX_ROWS_PER_LANE = 24;

export interface TimelineView {
  readonly width: number;
  readonly height: number;
  readonly label: string;
  readonly lanes: readonly {
    readonly y: number;
    readonly title: string;
    readonly frame: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
    readonly endX: number;
    readonly overrun: string;
    readonly overrunX: number;
    readonly overrunY: number;
    readonly ticks: readonly { readonly x: number; readonly y1: number; readonly y2: number; readonly labelY: number; readonly label: string }[];
    readonly bars: readonly { readonly name: string; readonly label: string; readonly labelX: number; readonly labelY: number; readonly x: number; readonly y: number; readonly width: number; readonly blocked: boolean; readonly markX: number; readonly time: string }[];
    readonly more: string;
    readonly moreY: number;
  }[];
}

export function buildTimelineView(context: RenderContext, schedule: Schedule): TimelineView | null {
  if (schedule.windows.length === 0) return null;
  const span = Math.max(...schedule.windows.map((w) => Math.max(w.lengthMinutes, ...w.servers.map((s) => s.offsetEnd))), 60);
  const scale = (WIDTH - LABEL - RIGHT) / span;
  const x = (minutes: number): number => round(LABEL + minutes * scale);
  let y = 0;
  const lanes = schedule.windows.map((window) => {
    const top = y;
    const drawn = window.servers.slice(0, MAX_ROWS_PER_LANE);
    const rows = Math.max(drawn.length, 1);
    const frameY = top + HEAD;
    const frameHeight = rows * ROW + 4;
    const ticks = [];
    const startMinute = Number(window.start.slice(14, 16));
    for (let m = startMinute === 0 ? 0 : 60 - startMinute; m <= Math.max(window.lengthMinutes, ...window.servers.map((s) => s.offsetEnd)); m += 60) {
      const clock = (Number(window.start.slice(11, 13)) + Math.round((m + startMinute) / 60)) % 24;
      ticks.push({ x: x(m), y1: frameY, y2: frameY + frameHeight, labelY: frameY + frameHeight + 10, label: `${String(clock).padStart(2, '0')}:00` });
    }
    const bars = drawn.map((server, i) => {
      const barY = frameY + 2 + i * ROW + (ROW - BAR) / 2;
      return {
        name: server.name,
        label: barLabel(server.name),
        labelX: LABEL - 4,
        labelY: round(barY + BAR - 2),
        x: x(server.offsetStart),
        y: round(barY),
        width: Math.max(round(server.minutes * scale), 1),
        blocked: server.blockers > 0,
        markX: x(server.offsetEnd) + 3,
        time: `${server.start.slice(11, 16)}–${server.end.slice(11, 16)}`,
      };
    });
    y = frameY + frameHeight + AXIS + (window.servers.length > drawn.length ? ROW : 0) + GAP;
    return {
      y: top + 13,
      title: t(context, 'timeline.lane', { window: window.index, start: window.start.slice(0, 16).replace('T', ' '), end: window.end.slice(11, 16), offset: window.start.slice(16), waves: windowWaves(window) }),
      frame: { x: LABEL, y: frameY, width: round(window.lengthMinutes * scale), height: frameHeight },
      endX: x(window.lengthMinutes),
      overrun: window.overrunMinutes > 0 ? t(context, 'timeline.overrun', { overrun: formatMinutes(window.overrunMinutes, context.lang) }) : '',
      overrunX: WIDTH - 2,
      overrunY: frameY + 10,
      ticks,
      bars,
      more: window.servers.length > drawn.length ? t(context, 'timeline.more', { count: window.servers.length - drawn.length }) : '',
      moreY: frameY + frameHeight + AXIS + 10,
    };
  });
  return { width: WIDTH, height: Math.max(y, 1), label: t(context, 'timeline.label'), lanes };
}

/**
 * The waves whose servers run in a window, for its labels (timeline lane, ticket, calendar): a server
 * the config moved into a window (`servers: NAME: window: 3`) brings its wave with it, so a window
 * given no wave but holding that server does not read "wave —". A window that holds no server shows
 * the waves it was given.
 */
export function windowWaves(window: ScheduledWindow): string {
  const waves = window.servers.length > 0 ? [...new Set(window.servers.map((s) => s.wave))].sort((a, b) => a - b) : window.waves;
  return waves.length === 0 ? '—' : waves.join(', ');
}

/**
 * A server name that fits left of its bar: a longer one keeps its start (what tells servers apart)
 * and ends in "…", instead of running off the picture's left edge. The whole name is the label's
 * SVG title, and the table under the timeline prints it.
 */
export function barLabel(name: string): string {
  const chars = Array.from(name);
  const width = (char: string): number => (WIDE.test(char) ? 2 : 1);
  if (chars.reduce((sum, char) => sum + width(char), 0) <= LABEL_CHARS) return name;
  let used = 1; // the ellipsis
  let out = '';
  for (const char of chars) {
    used += width(char);
    if (used > LABEL_CHARS) break;
    out += char;
  }
  return `${out}…`;
}

/** East Asian wide and fullwidth characters (Hangul, CJK, kana, fullwidth forms). */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
