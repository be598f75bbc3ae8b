import type { Lang } from './messages.js';

/** Minutes as an operator reads them: "1 h 35 min" / "1 時間 35 分"; "0 min" for none. */
export function formatMinutes(minutes: number, lang: Lang): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (lang === 'ja') return hours === 0 ? `${rest} 分` : rest === 0 ? `${hours} 時間` : `${hours} 時間 ${rest} 分`;
  return hours === 0 ? `${rest} min` : rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
