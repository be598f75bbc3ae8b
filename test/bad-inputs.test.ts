import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { serverFileName } from '../src/render/file-names.js';

/**
 * The bad-input corpus (fixtures/bad/<case>/, each with a README.md saying what is wrong) and the cases
 * that cannot be committed (made here, in a temp folder). For every case: the exact diagnostic codes
 * with their severities, where the defining one points, the exit code of `check` and `build`, that a
 * failing build leaves no output folder, that the inputs are unchanged, and that nothing prints a stack
 * trace. A hang fails through vitest's timeout.
 */

type Severity = 'error' | 'warning' | 'info';
interface Expectation {
  /** Every diagnostic code `check --json` reports, with its severity. */
  readonly codes: Readonly<Record<string, Severity>>;
  /** `file` or `file:line` of the first diagnostic with the first code listed. */
  readonly at?: string;
  readonly exit: 0 | 2;
}
interface CorpusCase extends Expectation {
  readonly name: string;
}

const E = 'error';
const W = 'warning';
const I = 'info';

const CORPUS: readonly CorpusCase[] = [
  { name: 'baseline', codes: {}, exit: 0 },
  // Files that are not text, or not whole
  { name: 'empty-file', codes: { 'empty-file': W }, at: 'EXCAS01/OperatingSystem.csv', exit: 0 },
  { name: 'whitespace-only', codes: { 'empty-file': W }, at: 'EXCAS01/OperatingSystem.csv', exit: 0 },
  { name: 'bom-only', codes: { 'empty-file': W }, at: 'EXCAS01/OperatingSystem.txt', exit: 0 },
  { name: 'binary-png', codes: { 'binary-file': W }, at: 'EXCAS01/screenshot.png', exit: 0 },
  { name: 'binary-zip', codes: { 'binary-file': W }, at: 'inventory.zip', exit: 0 },
  { name: 'binary-exe', codes: { 'binary-file': W }, at: 'EXCAS01/ExSetup.exe', exit: 0 },
  { name: 'nul-bytes', codes: { 'nul-bytes': E }, at: 'EXCAS01/OperatingSystem.csv:3', exit: 2 },
  // Encodings
  { name: 'utf16-without-bom', codes: { 'utf16-without-bom': I }, exit: 0 },
  { name: 'bom-lies-utf8-on-utf16', codes: { 'bom-mismatch': E }, at: 'EXCAS01/OperatingSystem.csv', exit: 2 },
  { name: 'bom-lies-utf16-on-utf8', codes: { 'bom-mismatch': E }, at: 'EXCAS01/OperatingSystem.csv', exit: 2 },
  { name: 'utf16-odd-length', codes: { 'bom-mismatch': E }, exit: 2 },
  { name: 'utf32', codes: { 'unsupported-encoding': E }, exit: 2 },
  { name: 'invalid-utf8-not-cp932', codes: { undecodable: E }, at: 'EXCAS01/OperatingSystem.csv:3', exit: 2 },
  { name: 'ascii-question-marks', codes: { 'ascii-question-marks': W }, at: 'EXCAS01/InstalledPatches.csv:3', exit: 0 },
  { name: 'mixed-encodings', codes: { 'decoded-as-cp932': I }, at: 'EXCAS01/InstalledPatches.csv', exit: 0 },
  // CSV shape
  { name: 'truncated-quote', codes: { 'csv-malformed': E, 'no-exchange-servers': E }, at: 'ExchangeServer.csv:4', exit: 2 },
  { name: 'header-only', codes: { 'no-records': W }, at: 'EXCAS01/OperatingSystem.csv', exit: 0 },
  { name: 'type-line-only', codes: { 'csv-no-header': E }, at: 'EXCAS01/OperatingSystem.csv:2', exit: 2 },
  { name: 'wrong-delimiter', codes: { 'csv-column-count': E }, at: 'EXCAS01/OperatingSystem.csv:2', exit: 2 },
  { name: 'pipe-delimiter', codes: {}, exit: 0 },
  { name: 'inconsistent-columns', codes: { 'csv-column-count': E }, at: 'EXCAS01/InstalledPatches.csv:3', exit: 2 },
  { name: 'repeated-header', codes: { 'csv-repeated-header': I }, at: 'EXCAS01/InstalledPatches.csv:4', exit: 0 },
  { name: 'duplicate-column', codes: { 'csv-duplicate-column': W }, at: 'EXCAS01/OperatingSystem.csv:1', exit: 0 },
  { name: 'unknown-kind', codes: { 'unrecognised-file': W }, at: 'EXCAS01/Processes.csv', exit: 0 },
  { name: 'stray-text', codes: { 'unrecognised-file': W }, at: 'EXCAS01/ipconfig.txt', exit: 0 },
  { name: 'iu-catalog-in-inventory', codes: { 'iu-catalog-in-inventory': W }, at: 'iu-catalog.csv', exit: 0 },
  // Format-List and CLIXML
  { name: 'format-list-cut-mid-record', codes: { 'format-list-truncated': E }, at: 'EXCAS01/InstalledPatches.txt:12', exit: 2 },
  { name: 'format-list-no-colon', codes: { 'unrecognised-file': W }, at: 'EXCAS01/notes.txt', exit: 0 },
  { name: 'format-list-glued-records', codes: {}, exit: 0 },
  { name: 'truncated-collection', codes: { 'format-list-truncated-collection': W }, at: 'ClusteredMailboxServerStatus.txt:6', exit: 0 },
  { name: 'clixml-malformed', codes: { 'clixml-malformed': E }, at: 'EXCAS01/OperatingSystem.xml:8', exit: 2 },
  { name: 'clixml-doctype', codes: { 'clixml-doctype': E }, at: 'EXCAS01/OperatingSystem.xml:2', exit: 2 },
  { name: 'clixml-missing-ref', codes: { 'clixml-unresolved-ref': W }, at: 'EXCAS01/OperatingSystem.xml:9', exit: 0 },
  { name: 'clixml-deep', codes: { 'clixml-too-deep': W }, exit: 0 },
  // The fleet and its names
  { name: 'no-exchange-servers', codes: { 'no-exchange-servers': E, 'machine-unnamed': W }, exit: 2 },
  { name: 'only-readme', codes: { 'inventory-empty': E, 'no-exchange-servers': E }, at: '.', exit: 2 },
  { name: 'server-without-name', codes: { 'server-without-name': W }, at: 'ExchangeServer.csv:4', exit: 0 },
  { name: 'bad-admin-display-version', codes: { 'bad-admin-display-version': W }, at: 'ExchangeServer.csv:3', exit: 0 },
  { name: 'duplicate-server-two-files', codes: { 'server-records-disagree': W }, at: 'old/ExchangeServer.csv:3', exit: 0 },
  { name: 'duplicate-server-same-file', codes: { 'server-listed-twice': I }, at: 'ExchangeServer.csv:4', exit: 0 },
  { name: 'name-variants', codes: {}, exit: 0 },
  { name: 'fqdn-other-domain', codes: { 'fqdn-mismatch': W }, at: 'EXCAS01/InstalledPatches.csv:2', exit: 0 },
  { name: 'orphan-folder', codes: { 'machine-not-in-fleet': W }, at: 'EXOLD01/ExSetup.csv:3', exit: 0 },
  { name: 'per-server-at-root', codes: { 'machine-unnamed': W }, at: 'ExSetup.csv:3', exit: 0 },
  { name: 'folder-name-disagrees', codes: { 'folder-name-disagrees': W, 'machine-not-in-fleet': W }, at: 'EXCAS01/OperatingSystem.csv:2', exit: 0 },
  { name: 'exchange-2003-listed', codes: { 'server-not-exchange-2007': I, 'console-prompt-line': I }, at: 'ExchangeServer.txt:4', exit: 0 },
  { name: 'exchange-2010-listed', codes: { 'server-not-exchange-2007': I }, at: 'ExchangeServer.csv:4', exit: 0 },
  { name: 'server-name-path-traversal', codes: { 'unusual-server-name': W, 'machine-without-data': W }, at: 'ExchangeServer.csv:4', exit: 0 },
  { name: 'server-name-markup', codes: { 'unusual-server-name': W, 'machine-without-data': W }, at: 'ExchangeServer.csv:4', exit: 0 },
  { name: 'server-name-control-chars', codes: { 'unusual-server-name': W, 'machine-without-data': W }, at: 'ExchangeServer.csv:4', exit: 0 },
  { name: 'server-name-reserved', codes: { 'machine-without-data': W }, exit: 0 },
  { name: 'server-name-too-long', codes: { 'unusual-server-name': W, 'machine-without-data': W }, at: 'ExchangeServer.csv:4', exit: 0 },
  // Clustered mailbox servers
  { name: 'cms-node-without-data', codes: { 'machine-without-data': W }, at: 'MailboxServer.csv:2', exit: 0 },
  { name: 'ccr-without-status', codes: { 'cluster-status-missing': I }, at: 'MailboxServer.csv:2', exit: 0 },
  { name: 'ccr-without-nodes', codes: { 'cluster-without-nodes': E }, at: 'MailboxServer.csv:2', exit: 2 },
  { name: 'cms-folder-instead-of-nodes', codes: { 'data-for-cms-not-node': W, 'machine-without-data': W }, at: 'EXMBX01/ExSetup.csv:3', exit: 0 },
  { name: 'cms-status-only', codes: { 'cluster-type-unknown': W }, at: 'ClusteredMailboxServerStatus.csv:2', exit: 0 },
  // Facts that disagree or cannot be read
  { name: 'unknown-build', codes: { 'unknown-build': W }, at: 'EXCAS01/ExSetup.csv:3', exit: 0 },
  { name: 'bad-build-number', codes: { 'bad-build-number': E }, at: 'EXCAS01/ExSetup.csv:3', exit: 2 },
  { name: 'not-exsetup', codes: { 'not-exsetup': W }, at: 'EXCAS01/ExSetup.csv:3', exit: 0 },
  { name: 'exsetup-patches-disagree', codes: { 'exsetup-patches-disagree': W }, at: 'EXCAS01/InstalledPatches.csv:4', exit: 0 },
  { name: 'exsetup-admin-disagree', codes: { 'exsetup-admin-version-disagree': W }, at: 'ExchangeServer.csv:3', exit: 0 },
  { name: 'two-exsetup-disagree', codes: { 'conflicting-exsetup-version': W, 'exsetup-patches-disagree': W }, at: 'EXCAS01/ExSetup.csv:3', exit: 0 },
  { name: 'crl-tests-disagree', codes: { 'conflicting-crl-reachability': W }, at: 'EXCAS01/CrlCheck.csv:2', exit: 0 },
  { name: 'bad-boolean', codes: { 'bad-boolean': W }, at: 'EXCAS01/CrlCheck.csv:2', exit: 0 },
  { name: 'unparseable-dates', codes: { 'bad-date-time': W }, at: 'EXCAS01/InstalledPatches.csv:3', exit: 0 },
  { name: 'dates-in-cultures', codes: {}, exit: 0 },
  { name: 'ambiguous-dates', codes: { 'ambiguous-date': W }, at: 'EXCAS01/InstalledPatches.csv:3', exit: 0 },
  { name: 'row-without-key', codes: { 'row-without-key': W }, at: 'EXCAS01/OwaFiles.csv:4', exit: 0 },
  { name: 'org-record-unknown-server', codes: { 'machine-not-in-fleet': W }, at: 'org/OwaVirtualDirectory.csv:4', exit: 0 },
];

