import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serverFileName } from '../src/render/file-names.js';
import { CORPUS, E, IU_CATALOG_CASES, W, type Expectation } from './support/bad-corpus.js';
import { expectCase as harnessCase, expectNoCrash, run, STACK_TRACE, type JsonDiagnostic } from './support/hostile-harness.js';
import { treeEntries } from './support/tree-hash.js';

/**
 * The bad-input corpus (fixtures/bad/<case>/, each with a README.md saying what is wrong) and the cases
 * that cannot be committed (made here, in a temp folder). For every case: the exact diagnostic codes
 * with their severities, where the defining one points, the exit code of `check` and `build`, that a
 * failing build leaves no output folder, that the inputs are unchanged, and that nothing prints a stack
 * trace. A hang fails through vitest's timeout.
 */

const BAD = join(process.cwd(), 'fixtures', 'bad');
const work = mkdtempSync(join(tmpdir(), 'exrunbook-bad-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** A case whose inventory is given (a fixture, or a copy made here): its own folder is `<work>/<outName>`. */
async function expectCase(inventory: string, expected: Expectation, outName: string): Promise<{ diagnostics: readonly JsonDiagnostic[]; out: string }> {
  const dir = join(work, outName);
  mkdirSync(dir, { recursive: true });
  return harnessCase(dir, { inventory }, expected);
}

describe('the bad-input corpus (fixtures/bad)', () => {
  it('has a README.md for every case and a row here for every case', () => {
    const folders = readdirSync(BAD, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    const rows = [...CORPUS.map((c) => c.name), ...IU_CATALOG_CASES.map((c) => c.name)].sort();
    expect(folders).toEqual(rows);
    for (const name of folders) expect(readFileSync(join(BAD, name, 'README.md'), 'utf8').trim(), name).toMatch(/\S{3,}/);
    expect(folders.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CORPUS)('$name', async (c) => {
    await expectCase(join(BAD, c.name), c, c.name);
  });

  it.each(IU_CATALOG_CASES)('$name: check and build refuse with the file, line and fix, writing nothing', async ({ name, at }) => {
    const inventory = join(BAD, name, 'inventory');
    const catalogue = join(BAD, name, 'iu-catalog.csv');
    const before = treeEntries(join(BAD, name));
    const out = join(work, name);
    const checked = await run(['check', inventory, '--iu-catalog', catalogue]);
    const built = await run(['build', inventory, '--iu-catalog', catalogue, '--out', out]);
    for (const r of [checked, built]) {
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('interim-update catalogue');
      expect(r.stderr).toContain(`${join(BAD, name, at.split(':')[0] ?? '')}${at.includes(':') ? `:${at.split(':')[1] ?? ''}` : ')'}`);
      expect(r.stderr).toMatch(/fix: .*KB,FixedIn/);
    }
    expect(existsSync(out)).toBe(false);
    expectNoCrash(checked, built);
    expect(treeEntries(join(BAD, name))).toEqual(before);
  });
});

describe('names from the inventory never become markup or paths', () => {
  const unsafe = ['server-name-path-traversal', 'server-name-markup', 'server-name-control-chars', 'server-name-reserved', 'server-name-too-long'];

  it.each(unsafe)('%s: runbook file names are safe, inside servers/, and every page escapes the names', async (name) => {
    const expected = CORPUS.find((c) => c.name === name);
    if (!expected) throw new Error(`no row for ${name}`);
    const { out } = await expectCase(join(BAD, name), expected, `${name}-names`);
    const plan = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')) as { servers: { name: string }[] };
    const runbooks = readdirSync(join(out, 'servers'));
    expect(runbooks).toHaveLength(plan.servers.length);
    for (const server of plan.servers) {
      const file = `${serverFileName(server.name)}.html`;
      expect(runbooks).toContain(file);
      expect(file).toMatch(/^[A-Za-z0-9._-]{1,80}\.html$/);
      expect(file.split('.')[0]).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)$/i);
    }
    for (const page of ['index.html', ...runbooks.map((r) => `servers/${r}`)]) {
      const html = readFileSync(join(out, page), 'utf8');
      expect(html).not.toContain('<script');
      expect(html).not.toContain('EX"Q');
      for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^(servers\/[A-Za-z0-9._-]+\.html|\.\.\/index\.html|[A-Za-z0-9._-]+\.html)$/);
    }
  });

  it('keeps the names as written in plan.json, and shows markup as text in the HTML', async () => {
    const out = join(work, 'markup-text');
    expect((await run(['build', join(BAD, 'server-name-markup'), '--out', out, '--date', '2026-01-01'])).code).toBe(0);
    const plan = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')) as { servers: { name: string }[] };
    expect(plan.servers.map((s) => s.name)).toEqual(expect.arrayContaining(['<script>alert(1)</script>', 'EX"Q', 'EX&amp;R']));
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    expect(index).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(index).toContain('EX&amp;amp;R');
  });

  it('check shows control characters of a name as \\u escapes, never raw', async () => {
    const r = await run(['check', join(BAD, 'server-name-control-chars')]);
    expect(r.stdout).toContain('EX\\u0007BELL');
    expect(r.stdout).toContain('EX\\u202eLIVE');
    // eslint-disable-next-line no-control-regex
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
  });
});

/** A copy of fixtures/bad/baseline (without its README) to break at run time. */
function baseline(name: string): string {
  const dir = join(work, 'inventories', name);
  cpSync(join(BAD, 'baseline'), dir, { recursive: true, filter: (source) => !source.endsWith('README.md') });
  return dir;
}

const isRoot = process.getuid?.() === 0;
const csvFile = (...lines: string[]): string => lines.map((l) => `${l}\r\n`).join('');
const MEGABYTE = 1024 * 1024;

describe('cases made at run time', () => {
  it('an inventory folder that does not exist: exit 2 with the fix, nothing written', async () => {
    const out = join(work, 'missing-out');
    for (const args of [['check'], ['build', '--out', out]]) {
      const r = await run([...args, join(work, 'no-such-folder')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('does not exist');
      expect(r.stderr).toContain('fix:');
      expectNoCrash(r);
    }
    expect(existsSync(out)).toBe(false);
  });

  it('an inventory path that is a file: exit 2 with the fix', async () => {
    const file = join(baseline('path-is-file'), 'ExchangeServer.csv');
    const r = await run(['check', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a file, not a folder');
    expectNoCrash(r);
  });

  it('an empty folder: errors inventory-empty and no-exchange-servers', async () => {
    const dir = join(work, 'inventories', 'empty-folder');
    mkdirSync(dir, { recursive: true });
    await expectCase(dir, { codes: { 'inventory-empty': E, 'no-exchange-servers': E }, at: '.', exit: 2 }, 'empty-folder');
  });

  it('a symbolic link back into the inventory: warning symlink-loop, no hang', async () => {
    const dir = baseline('symlink-loop');
    symlinkSync('..', join(dir, 'EXCAS01', 'loop'));
    await expectCase(dir, { codes: { 'symlink-loop': W }, at: 'EXCAS01/loop', exit: 0 }, 'symlink-loop');
  });

  it('a symbolic link to a folder outside the inventory (..): warning link-outside-inventory, not followed', async () => {
    const dir = baseline('symlink-out');
    symlinkSync('..', join(dir, 'up'));
    await expectCase(dir, { codes: { 'link-outside-inventory': W }, at: 'up', exit: 0 }, 'symlink-out');
  });

  it('a link to nothing: warning broken-link', async () => {
    const dir = baseline('broken-link');
    symlinkSync('nowhere.csv', join(dir, 'EXCAS01', 'OperatingSystem.csv'));
    await expectCase(dir, { codes: { 'broken-link': W }, at: 'EXCAS01/OperatingSystem.csv', exit: 0 }, 'broken-link');
  });

  it.skipIf(process.platform === 'win32')('a named pipe: warning not-a-regular-file, never opened (opening would block)', async () => {
    const dir = baseline('fifo');
    expect(spawnSync('mkfifo', [join(dir, 'EXCAS01', 'pipe.csv')]).status).toBe(0);
    await expectCase(dir, { codes: { 'not-a-regular-file': W }, at: 'EXCAS01/pipe.csv', exit: 0 }, 'fifo');
  });

  // chmod 000 does not stop root (CI containers often run as root): there the file is read like any
  // other, and the unreadable path is covered with an injected EACCES (bad-inputs-unreadable.test.ts).
  it.skipIf(process.platform === 'win32')(`an unreadable file (chmod 000): ${isRoot ? 'read anyway, as root' : 'error file-unreadable'}`, async () => {
    const dir = baseline('unreadable-file');
    const file = join(dir, 'EXCAS01', 'OperatingSystem.csv');
    writeFileSync(file, csvFile('"CSName","Caption","Version","CSDVersion"', '"EXCAS01","Microsoft Windows Server 2008 R2 Enterprise","6.1.7601","Service Pack 1"'));
    chmodSync(file, 0o000);
    try {
      if (isRoot) await expectCase(dir, { codes: {}, exit: 0 }, 'unreadable-file');
      else await expectCase(dir, { codes: { 'file-unreadable': E }, at: 'EXCAS01/OperatingSystem.csv', exit: 2 }, 'unreadable-file');
    } finally {
      chmodSync(file, 0o644);
    }
  });

  it.skipIf(process.platform === 'win32')(`an unreadable folder (chmod 000): ${isRoot ? 'read anyway, as root' : 'error folder-unreadable'}`, async () => {
    const dir = baseline('unreadable-folder');
    const folder = join(dir, 'EXCAS01');
    chmodSync(folder, 0o000);
    try {
      if (isRoot) await expectCase(dir, { codes: {}, exit: 0 }, 'unreadable-folder');
      else await expectCase(dir, { codes: { 'folder-unreadable': E, 'machine-without-data': W }, at: 'EXCAS01', exit: 2 }, 'unreadable-folder');
    } finally {
      chmodSync(folder, 0o755);
    }
  });

  it('a 100 MB file: error file-too-large, refused before reading (a sparse file, so the disk stays empty)', async () => {
    const dir = baseline('too-large');
    const file = join(dir, 'EXCAS01', 'disk.img');
    writeFileSync(file, '');
    truncateSync(file, 100 * MEGABYTE);
    await expectCase(dir, { codes: { 'file-too-large': E }, at: 'EXCAS01/disk.img', exit: 2 }, 'too-large');
  });

  // Values crafted against backtracking regular expressions (a run of spaces between optional parts);
  // a quadratic step would take minutes on a megabyte and fail through the test timeout.
  const spaces = ' '.repeat(MEGABYTE);
  const longLines: { name: string; files: Record<string, string>; expected: Expectation }[] = [
    {
      name: 'a 1 MB patch name (CSV field)',
      files: { 'EXCAS01/More.csv': csvFile('"DisplayName","Installed"', `"Exchange${spaces}x","20130305"`) },
      expected: { codes: {}, exit: 0 },
    },
    {
      name: 'a 1 MB Installed date',
      files: { 'EXCAS01/More.csv': csvFile('"DisplayName","Installed"', `"Update Rollup 10 for Exchange Server 2007 Service Pack 3 (KB2788321)","2013/01/01 1:00${spaces}x"`) },
      expected: { codes: { 'bad-date-time': W }, at: 'EXCAS01/More.csv:2', exit: 0 },
    },
    {
      name: 'a 1 MB header line',
      files: { 'EXCAS01/Wide.csv': csvFile(['"CSName","Caption","Version"', ...Array.from({ length: MEGABYTE / 8 }, (_, i) => `"C${String(i)}"`)].join(','), '1') },
      expected: { codes: { 'csv-column-count': E }, at: 'EXCAS01/Wide.csv:2', exit: 2 },
    },
    {
      name: 'a 1 MB Format-List value',
      files: { 'EXCAS01/OperatingSystem.txt': `\r\nCSName  : EXCAS01\r\nCaption : Windows${spaces}x\r\nVersion : 6.1.7601\r\nCSDVersion : Service Pack 1\r\n\r\n` },
      expected: { codes: {}, exit: 0 },
    },
    {
      name: 'a 1 MB Format-List line without a colon',
      files: { 'EXCAS01/OperatingSystem.txt': `\r\nCSName  : EXCAS01\r\nCaption : Windows\r\nVersion : 6.1.7601\r\nCSDVersion : Service Pack 1\r\n${'x'.repeat(MEGABYTE)}\r\n\r\n` },
      expected: { codes: { 'format-list-unparsed-line': W }, at: 'EXCAS01/OperatingSystem.txt:6', exit: 0 },
    },
    {
      name: 'a 1 MB CLIXML value',
      files: {
        'EXCAS01/OperatingSystem.xml': `<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><Obj RefId="0"><Props><S N="CSName">EXCAS01</S><S N="Caption">W${'_x0020_'.repeat(MEGABYTE / 7)}</S><S N="Version">6.1.7601</S><S N="CSDVersion">SP1</S></Props></Obj></Objs>`,
      },
      expected: { codes: {}, exit: 0 },
    },
    {
      name: 'a 1 MB OperationalMachines of "<"',
      files: {
        'ExchangeServer.csv': csvFile(
          '"Name","Fqdn","ServerRole","AdminDisplayVersion"',
          '"EXCAS01","EXCAS01.contoso.co.jp","ClientAccess","Version 8.3 (Build 83.6)"',
          '"EXMBX01","EXMBX01.contoso.co.jp","Mailbox","Version 8.3 (Build 83.6)"',
        ),
        'Status.csv': csvFile('"Identity","OperationalMachines"', `"EXMBX01","${'<'.repeat(MEGABYTE)}"`),
      },
      expected: { codes: { 'cluster-without-nodes': E, 'cluster-type-unknown': W }, at: 'Status.csv:2', exit: 2 },
    },
  ];
  it.each(longLines.map((c, i) => ({ ...c, index: i })))('$name: finishes, with the expected diagnostics', async ({ files, expected, index }) => {
    const dir = baseline(`long-${String(index)}`);
    for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, ...path.split('/')), text);
    const { diagnostics } = await expectCase(dir, expected, `long-${String(index)}`);
    for (const d of diagnostics) expect(d.message.length).toBeLessThan(1000);
  });

  it.skipIf(process.platform === 'win32')('file names with markup, quotes and a line break: escaped in the HTML, shown as escapes by check', async () => {
    const dir = baseline('file-names');
    const names = ['<img src=x onerror=alert(1)>.csv', '"quoted".csv', 'line\nbreak [error] forged.csv'];
    for (const name of names) writeFileSync(join(dir, name), csvFile('"Foo","Bar"', '"1","2"'));
    const { out } = await expectCase(dir, { codes: { 'unrecognised-file': W }, exit: 0 }, 'file-names');
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    expect(index).not.toContain('<img');
    expect(index).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;.csv');
    const human = await run(['check', dir]);
    expect(human.stdout).toContain('line\\u000abreak [error] forged.csv');
    // One line per name, then the count.
    expect(human.stdout.split('\n').filter(Boolean)).toHaveLength(names.length + 1);
  });
});

describe('the spawned bin on bad input', () => {
  const BIN = join(process.cwd(), 'bin', 'exrunbook.js');
  const exrunbook = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });

  it('build of a damaged export exits 2 naming file and line, without a stack trace or any output folder', () => {
    const out = join(work, 'spawned-nul');
    const r = exrunbook(['build', 'fixtures/bad/nul-bytes', '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('EXCAS01/OperatingSystem.csv:3');
    expect(r.stderr).toContain('[nul-bytes]');
    expect(r.stderr + r.stdout).not.toMatch(STACK_TRACE);
    expect(existsSync(out)).toBe(false);
  });

  it('check --json of a hostile CLIXML (entity expansion) exits 2 with the refusal', () => {
    const r = exrunbook(['check', 'fixtures/bad/clixml-doctype', '--json']);
    expect(r.status).toBe(2);
    expect((JSON.parse(r.stdout) as JsonDiagnostic[]).map((d) => d.code)).toEqual(['clixml-doctype']);
    expect(r.stderr).toBe('');
  });
});
