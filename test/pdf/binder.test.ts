import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { linuxPopplerTestsRun } from './browser-tests-run.js';

/*
 * --binder and incremental PDF builds through the CLI, with the browser on this machine, checked
 * with poppler (pdfinfo, pdftotext, and pdftohtml -xml for the bookmarks). The builds run in order
 * into one --out folder, each test starting from the folder the previous one left. Like the other
 * browser tests these fail (never skip) in CI.
 */
// Linux only: reads the PDFs back with poppler (see linuxPopplerTestsRun).
const run = linuxPopplerTestsRun();

const work = mkdtempSync(join(tmpdir(), 'exrunbook-binder-'));
const inventory = join(work, 'inventory');
const out = join(work, 'out');
const hits: string[] = [];
let trap: Server | undefined;
let trapUrl = '';

beforeAll(async () => {
  cpSync('fixtures/sample-fleet', inventory, { recursive: true });
  // Where a hostile inventory value points: any request reaching it would have left the page.
  trap = createServer((request, response) => {
    hits.push(request.url ?? '');
    response.end('x');
  });
  await new Promise<void>((resolve) => trap?.listen(0, '127.0.0.1', resolve));
  trapUrl = `http://127.0.0.1:${String((trap.address() as AddressInfo).port)}`;
});
afterAll(async () => {
  await new Promise((resolve) => trap?.close(resolve));
  rmSync(work, { recursive: true, force: true });
});

interface BuildRun {
  code: number;
  stderr: string;
  /** What the progress lines say was printed: server names, or index.pdf. */
  printed: string[];
  reused: number;
  binderReused: boolean;
}

async function build(...extra: string[]): Promise<BuildRun> {
  let stderr = '';
  const code = await main(['build', inventory, '--out', out, '--binder', '--date', '2026-11-25', '--ticket', 'CHG-1042', ...extra], {
    stdout: { write: () => true },
    stderr: { write: (text: string) => (stderr += text) },
    env: process.env,
    cwd: process.cwd(),
  });
  const summary = /^pdf: printed (\d+), reused (\d+) /m.exec(stderr) ?? /^pdf: (\d+) 件を印刷、(\d+) 件は/m.exec(stderr);
  const printed = [...stderr.matchAll(/^pdf \d+\/\d+ (.+)$/gm)].map((match) => match[1] ?? '').sort();
  expect(Number(summary?.[1]), stderr).toBe(printed.length);
  return { code, stderr, printed, reused: Number(summary?.[2]), binderReused: /^pdf: binder\.pdf reused/m.test(stderr) };
}

const pdfPageCount = (file: string): number => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
const pdfPages = (file: string): string[] => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }).split('\f').slice(0, -1);
const sums = (): string => readFileSync(join(out, 'SHA256SUMS'), 'utf8');

interface Bookmark {
  title: string;
  page: number;
  children: Bookmark[];
}