/** Interim-update catalogue cases: the inventory is fine, `--iu-catalog` is not; main throws a usage error. */
const IU_CATALOG_CASES: readonly { name: string; at: string }[] = [
  { name: 'iu-catalog-bad-kb', at: 'iu-catalog.csv:2' },
  { name: 'iu-catalog-bad-level', at: 'iu-catalog.csv:2' },
  { name: 'iu-catalog-missing-column', at: 'iu-catalog.csv:1' },
  { name: 'iu-catalog-binary', at: 'iu-catalog.csv' },
  { name: 'iu-catalog-duplicate-kb', at: 'iu-catalog.csv:3' },
  { name: 'iu-catalog-column-count', at: 'iu-catalog.csv:2' },
];

const BAD = join(process.cwd(), 'fixtures', 'bad');
const work = mkdtempSync(join(tmpdir(), 'exrunbook-bad-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(args: readonly string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: {},
    cwd: process.cwd(),
  });
  return { code, stdout, stderr };
}

interface JsonDiagnostic {
  readonly severity: Severity;
  readonly code: string;
  readonly file: string;
  readonly line: number | null;
  readonly message: string;
  readonly hint: string;
}

/** sha256 of every file (and link target) below a folder, so a test can show the inputs were not touched. */
function hashTree(root: string): Map<string, string> {
  const hashes = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      const key = relative(root, full);
      if (entry.isSymbolicLink()) hashes.set(key, `link:${String(lstatSync(full).size)}`);
      else if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) hashes.set(key, `${String(lstatSync(full).mode)}:${createHash('sha256').update(readFileSync(full)).digest('hex')}`);
      else hashes.set(key, 'special');
    }
  };
  walk(root);
  return hashes;
}

