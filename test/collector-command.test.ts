import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';

const SCRIPT = readFileSync('templates/collector/Collect-ExrunbookInventory.ps1');
const README = readFileSync('templates/collector/README.txt');
const work = mkdtempSync(join(tmpdir(), 'exrunbook-collector-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

let counter = 0;
function freshFolder(): string {
  const dir = join(work, String(++counter));
  mkdirSync(dir);
  return dir;
}

async function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(['collector', ...args], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: {},
    cwd,
  });
  return { code, stdout, stderr };
}

describe('exrunbook collector', () => {
  it('writes the shipped script and README.txt byte for byte into the current folder, and says what to do next', async () => {
    const cwd = freshFolder();
    const r = await run([], cwd);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(readdirSync(cwd).sort()).toEqual(['Collect-ExrunbookInventory.ps1', 'README.txt']);
    expect(readFileSync(join(cwd, 'Collect-ExrunbookInventory.ps1')).equals(SCRIPT)).toBe(true);
    expect(readFileSync(join(cwd, 'README.txt')).equals(README)).toBe(true);
    expect(r.stdout).toContain(join(cwd, 'Collect-ExrunbookInventory.ps1'));
    expect(r.stdout).toContain('-Scope Organization');
    expect(r.stdout).toContain('exrunbook check');
  });

  it.each([
    ['a file path in a folder that does not exist yet', ['--out', 'transfer/usb/collect.ps1'], 'transfer/usb', 'collect.ps1'],
    ['an existing folder', ['--out', '.'], '.', 'Collect-ExrunbookInventory.ps1'],
  ])('--out %s', async (_, args, folder, name) => {
    const cwd = freshFolder();
    expect((await run(args, cwd)).code).toBe(0);
    expect(readFileSync(join(cwd, folder, name)).equals(SCRIPT)).toBe(true);
    expect(readFileSync(join(cwd, folder, 'README.txt')).equals(README)).toBe(true);
  });

  it('replaces the collector files it wrote before, even an edited older copy', async () => {
    const cwd = freshFolder();
    expect((await run([], cwd)).code).toBe(0);
    const scriptPath = join(cwd, 'Collect-ExrunbookInventory.ps1');
    writeFileSync(scriptPath, Buffer.concat([SCRIPT.subarray(0, SCRIPT.indexOf('\r\n') + 2), Buffer.from('# an older version\r\n')]));
    expect((await run([], cwd)).code).toBe(0);
    expect(readFileSync(scriptPath).equals(SCRIPT)).toBe(true);
  });

  it.each([
    ['the script path', 'Collect-ExrunbookInventory.ps1'],
    ['README.txt beside it', 'README.txt'],
  ])('refuses to replace a file it did not write at %s, and writes nothing', async (_, name) => {
    const cwd = freshFolder();
    writeFileSync(join(cwd, name), 'not ours\r\n');
    const r = await run([], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(join(cwd, name));
    expect(r.stderr).toContain('fix: Choose another --out');
    expect(readdirSync(cwd)).toEqual([name]);
    expect(readFileSync(join(cwd, name), 'utf8')).toBe('not ours\r\n');
  });

  it.each([
    [['--out', 'collect.txt'], 'PowerShell runs a script only with the .ps1 extension'],
    [['extra'], 'Unexpected argument "extra"'],
  ])('rejects %j with exit 2', async (args, message) => {
    const cwd = freshFolder();
    const r = await run(args, cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('never writes through a link planted at a temporary name beside the script', async () => {
    const cwd = freshFolder();
    const victim = join(cwd, 'victim.txt');
    writeFileSync(victim, 'keep me\n');
    // The names earlier versions wrote to first (pid-based, so guessable).
    for (const name of ['Collect-ExrunbookInventory.ps1', 'README.txt']) symlinkSync(victim, join(cwd, `.${name}.${String(process.pid)}.tmp`));
    expect((await run([], cwd)).code).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
    expect(readFileSync(join(cwd, 'Collect-ExrunbookInventory.ps1')).equals(SCRIPT)).toBe(true);
    expect(readdirSync(cwd).filter((name) => name.endsWith('.tmp') && !name.includes(`.${String(process.pid)}.tmp`))).toEqual([]);
  });

  it('reports a folder it cannot create, without a stack trace', async () => {
    const cwd = freshFolder();
    writeFileSync(join(cwd, 'blocker'), '');
    const r = await run(['--out', 'blocker/collect.ps1'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot be written \(E[A-Z]+\)/);
    expect(r.stderr).not.toContain('    at ');
  });

  it('speaks Japanese with --lang ja', async () => {
    const r = await run(['--lang', 'ja'], freshFolder());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('インベントリ収集スクリプト');
    expect(r.stdout).toContain('exrunbook check <フォルダ>');
  });
});
