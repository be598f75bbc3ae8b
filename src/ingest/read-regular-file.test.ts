import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExrunbookError } from '../errors.js';
import { readOptionFile } from './read-option-file.js';
import { readRegularFile } from './read-regular-file.js';

const work = mkdtempSync(join(tmpdir(), 'exrunbook-regular-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});
const posix = process.platform !== 'win32';
const linux = process.platform === 'linux';

function file(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

describe('readRegularFile', () => {
  it('reads a regular file whole', () => {
    const path = file('a.csv', 'Name\r\nEXCAS01\r\n');
    expect(readRegularFile(path, 100)).toEqual({ ok: true, bytes: Buffer.from('Name\r\nEXCAS01\r\n') });
  });

  it('refuses what is missing, a folder, or larger than the limit, by stat and without opening it', () => {
    expect(readRegularFile(join(work, 'none.csv'), 100)).toEqual({ ok: false, reason: 'missing' });
    expect(readRegularFile(work, 100)).toEqual({ ok: false, reason: 'folder' });
    expect(readRegularFile(file('big.csv', 'x'.repeat(101)), 100)).toEqual({ ok: false, reason: 'too-large', bytes: 101 });
  });

  it('refuses a file that grew past the limit after it was checked: the read itself is bounded', () => {
    const path = file('growing.csv', 'x'.repeat(10));
    const stat = statSync(path);
    appendFileSync(path, 'y'.repeat(20));
    expect(readRegularFile(path, 20, { stat, realPath: Buffer.from(path) })).toEqual({ ok: false, reason: 'too-large', bytes: 21 });
  });

  it('refuses a file replaced between the check and the open (the open file is not the one checked)', () => {
    const checked = statSync(file('checked.csv', 'one'));
    const other = file('other.csv', 'two');
    expect(readRegularFile(other, 100, { stat: checked, realPath: Buffer.from(other) })).toEqual({ ok: false, reason: 'changed' });
  });

  it.skipIf(!posix)('refuses a FIFO at once (no writer: opening it for reading would block for ever)', () => {
    const fifo = join(work, 'pipe.csv');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expect(readRegularFile(fifo, 100)).toEqual({ ok: false, reason: 'not-regular' });
  });

  it.skipIf(!linux)('refuses devices and the files of /proc, whose size says nothing', () => {
    expect(readRegularFile('/dev/zero', 100)).toEqual({ ok: false, reason: 'not-regular' });
    expect(readRegularFile('/proc/self/status', 1_000_000)).toEqual({ ok: false, reason: 'special-file-system' });
    const path = file('looks-fine.csv', 'x');
    expect(readRegularFile(path, 100, { stat: statSync(path), realPath: Buffer.from('/proc/1/environ') })).toEqual({ ok: false, reason: 'special-file-system' });
  });
});

describe('readOptionFile', () => {
  const option = { code: 'config-unreadable', key: 'error.config.unreadable' } as const;
  const refusal = (path: string): ExrunbookError => {
    try {
      readOptionFile(path, path, option);
    } catch (error) {
      if (error instanceof ExrunbookError) return error;
      throw error;
    }
    throw new Error(`${path} was read`);
  };

  it('returns the bytes of a regular file', () => {
    expect(readOptionFile(file('change.yaml', 'ticket: CHG-1\n'), 'change.yaml', option).toString()).toBe('ticket: CHG-1\n');
  });

  it('refuses a folder or a missing file with an input error naming the path and the option', () => {
    expect(refusal(work)).toMatchObject({ code: 'config-unreadable', errorClass: 'input', message: `The config file "${work}" cannot be read: it is a folder.` });
    expect(refusal(join(work, 'none.yaml')).message).toContain('there is no such file');
    expect(refusal(work).hint).toContain('--config');
  });

  it.skipIf(!linux)('refuses /dev/zero and a FIFO without reading them', () => {
    expect(refusal('/dev/zero').message).toContain('it is not a regular file but a named pipe, socket or device');
    const fifo = join(work, 'iu.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expect(refusal(fifo).message).toContain('named pipe');
  });
});
