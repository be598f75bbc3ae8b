import { describe, expect, it } from 'vitest';
import { createProgressReporter, formatDuration } from './progress.js';

function fakeStream(isTTY: boolean, columns?: number) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, ...(columns === undefined ? {} : { columns }), write: (text: string) => writes.push(text) } };
}

/** A clock that returns the given times in turn (the first is read at creation). */
function clockOf(...times: number[]): () => number {
  let index = 0;
  return () => times[Math.min(index++, times.length - 1)] ?? 0;
}

describe('createProgressReporter on a terminal', () => {
  it('redraws one line with a bar, the count and an ETA from the injected clock', () => {
    const { stream, writes } = fakeStream(true, 120);
    // created at 0; 1 s per item → after 12 of 40 items at 12 s, 28 s remain
    const progress = createProgressReporter(stream, 'pdf', 40, clockOf(0, 1_000, 12_000));
    progress.tick('EXCAS01');
    progress.tick('EXMBX02');
    expect(writes).toEqual([
      '\r\u001b[Kpdf [----------] 1/40 · ETA 0:39 · EXCAS01',
      '\r\u001b[Kpdf [#---------] 2/40 · ETA 3:48 · EXMBX02',
    ]);
  });

  it('fills the bar at the end and clears the line when done, once', () => {
    const { stream, writes } = fakeStream(true, 120);
    const progress = createProgressReporter(stream, 'pdf', 2, clockOf(0, 500, 1_000));
    progress.tick('A');
    progress.tick('B');
    progress.done();
    progress.done();
    progress.tick('late');
    expect(writes).toEqual([
      '\r\u001b[Kpdf [#####-----] 1/2 · ETA 0:01 · A',
      '\r\u001b[Kpdf [##########] 2/2 · ETA 0:00 · B',
      '\r\u001b[K',
    ]);
  });

  it('never writes wider than the terminal, so \\r keeps working', () => {
    const { stream, writes } = fakeStream(true, 40);
    const progress = createProgressReporter(stream, 'pdf', 3, clockOf(0, 10));
    progress.tick('EXCHANGE-MAILBOX-SERVER-WITH-A-LONG-NAME-01');
    progress.tick('東京メールボックスサーバー第一号機');
    for (const write of writes) {
      const visible = Array.from(write.replace('\r\u001b[K', ''));
      const width = visible.reduce((sum, c) => sum + (/[\u3000-\u9fff]/.test(c) ? 2 : 1), 0);
      expect(width).toBeLessThanOrEqual(39);
      expect(write.endsWith('…')).toBe(true);
    }
  });

  it('clears nothing when nothing was drawn', () => {
    const { stream, writes } = fakeStream(true);
    createProgressReporter(stream, 'pdf', 5).done();
    expect(writes).toEqual([]);
  });
});

describe('createProgressReporter in a log (not a terminal)', () => {
  it('writes one plain line per item, without carriage returns', () => {
    const { stream, writes } = fakeStream(false);
    const progress = createProgressReporter(stream, 'pdf', 40, clockOf(0));
    for (let i = 1; i <= 12; i++) progress.tick(`EXCAS${String(i).padStart(2, '0')}`);
    progress.done();
    expect(writes).toHaveLength(12);
    expect(writes[11]).toBe('pdf 12/40 EXCAS12\n');
    expect(writes.join('')).not.toContain('\r');
  });

  it('strips terminal control sequences from inventory names', () => {
    const { stream, writes } = fakeStream(false);
    const progress = createProgressReporter(stream, 'pdf', 1);
    progress.tick('EX\u001b]0;owned\u0007CAS\r01\u202e');
    expect(writes).toEqual(['pdf 1/1 EX]0;ownedCAS01\n']);
  });

  it('does not count past the total', () => {
    const { stream, writes } = fakeStream(false);
    const progress = createProgressReporter(stream, 'pdf', 1);
    progress.tick('A');
    progress.tick('A again');
    expect(writes).toEqual(['pdf 1/1 A\n', 'pdf 1/1 A again\n']);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0:00'],
    [1, '0:01'],
    [7_000, '0:07'],
    [59_001, '1:00'],
    [600_000, '10:00'],
    [3_725_000, '1:02:05'],
    [-5, '0:00'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
