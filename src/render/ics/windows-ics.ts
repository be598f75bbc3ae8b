import { createHash } from 'node:crypto';
import { parseOffsetDateTime } from '../../ingest/read-config.js';
import type { Schedule } from '../../plan/schedule-windows.js';
import { windowWaves } from '../html/timeline-view.js';
import { t, type RenderContext } from '../render-context.js';

/**
 * windows.ics (RFC 5545): one VEVENT per maintenance window, listing its servers with their estimated
 * times, for the team's calendars. Deterministic: the UID is a hash of the ticket and the window's
 * times, DTSTAMP is the run's injected generation date, times are written in UTC (the instant the
 * analyst gave with its offset), so no VTIMEZONE and no local clock are involved.
 */
export function renderWindowsIcs(context: RenderContext, schedule: Schedule): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:-//${context.tool.name}//${context.tool.name} ${context.tool.version}//EN`, 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  const stamp = `${context.generatedOn.replaceAll('-', '')}T000000Z`;
  for (const window of schedule.windows) {
    const servers = window.servers.map((s) => `${s.name} (${t(context, 'wave.label', { index: s.wave })}) ${s.start.slice(11, 16)}–${s.end.slice(11, 16)}`);
    const summary = t(context, 'ics.summary', { window: window.index, waves: windowWaves(window), ticket: context.ticket || '—' });
    const description = [t(context, 'ics.description', { count: window.servers.length, end: window.estimatedEnd }), ...servers].join('\n');
    const uid = createHash('sha256').update(`${context.ticket}\n${window.start}\n${window.end}\n${window.index}`).digest('hex').slice(0, 32);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${uid}@${context.tool.name}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${utc(window.start)}`,
      `DTEND:${utc(window.end)}`,
      `SUMMARY:${escapeText(summary)}`,
      `DESCRIPTION:${escapeText(description)}`,
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** `2026-12-05T22:00+09:00` → `20261205T130000Z`. */
function utc(text: string): string {
  const parsed = parseOffsetDateTime(text);
  if (!parsed) throw new Error(`not an offset date-time: ${text}`);
  return new Date(parsed.epochMinutes * 60000).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** RFC 5545 3.3.11 TEXT: backslash, semicolon and comma escaped, line breaks as \n; other control characters dropped. */
export function escapeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n')
    .replace(/[\p{Cc}]/gu, '');
}

/** RFC 5545 3.1: lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    // The first line holds 75 octets; each continuation line 74 after its leading space.
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
