/** How `d/d/yyyy` reads: day first (en-GB, fr, it, es …) or month first (en-US); see date-order.ts. */
export type DateOrder = 'dmy' | 'mdy';

/**
 * A DateTime as PowerShell writes it in the server's culture (Export-Csv / Format-List call ToString()):
 * `2013/03/05 10:15:22` (ja-JP), `3/5/2013 10:15:22 AM` (en-US), `05.03.2013 10:15:22` (de-DE),
 * `05/03/2013 10:15:22` (en-GB: day first, told apart from en-US only by a 24-hour clock or a day > 12),
 * `2013-03-05T10:15:22` (CLIXML). Returns `YYYY-MM-DDTHH:MM:SS` in the server's local time (so two
 * values from one server compare as strings), or null when the text is not a date.
 *
 * `order` says how to read `d/d/yyyy` when the file or the server's language has told (date-order.ts);
 * without it, the guess below: a 24-hour clock means day first (en-GB), else month first.
 */
export function parseDateTime(text: string, order?: DateOrder): string | null {
  const t = text.trim();
  let year: number;
  let month: number;
  let day: number;
  let rest: string;
  const ymd = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?:[T\s]+([\s\S]*))?$/.exec(t);
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+([\s\S]*))?$/.exec(t);
  const slashed = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+([\s\S]*))?$/.exec(t);
  if (ymd) {
    [year, month, day, rest] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3]), ymd[4] ?? ''];
  } else if (dotted) {
    [year, month, day, rest] = [Number(dotted[3]), Number(dotted[2]), Number(dotted[1]), dotted[4] ?? ''];
  } else if (slashed) {
    rest = slashed[4] ?? '';
    const first = Number(slashed[1]);
    const second = Number(slashed[2]);
    // en-US writes M/d/yyyy h:mm:ss AM; cultures with a 24-hour clock and d/M order write no AM/PM.
    const guess = order === undefined ? second <= 12 && !/[AP]M\s*$/i.test(rest) && rest !== '' : order === 'dmy';
    const dayFirst = first > 12 || (second <= 12 && guess);
    [year, month, day] = dayFirst ? [Number(slashed[3]), second, first] : [Number(slashed[3]), first, second];
  } else {
    return null;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  let hour = 0;
  let minute = 0;
  let second = 0;
  if (rest !== '') {
    // `(?:marker\s*)?` rather than `\s*marker?\s*`: no quadratic backtracking on a run of spaces.
    const time = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*(?:(AM|PM|午前|午後)\s*)?(?:Z|[+-]\d{2}:?\d{2})?$/i.exec(rest) ?? /^(午前|午後)\s*(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(rest);
    if (!time) return null;
    const prefixed = time[1] === '午前' || time[1] === '午後';
    const [h, m, s, marker] = prefixed ? [time[2], time[3], time[4], time[1]] : [time[1], time[2], time[3], time[4]];
    hour = Number(h);
    minute = Number(m);
    second = Number(s ?? '0');
    const pm = marker !== undefined && /^(PM|午後)$/i.test(marker);
    const am = marker !== undefined && /^(AM|午前)$/i.test(marker);
    if (pm && hour < 12) hour += 12;
    if (am && hour === 12) hour = 0;
    if (hour > 23 || minute > 59 || second > 59) return null;
  }
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}`;
}
