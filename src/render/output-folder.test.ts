import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode, ExrunbookError, exitCodeFor } from '../errors.js';
import { hashTree } from '../../test/support/tree-hash.js';
import { pathRelation, readManifest, writeOutputFolder, type OutputFolderRequest } from './output-folder.js';
import { makeTempFolder, sweepTempFolders, type TempFolderKind } from './temp-folders.js';

const work = mkdtempSync(join(tmpdir(), 'exrunbook-output-folder-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});
let root = '';
let counter = 0;
beforeEach(() => {
  root = join(work, `case-${++counter}`);
  mkdirSync(root);
});

/** A pid that was a process a moment ago and is gone now. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid;
}

function errno(code: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated, write '${path}'`), { code, path });
}

function request(out: string, overrides: Partial<OutputFolderRequest> = {}): OutputFolderRequest {
  return { outDir: out, command: 'build', inputs: [], files: [['index.html', '<p>new</p>'], ['servers/A.html', '<p>A</p>']], ...overrides };
}

async function failure(promise: Promise<unknown>): Promise<ExrunbookError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ExrunbookError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** An earlier output at root/out, and the hash of everything in root. */
async function previousOutput(): Promise<{ out: string; before: string }> {
  const out = join(root, 'out');
  await writeOutputFolder(request(out, { files: [['index.html', '<p>old</p>']] }));
  return { out, before: hashTree(root) };
}

describe('writeOutputFolder', () => {
  it('writes the files, SHA256SUMS over the deliverables, and a manifest over every file', async () => {
    const out = join(root, 'out');
    await writeOutputFolder(request(out));
    expect(readdirSync(root)).toEqual(['out']);
    expect(readFileSync(join(out, 'SHA256SUMS'), 'utf8')).toMatch(/^[0-9a-f]{64} {2}index\.html\n[0-9a-f]{64} {2}servers\/A\.html\n$/);
    expect(readManifest(out)?.command).toBe('build');
    expect([...(readManifest(out)?.files.keys() ?? [])].sort()).toEqual(['SHA256SUMS', 'index.html', 'servers/A.html']);
    expect(existsSync(join(out, '.exrunbook', 'staging.json'))).toBe(false);
  });

  it.each([
    ['ENOSPC', 'the disk is full'],
    ['EDQUOT', 'the disk is full'],
    ['EACCES', 'permission denied'],
    ['EPERM', 'permission denied'],
    ['EROFS', 'read-only'],
  ])('a write failing with %s exits 2 naming the file; the previous output stays whole, no staging folder stays', async (code, reason) => {
    const { out, before } = await previousOutput();
    function* files(): Generator<readonly [string, string]> {
      yield ['index.html', 'x'];
      throw errno(code, join(out, 'servers', 'A.html'));
    }
    const error = await failure(writeOutputFolder(request(out, { files: files() })));
    expect(exitCodeFor(error)).toBe(ExitCode.UsageOrInput);
    expect(error.message).toContain(reason);
    expect(error.message).toContain(`${code}, ${join(out, 'servers', 'A.html')}`);
    expect(error.hint).toBeTruthy();
    expect(hashTree(root)).toBe(before);
  });

  it('a full disk while the PDFs (binder) are written exits 3; the previous output stays whole', async () => {
    const { out, before } = await previousOutput();
    const error = await failure(
      writeOutputFolder(
        request(out, {
          fill: (staging) => {
            writeFileSync(join(staging, 'index.pdf'), '%PDF');
            return Promise.reject(errno('ENOSPC', join(staging, 'binder.pdf')));
          },
        }),
      ),
    );
    expect(exitCodeFor(error)).toBe(ExitCode.Browser);
    expect(error.message).toContain('the disk is full');
    expect(hashTree(root)).toBe(before);
  });

  it('an error it cannot explain is passed on unchanged (main reports it as a bug)', async () => {
    const { out, before } = await previousOutput();
    const bug = new TypeError('x is undefined');
    await expect(writeOutputFolder(request(out, { fill: () => Promise.reject(bug) }))).rejects.toBe(bug);
    expect(hashTree(root)).toBe(before);
  });

  it('Windows: retries while a viewer holds a runbook, then names it; the previous output stays whole', async () => {
    const { out, before } = await previousOutput();
    const waits: number[] = [];
    const error = await failure(
      writeOutputFolder(
        request(out, {
          system: {
            platform: 'win32',
            rename: (from) => {
              if (from === out) throw errno('EPERM', from);
              throw new Error('nothing else is renamed before the old output is moved aside');
            },
            isHeld: (file) => file.endsWith(`${sep}index.html`),
            sleep: (ms) => {
              waits.push(ms);
              return Promise.resolve();
            },
          },
        }),
      ),
    );
    expect(waits).toEqual([100, 200, 400, 800, 1600]);
    expect(exitCodeFor(error)).toBe(ExitCode.UsageOrInput);
    expect(error.message).toContain('"index.html" is open in another program');
    expect(error.message).toContain('The previous output is unchanged');
    expect(hashTree(root)).toBe(before);
  });

  it('a file written into --out while the new output is made is kept: the run refuses, --out as the other program left it', async () => {
    const { out } = await previousOutput();
    const error = await failure(
      writeOutputFolder(
        request(out, {
          fill: () => {
            writeFileSync(join(out, 'notes.txt'), 'written meanwhile');
            return Promise.resolve(undefined);
          },
        }),
      ),
    );
    expect(exitCodeFor(error)).toBe(ExitCode.UsageOrInput);
    expect(error.message).toContain('changed while exrunbook was writing');
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('written meanwhile');
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('<p>old</p>');
    expect(readdirSync(root)).toEqual(['out']);
  });

  it('a file written into --out at the last moment, just before it is moved aside, is kept too', async () => {
    const { out } = await previousOutput();
    const { renameSync } = await import('node:fs');
    const error = await failure(
      writeOutputFolder(
        request(out, {
          system: {
            rename: (from, to) => {
              if (from === out) writeFileSync(join(out, 'notes.txt'), 'written at the last moment');
              renameSync(from, to);
            },
          },
        }),
      ),
    );
    expect(error.message).toContain('changed while exrunbook was writing');
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('written at the last moment');
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('<p>old</p>');
    expect(readdirSync(root)).toEqual(['out']);
  });

  it('refuses to replace the output of another command (verify --out naming the runbooks folder)', async () => {
    const { out, before } = await previousOutput();
    const error = await failure(writeOutputFolder(request(out, { command: 'verify', files: [['verify.json', '{}']] })));
    expect(exitCodeFor(error)).toBe(ExitCode.UsageOrInput);
    expect(error.message).toContain('holds the output of exrunbook build, which exrunbook verify does not replace');
    expect(hashTree(root)).toBe(before);
  });

  it('Windows: the old output still held once the new one is in place is left for the next run to sweep', async () => {
    const { out } = await previousOutput();
    const { renameSync } = await import('node:fs');
    const held: string[] = [];
    await writeOutputFolder(
      request(out, {
        system: {
          platform: 'win32',
          rename: renameSync,
          remove: (folder) => {
            held.push(folder);
            throw errno('EBUSY', join(folder, 'index.html'));
          },
        },
      }),
    );
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('<p>new</p>');
    expect(held).toHaveLength(1);
    expect(held[0]).toMatch(/[/\\]\.out\.exrunbook-old-\d+-[A-Za-z0-9]{6}$/);
    expect(readFileSync(join(held[0] ?? '', 'index.html'), 'utf8')).toBe('<p>old</p>');
    expect(readdirSync(root)).toHaveLength(2);
    // A later run, once this process is gone, removes it (its pid in the name stands for a dead process here).
    renameSync(held[0] ?? '', join(root, `.out.exrunbook-old-${String(deadPid())}-AbC123`));
    await writeOutputFolder(request(out, { files: [['index.html', '<p>third</p>']] }));
    expect(readdirSync(root)).toEqual(['out']);
  });

  it('Windows: a viewer closed during the retries lets the swap through', async () => {
    const { out } = await previousOutput();
    let refusals = 2;
    const { renameSync } = await import('node:fs');
    await writeOutputFolder(
      request(out, {
        system: {
          platform: 'win32',
          rename: (from, to) => {
            if (from === out && refusals-- > 0) throw errno('EBUSY', from);
            renameSync(from, to);
          },
          sleep: () => Promise.resolve(),
        },
      }),
    );
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('<p>new</p>');
    expect(readdirSync(root)).toEqual(['out']);
  });
});

describe('leftovers of a killed run', () => {
  const staging = (suffix: string, pid: number, marker: object | null): string => {
    const folder = join(root, `.out.exrunbook-${pid}-${suffix}`);
    mkdirSync(join(folder, '.exrunbook'), { recursive: true });
    writeFileSync(join(folder, 'index.html'), 'half');
    if (marker) writeFileSync(join(folder, '.exrunbook', 'staging.json'), JSON.stringify(marker));
    return folder;
  };

  it('the next run removes its staging folders whose process is gone, and nothing else', async () => {
    const dead = deadPid();
    const abandoned = staging('Aband1', dead, { tool: 'exrunbook', kind: 'staging', pid: dead, host: hostname() });
    const running = staging('Runni1', process.ppid, { tool: 'exrunbook', kind: 'staging', pid: process.ppid, host: hostname() });
    const unmarked = staging('Unmar1', dead, null);
    const otherPid = staging('Other1', dead, { tool: 'exrunbook', kind: 'staging', pid: dead + 1, host: hostname() });
    const otherHost = staging('Other2', dead, { tool: 'exrunbook', kind: 'staging', pid: dead, host: 'another-machine' });
    const lookalike = join(root, `.out.exrunbook-${dead}-toolong1`);
    mkdirSync(lookalike);
    await writeOutputFolder(request(join(root, 'out')));
    expect(existsSync(abandoned)).toBe(false);
    for (const kept of [running, unmarked, otherPid, otherHost, lookalike]) expect(existsSync(kept), kept).toBe(true);
  });

  it('removes a staging folder killed before its marker was written only while it is empty', async () => {
    const dead = deadPid();
    const shell = join(root, `.out.exrunbook-${String(dead)}-Shell1`);
    mkdirSync(join(shell, '.exrunbook'), { recursive: true });
    writeFileSync(join(shell, '.exrunbook', 'staging.json.part'), '{"tool":"exr');
    const full = join(root, `.out.exrunbook-${String(dead)}-Full01`);
    mkdirSync(full);
    writeFileSync(join(full, 'notes.txt'), 'not ours to judge');
    // A run that is alive may be between creating its folder and writing its marker: left to it.
    const starting = join(root, `.out.exrunbook-${String(process.ppid)}-Start1`);
    mkdirSync(join(starting, '.exrunbook'), { recursive: true });
    writeFileSync(join(starting, '.exrunbook', 'staging.json.part'), '{"tool":"exr');
    await writeOutputFolder(request(join(root, 'out')));
    expect(existsSync(shell)).toBe(false);
    expect(readFileSync(join(full, 'notes.txt'), 'utf8')).toBe('not ours to judge');
    expect(readFileSync(join(starting, '.exrunbook', 'staging.json.part'), 'utf8')).toBe('{"tool":"exr');
  });

  it('puts the previous output back when a run was killed between its two renames', async () => {
    const { out } = await previousOutput();
    const dead = deadPid();
    const { renameSync } = await import('node:fs');
    renameSync(out, join(root, `.out.exrunbook-old-${dead}-AbC123`));
    await writeOutputFolder(request(out, { files: [['index.html', '<p>third</p>']] }));
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('<p>third</p>');
    expect(readdirSync(root)).toEqual(['out']);
  });

  it('leaves an "old" folder alone when it is not a whole exrunbook output', async () => {
    const dead = deadPid();
    const old = join(root, `.out.exrunbook-old-${dead}-AbC123`);
    mkdirSync(old);
    writeFileSync(join(old, 'thesis.docx'), 'keep me');
    await writeOutputFolder(request(join(root, 'out')));
    expect(readFileSync(join(old, 'thesis.docx'), 'utf8')).toBe('keep me');
  });

  it('sweeps a marked temporary folder from another machine only after a week', () => {
    const kind: TempFolderKind = { prefix: 'exrunbook-browser-', marker: 'exrunbook-profile.json', kind: 'browser-profile' };
    const pid = 4242;
    const folder = join(root, `exrunbook-browser-${String(pid)}-Remot1`);
    mkdirSync(folder);
    writeFileSync(join(folder, 'exrunbook-profile.json'), JSON.stringify({ tool: 'exrunbook', kind: 'browser-profile', pid, host: 'another-machine' }));
    // The pid means nothing on this machine: whether it is alive here must not matter.
    const environment = { host: hostname(), isAlive: () => false, uid: process.getuid?.() };
    expect(sweepTempFolders(root, kind, { ...environment, now: Date.now() })).toEqual([]);
    expect(sweepTempFolders(root, kind, { ...environment, now: Date.now() + 6 * 24 * 3600 * 1000 })).toEqual([]);
    expect(existsSync(folder)).toBe(true);
    expect(sweepTempFolders(root, kind, { ...environment, now: Date.now() + 8 * 24 * 3600 * 1000 })).toEqual([folder]);
    expect(existsSync(folder)).toBe(false);
  });

  it('never sweeps a temporary folder of its own process, however old', () => {
    const kind: TempFolderKind = { prefix: 'exrunbook-browser-', marker: 'exrunbook-profile.json', kind: 'browser-profile' };
    const folder = makeTempFolder(root, kind);
    expect(Number(/exrunbook-browser-(\d+)-/.exec(folder)?.[1])).toBe(process.pid);
    const environment = { host: 'elsewhere', isAlive: () => false, uid: process.getuid?.() };
    expect(sweepTempFolders(root, kind, { ...environment, now: Date.now() + 8 * 24 * 3600 * 1000 })).toEqual([]);
    expect(existsSync(folder)).toBe(true);
  });
});

describe('pathRelation', () => {
  it.each([
    ['/data/inv', '/data/inv', false, 'is'],
    ['/data/inv/out', '/data/inv', false, 'inside'],
    ['/data', '/data/inv', false, 'contains'],
    ['/', '/data/inv', false, 'contains'],
    ['/data/inv-runbooks', '/data/inv', false, null],
    ['/data/inv', '/data/investments', false, null],
    ['/data/INV', '/data/inv', false, null],
    ['/data/INV', '/data/inv', true, 'is'],
    ['/Data/Inv/Out', '/data/inv', true, 'inside'],
    ['/DATA', '/data/inv/change.yaml', true, 'contains'],
  ] as const)('%s vs %s (ignore case: %s) → %s', (out, input, ignoreCase, expected) => {
    expect(pathRelation(out, input, ignoreCase)).toBe(expected);
  });
});