/** The outline as poppler reads it: `pdftohtml -xml` writes nested <outline> lists of <item page="n">. */
function bookmarks(file: string): Bookmark[] {
  const xml = execFileSync('pdftohtml', ['-xml', '-i', '-q', '-stdout', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const root: Bookmark[] = [];
  const stack: Bookmark[][] = [];
  let level = root;
  for (const token of xml.slice(xml.indexOf('<outline>')).matchAll(/<outline>|<\/outline>|<item page="(\d+)">([^<]*)<\/item>/g)) {
    if (token[0] === '<outline>') {
      if (stack.length > 0) level = level[level.length - 1]?.children ?? level;
      stack.push(level);
    } else if (token[0] === '</outline>') {
      stack.pop();
      level = stack[stack.length - 1] ?? root;
    } else {
      const title = (token[2] ?? '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
      level.push({ title, page: Number(token[1]), children: [] });
    }
  }
  return root;
}

interface PlanJson {
  tool: { version: string };
  catalog: { sha256: string };
  waves: { servers: string[] }[];
  servers: { name: string; wave: number | null }[];
}

describe.runIf(run)('--binder and incremental PDF builds', () => {
  let first = '';

  it('binds a cover, the fleet plan and every runbook in wave order, each section on a right-hand page', async () => {
    const result = await build('--window', '2026-12-05 22:00-06:00');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^pdf: printing with \S*Chrom\S*\/\d+\.\d+\S* \(.+, found via .+\)$/m);
    expect(result.stderr).not.toMatch(/warning/);
    expect(result.printed).toHaveLength(7);
    first = sums();
    expect(first).toContain('  binder.pdf\n');
    expect(first).not.toContain('.exrunbook');

    const plan = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')) as PlanJson;
    const order = [...plan.waves.flatMap((wave) => wave.servers), ...plan.servers.filter((server) => server.wave === null).map((server) => server.name)];
    expect(order).toEqual(['EXCAS01', 'EXCAS02', 'EXEDGE01', 'EXHUB01', 'EXMBX01', 'EXMBX02']);
    const sections = [
      { name: 'Fleet plan', header: 'exrunbook', pages: pdfPageCount(join(out, 'index.pdf')) },
      ...order.map((name) => ({ name, header: name, pages: pdfPageCount(join(out, 'servers', `${name}.pdf`)) })),
    ];

    const binder = join(out, 'binder.pdf');
    const outline = bookmarks(binder);
    expect(outline.map((b) => b.title)).toEqual(['Cover and contents', 'Fleet plan', 'Wave 1', 'Wave 2', 'Wave 3', 'Already at the target level']);
    const serverMarks = outline.slice(2).flatMap((group) => group.children);
    expect(serverMarks.map((b) => b.title)).toEqual(order);
    expect(outline.slice(2).map((group) => group.children.map((b) => b.title))).toEqual([...plan.waves.map((wave) => wave.servers), ['EXMBX02']]);
    // Each runbook's own headings hang under its server.
    for (const mark of serverMarks) expect(mark.children.map((b) => b.title)).toContain('Sign-off');

    // The cover fits one page for six servers; its blank back makes the front matter even, and
    // every section then starts on an odd physical page.
    const fleetStart = outline[1]?.page ?? 0;
    expect(fleetStart).toBe(3);
    let next = fleetStart;
    const starts = [fleetStart, ...serverMarks.map((b) => b.page)];
    sections.forEach((section, index) => {
      expect(starts[index], section.name).toBe(next);
      expect(next % 2, section.name).toBe(1);
      next += section.pages + (section.pages % 2);
    });
    const blanks = 1 + sections.filter((section) => section.pages % 2 === 1).length;
    expect(pdfPageCount(binder)).toBe(next - 1);
    expect(result.stderr).toContain(`pdf: binder.pdf, ${next - 1} pages (6 runbooks, ${blanks} blank backs)`);

    const pages = pdfPages(binder);
    expect(pages).toHaveLength(next - 1);
    const cover = pages[0] ?? '';
    expect(pages[1]).toContain('This page is intentionally left blank.');
    for (const text of ['Runbook binder', 'CHG-1042', '2026-12-05 22:00-06:00', '2026-11-25', `exrunbook ${plan.tool.version}`, '6 Exchange 2007 servers, 5 to update in 3 waves']) expect(cover).toContain(text);
    expect(cover.replace(/\s+/g, '')).toContain(plan.catalog.sha256);
    sections.forEach((section, index) => {
      const start = starts[index] ?? 0;
      const binderNumber = start - fleetStart + 1;
      // The contents on the cover give the binder page number where each section starts.
      expect(cover, section.name).toMatch(new RegExp(`${section.name}\\b.*–\\s*${binderNumber}\\s*–\\s+${section.pages}\\s*$`, 'm'));
      for (let page = 0; page < section.pages; page++) {
        const text = pages[start - 1 + page] ?? '';
        expect(text, `${section.name} p${page + 1}`).toContain(section.header);
        expect(text, `${section.name} p${page + 1}`).toContain('CHG-1042');
        expect(text.replace(/\s+/g, ''), `${section.name} p${page + 1}`).toContain(`Page${page + 1}of${section.pages}`);
        expect(text, `${section.name} p${page + 1}`).toMatch(new RegExp(`–\\s*${binderNumber + page}\\s*–`));
      }
      if (section.pages % 2 === 1) expect(pages[start - 1 + section.pages]).toContain('This page is intentionally left blank.');
    });
  }, 120_000);

  it('re-run with nothing changed prints nothing, reuses the binder and leaves SHA256SUMS as it was', async () => {
    const result = await build('--window', '2026-12-05 22:00-06:00');
    expect(result.code, result.stderr).toBe(0);
    expect(result.printed).toEqual([]);
    expect(result.reused).toBe(7);
    expect(result.binderReused).toBe(true);
    expect(sums()).toBe(first);
  }, 120_000);

  it('a PDF changed since it was written (annotated in a viewer) is not replaced; once moved away, it is printed again, to the same bytes as before', async () => {
    const file = join(out, 'servers', 'EXCAS02.pdf');
    const bytes = readFileSync(file);
    const middle = Math.floor(bytes.length / 2);
    bytes.writeUInt8((bytes.readUInt8(middle) + 1) % 256, middle);
    writeFileSync(file, bytes);
    let refusal = '';
    const refused = await main(['build', inventory, '--out', out, '--binder', '--date', '2026-11-25', '--ticket', 'CHG-1042'], {
      stdout: { write: () => true },
      stderr: { write: (text: string) => (refusal += text) },
      env: process.env,
      cwd: process.cwd(),
    });
    expect(refused, refusal).toBe(2);
    expect(refusal).toContain('"servers/EXCAS02.pdf", changed since exrunbook wrote it');
    expect(readFileSync(file).equals(bytes)).toBe(true);
    rmSync(file);
    const result = await build('--window', '2026-12-05 22:00-06:00');
    expect(result.code, result.stderr).toBe(0);
    expect(result.printed).toEqual(['EXCAS02']);
    expect(result.reused).toBe(6);
    // Chromium's output is normalised (dates, node ids): a re-print is byte-identical.
    expect(sums()).toBe(first);
  }, 120_000);

  it('after one server’s inventory changed, re-prints exactly that runbook and the fleet plan, and binds again', async () => {
    const crl = join(inventory, 'EXHUB01', 'CrlCheck.csv');
    writeFileSync(crl, readFileSync(crl, 'utf8').replace('"False","The operation has timed out"', '"True",""'));
    const result = await build('--window', '2026-12-05 22:00-06:00');
    expect(result.code, result.stderr).toBe(0);
    expect(result.printed).toEqual(['EXHUB01', 'index.pdf']);
    expect(result.reused).toBe(5);
    expect(result.binderReused).toBe(false);
    const changed = sums()
      .split('\n')
      .filter((line) => line !== '' && !first.includes(line))
      .map((line) => line.split('  ')[1]);
    expect(changed.sort()).toEqual(['binder.pdf', 'index.html', 'index.pdf', 'inputs.html', 'plan.json', 'servers/EXHUB01.html', 'servers/EXHUB01.pdf', 'ticket.html', 'ticket.md']);
  }, 120_000);

  it('prints a hostile inventory value as text: no request leaves the page, no warning', async () => {
    const os = join(inventory, 'EXHUB01', 'OperatingSystem.csv');
    const hostile = `<img src=${trapUrl}/os.png><link rel=stylesheet href=${trapUrl}/os.css>`;
    writeFileSync(os, readFileSync(os, 'utf8').replace('Enterprise x64 Edition', `Enterprise x64 Edition ${hostile}`));
    const result = await build('--window', '2026-12-05 22:00-06:00');
    expect(result.code, result.stderr).toBe(0);
    // The fleet plan shows no operating system: its printed HTML is unchanged, so its PDF is reused.
    expect(result.printed).toEqual(['EXHUB01']);
    expect(hits).toEqual([]);
    expect(result.stderr).not.toMatch(/warning/);
    expect(pdfPages(join(out, 'servers', 'EXHUB01.pdf')).join('').replace(/\s+/g, '')).toContain(hostile.replace(/\s+/g, ''));
  }, 120_000);

  it.each([
    ['another --ticket', ['--window', '2026-12-05 22:00-06:00', '--ticket', 'CHG-2001']],
    ['--no-cache', ['--window', '2026-12-05 22:00-06:00', '--ticket', 'CHG-2001', '--no-cache']],
  ])('%s re-prints every PDF', async (_name, extra) => {
    const result = await build(...extra);
    expect(result.code, result.stderr).toBe(0);
    expect(result.printed).toHaveLength(7);
    expect(result.reused).toBe(0);
    expect(result.binderReused).toBe(false);
  }, 120_000);

  it('--lang ja re-prints everything and binds a Japanese binder with every server bookmarked', async () => {
    const result = await build('--lang', 'ja');
    expect(result.code, result.stderr).toBe(0);
    expect(result.printed).toHaveLength(7);
    expect(result.stderr).toMatch(/^pdf: 7 件を印刷、0 件は/m);
    const binder = join(out, 'binder.pdf');
    const outline = bookmarks(binder);
    expect(outline[0]?.title).toBe('表紙と目次');
    expect(outline[1]?.title).toBe('サーバー群の計画');
    expect(outline.slice(2).map((group) => group.title)).toEqual(['ウェーブ 1', 'ウェーブ 2', 'ウェーブ 3', '更新不要 (目標レベル到達済み)']);
    const servers = outline.slice(2).flatMap((group) => group.children);
    expect(servers.map((b) => b.title)).toEqual(['EXCAS01', 'EXCAS02', 'EXEDGE01', 'EXHUB01', 'EXMBX01', 'EXMBX02']);
    for (const server of servers) expect(server.children.map((b) => b.title)).toContain('事前準備 (保守期間の前)');
    const pages = pdfPages(binder);
    expect(pages[0]).toContain('手順書バインダー');
    expect(pages[0]).toContain('目次');
    expect(pages.join('\n')).toContain('このページは意図的に白紙にしています。');
    expect(pages.join('\n')).toContain('更新プログラムのロールアップ');
    expect(readdirSync(join(out, 'servers')).filter((file) => file.endsWith('.pdf'))).toHaveLength(6);
  }, 120_000);
});
