import type { Lang } from '../i18n/messages.js';
import { isWide } from '../ingest/display-cells.js';
import { t } from '../render/render-context.js';

export interface ProgressStream {
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
  write(text: string): unknown;
}

export interface ProgressReporter {
  /** One item finished; `name` is what it was (a server name: inventory data). */
  tick(name: string): void;
  /** Clears the live line on a terminal. Safe to call more than once. */
  done(): void;
}

const BAR_WIDTH = 10;
const CLEAR_LINE = '\r\u001b[K';

/**
 * Progress for a long step such as printing PDFs, on stderr. A terminal gets one redrawn line
 * (`pdf [#####-----] 12/40 · ETA 0:07 · EXCAS01`); a pipe or CI log gets one plain line per item
 * (`pdf 12/40 EXCAS01`), since carriage returns turn logs into noise.
 */
export function createProgressReporter(
  stream: ProgressStream,
  label: string,
  total: number,
  clock: () => number = Date.now,
  lang: Lang = 'en',
): ProgressReporter {
  const started = clock();
  const live = stream.isTTY === true;
  const safeLabel = printable(label);
  let count = 0;
  let drawn = false;
  let finished = false;

  return {
    tick(name: string): void {
      if (finished) return;
      count = Math.min(count + 1, Math.max(total, 0));
      const safeName = printable(name);
      if (!live) {
        stream.write(`${safeLabel} ${count}/${total} ${safeName}\n`);
        return;
      }
      const filled = total > 0 ? Math.round((count / total) * BAR_WIDTH) : BAR_WIDTH;
      const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
      const elapsed = Math.max(0, clock() - started);
      const eta = count > 0 ? (elapsed / count) * (total - count) : 0;
      const line = `${safeLabel} ${bar} ${count}/${total} · ${t({ lang }, 'cli.progress.eta', { time: formatDuration(eta) })} · ${safeName}`;
      // One column short of the width, so the terminal never wraps and \r still reaches the start.
      stream.write(CLEAR_LINE + truncateToWidth(line, (stream.columns ?? 80) - 1));
      drawn = true;
    },
    done(): void {
      if (finished) return;
      finished = true;
      if (live && drawn) stream.write(CLEAR_LINE);
    },
  };
}

/** `m:ss`, or `h:mm:ss` from an hour up; rounded up so the last seconds never show 0:00 early. */
export function formatDuration(milliseconds: number): string {
  const totalSeconds = Math.ceil(Math.max(0, milliseconds) / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = String(totalSeconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** Names come from inventory files: never let them carry terminal control sequences. */
export function printable(text: string): string {
  return Array.from(text)
    .filter((character) => !isControl(character.codePointAt(0) ?? 0))
    .join('');
}

/** C0 and C1 controls, DEL, and the bidirectional overrides that can disguise a line. */
function isControl(codePoint: number): boolean {
  return (
    codePoint <= 0x1f ||
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2066 && codePoint <= 0x2069)
  );
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

function truncateToWidth(text: string, width: number): string {
  const clusters = Array.from(graphemes.segment(text), ({ segment }) => segment);
  const widthOf = (cluster: string): number => (isWide(cluster.codePointAt(0) ?? 0) ? 2 : 1);
  let used = clusters.reduce((sum, cluster) => sum + widthOf(cluster), 0);
  if (used <= width) return text;
  while (clusters.length > 0 && used + 1 > width) used -= widthOf(clusters.pop() ?? '');
  return `${clusters.join('')}…`;
}