function listTree(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(full);
    }
  };
  walk(root);
  return out;
}

const STACK_TRACE = /^ {4}at /m;

function expectNoCrash(...runs: Run[]): void {
  for (const r of runs) {
    const text = r.stdout + r.stderr;
    expect(text).not.toMatch(STACK_TRACE);
    expect(text).not.toContain('internal error');
    expect([0, 2]).toContain(r.code);
  }
}

/**
 * check (JSON, then for people in Japanese), then build: the diagnostics, exit codes, no output on
 * errors, an output folder that stays where it was asked to be, and untouched inputs.
 */
async function expectCase(inventory: string, expected: Expectation, outName: string): Promise<{ diagnostics: JsonDiagnostic[]; out: string }> {
  const before = hashTree(inventory);
  const checked = await run(['check', inventory, '--json']);
  const diagnostics = JSON.parse(checked.stdout) as JsonDiagnostic[];
  const codes = Object.fromEntries(diagnostics.map((d) => [d.code, d.severity]));
  expect(codes).toEqual(expected.codes);
  for (const d of diagnostics) {
    expect(d.message.trim(), d.code).not.toBe('');
    expect(d.hint.trim(), d.code).not.toBe('');
  }
  const [firstCode] = Object.keys(expected.codes);
  if (expected.at !== undefined && firstCode !== undefined) {
    const first = diagnostics.find((d) => d.code === firstCode);
    expect(first && (first.line === null ? first.file : `${first.file}:${String(first.line)}`)).toBe(expected.at);
  }
  expect(checked.code).toBe(expected.exit);

  const human = await run(['check', inventory, '--lang', 'ja']);
  expect(human.code).toBe(expected.exit);
  const lines = human.stdout.split('\n').filter(Boolean);
  // One line per diagnostic, then the count, in Japanese.
  expect(lines).toHaveLength(diagnostics.length + 1);
  expect(lines.at(-1)).toMatch(/^\d+ 個のファイルを読み込みました: エラー \d+ 件、警告 \d+ 件、情報 \d+ 件。$/);

  const out = join(work, outName);
  const built = await run(['build', inventory, '--out', out, '--date', '2026-01-01', '--format', 'html,json']);
  expect(built.code).toBe(expected.exit);
  if (expected.exit === 2) {
    expect(existsSync(out)).toBe(false);
    expect(built.stderr).toContain('nothing was written');
  } else {
    expect(existsSync(join(out, 'SHA256SUMS'))).toBe(true);
    const plan = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')) as { diagnostics: { code: string }[] };
    expect(plan.diagnostics.map((d) => d.code).sort()).toEqual(diagnostics.map((d) => d.code).sort());
    const realOut = realpathSync(out);
    for (const file of listTree(out)) expect(realpathSync(file).startsWith(realOut + sep)).toBe(true);
  }
  // No stray staging folder next to the output either.
  expect(readdirSync(work).filter((n) => n.startsWith(`.${outName}.tmp-`))).toEqual([]);
  expectNoCrash(checked, human, built);
  expect(hashTree(inventory)).toEqual(before);
  return { diagnostics, out };
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
    const before = hashTree(join(BAD, name));
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
    expect(hashTree(join(BAD, name))).toEqual(before);
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
