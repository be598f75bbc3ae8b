import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { differingFiles, readOutputTree } from './support/output-tree.js';

/**
 * A Git-for-Windows clone (core.autocrlf=true) and a copy whose templates and data were turned to CRLF
 * (a zip, an editor) must print the same bytes as a plain checkout. Clones the committed HEAD of this
 * repository, so it checks what is committed; each clone runs this checkout's built dist/ against its
 * own templates and data, which are what line endings can change.
 */
const REPO = process.cwd();
const work = mkdtempSync(join(tmpdir(), 'exrunbook-eol-'));
afterAll(() => { rmSync(work, { recursive: true, force: true }); });

const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

function cloneHead(name: string, autocrlf: 'true' | 'false'): string {
  const dir = join(work, name);
  git(work, '-c', `core.autocrlf=${autocrlf}`, 'clone', '--quiet', '--no-checkout', REPO, dir);
  git(dir, 'config', 'core.autocrlf', autocrlf);
  git(dir, 'checkout', '--quiet', git(REPO, 'rev-parse', 'HEAD').trim());
  cpSync(join(REPO, 'dist'), join(dir, 'dist'), { recursive: true });
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'junction');
  return dir;
}

const toCrlf = (file: string): void => { writeFileSync(file, readFileSync(file, 'utf8').replace(/\r?\n/g, '\r\n')); };

/** Every file under `folder` rewritten with CRLF line endings. */
function folderToCrlf(folder: string): void {
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) toCrlf(join(entry.parentPath, entry.name));
  }
}

function buildSample(dir: string): Map<string, Buffer> {
  const run = (...args: string[]) => spawnSync(process.execPath, ['bin/exrunbook.js', ...args], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  for (const lang of ['en', 'ja']) {
    const build = run('build', 'fixtures/sample-fleet', '--out', `out/sample-${lang}`, '--date', '2026-11-25', '--ticket', 'CHG-1042', '--lang', lang, '--format', 'html,json');
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
  }
  const collector = run('collector', '--out', 'out/collector/Collect-ExrunbookInventory.ps1');
  expect(collector.status, collector.stderr).toBe(0);
  return readOutputTree(join(dir, 'out'));
}

describe('line endings of the checkout', () => {
  let plain: string;
  let autocrlf: string;
  let crlfCopy: string;
  beforeAll(() => {
    plain = cloneHead('plain', 'false');
    autocrlf = cloneHead('autocrlf', 'true');
    crlfCopy = cloneHead('crlf-copy', 'false');
    for (const folder of ['templates/steps', 'data']) folderToCrlf(join(crlfCopy, folder));
    for (const file of readdirSync(join(crlfCopy, 'templates')).filter((f) => /\.(hbs|css)$/.test(f))) toCrlf(join(crlfCopy, 'templates', file));
  });

  it('an autocrlf=true clone checks text out as LF and leaves the byte-exact fixtures and collector alone', () => {
    expect(readFileSync(join(autocrlf, 'data', 'build-catalog.json')).includes('\r')).toBe(false);
    expect(readFileSync(join(autocrlf, 'templates', 'layout.hbs')).includes('\r')).toBe(false);
    for (const file of ['templates/collector/Collect-ExrunbookInventory.ps1', 'fixtures/sample-fleet-cp932/EXCAS01/ExSetup.csv', 'fixtures/sample-fleet/EXCAS01/OperatingSystem.csv']) {
      expect(readFileSync(join(autocrlf, file)).equals(readFileSync(join(plain, file))), file).toBe(true);
    }
    expect(readFileSync(join(crlfCopy, 'data', 'build-catalog.json')).includes('\r\n')).toBe(true);
  });

  it('prints byte-identical runbooks, plan.json, SHA256SUMS and collector from all three', () => {
    const expected = buildSample(plain);
    expect(expected.size).toBeGreaterThan(10);
    expect(differingFiles(buildSample(autocrlf), expected)).toEqual([]);
    expect(differingFiles(buildSample(crlfCopy), expected)).toEqual([]);
  });
});
