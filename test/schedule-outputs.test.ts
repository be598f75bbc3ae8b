import ICAL from 'ical.js';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';

const work = mkdtempSync(join(tmpdir(), 'exrunbook-schedule-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

async function build(inventory: string, config: string, lang: 'en' | 'ja') {
  const file = join(work, `${lang}.yaml`);
  writeFileSync(file, config);
  const out = join(work, `out-${lang}`);
  let stderr = '';
  const code = await main(['build', inventory, '--config', file, '--out', out, '--lang', lang, '--date', '2026-11-25'], { stdout: { write: () => true }, stderr: { write: (t: string) => (stderr += t) }, env: {}, cwd: process.cwd() });
  return { code, stderr, out };
}

/** The markup-named fleet with an ExSetup version for every server, so each one is planned into a wave. */
function markupFleet(): string {
  const dir = join(work, 'markup-fleet');
  cpSync('fixtures/bad/server-name-markup', dir, { recursive: true });
  const names = ['<script>alert(1)</script>', 'EX""Q', 'EX&amp;R'];
  writeFileSync(join(dir, 'ExSetup.csv'), ['"PSComputerName","FileName","FileVersion"', ...names.map((n) => `"${n}","C:\\x\\ExSetup.exe","08.03.0245.002"`), ''].join('\r\n'));
  return dir;
}
const MARKUP = markupFleet();

const WINDOWS = ['ticket: "CHG-<b>7</b>, a;b"', 'windows:', '  - start: 2026-12-05T22:00+09:00', '    end: 2026-12-05T22:30+09:00', '  - start: 2026-12-12T22:00+09:00', '    end: 2026-12-13T06:00+09:00', ''].join('\n');

describe('build --config with windows, on a fleet whose server names are markup', () => {
  it.each(['en', 'ja'] as const)('draws the timeline with every name as text, no script, and warns about the overrun (%s)', async (lang) => {
    const { code, out } = await build(MARKUP, WINDOWS, lang);
    expect(code).toBe(0);
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    const svg = index.slice(index.indexOf('<svg'), index.indexOf('</svg>') + 6);
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).not.toMatch(/<script|<foreignObject|on[a-z]+=/i);
    expect(index).not.toContain('<script');
    // A wave that does not fit its half-hour window is named with its overrun, on the page and in plan.json.
    const plan = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')) as { diagnostics: { code: string; data?: unknown; message: string }[]; schedule: { windows: { overrunMinutes: number }[] } };
    const overrun = plan.diagnostics.find((d) => d.code === 'window-overrun');
    expect(overrun?.message).toMatch(lang === 'en' ? /^Wave 1 does not fit window 1: estimated to end .*, \d+ minutes after the window ends/ : /^ウェーブ 1 は保守期間 1 に収まりません/);
    expect(plan.schedule.windows[0]?.overrunMinutes).toBeGreaterThan(0);
    expect(svg).toMatch(lang === 'en' ? /\+\d+ h( \d+ min)? over|\+\d+ min over/ : /超過/);
  });

  it('writes windows.ics that ical.js reads, with the names and the ticket as text', async () => {
    const { out } = await build(MARKUP, WINDOWS, 'en');
    const text = readFileSync(join(out, 'windows.ics'), 'utf8');
    const events = new ICAL.Component(ICAL.parse(text) as unknown[]).getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    expect(events).toHaveLength(2);
    expect(events[0]?.summary).toContain('CHG-<b>7</b>, a;b');
    expect(events[1]?.description).toContain('<script>alert(1)</script>');
  });

  it('writes ticket.md and ticket.html in which no name is markup', async () => {
    const { out } = await build(MARKUP, WINDOWS, 'ja');
    const md = readFileSync(join(out, 'ticket.md'), 'utf8');
    expect(md).toContain('\\<script\\>alert\\(1\\)\\<\\/script\\>');
    const html = readFileSync(join(out, 'ticket.html'), 'utf8');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>7</b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
