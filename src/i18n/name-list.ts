import type { Lang } from './messages.js';

/**
 * Server names as a rule hands them to a message or a step: printed whole while short, shortened
 * past that. A runbook that listed every server of the fleet (the Client Access servers to finish
 * first, the servers already on the service pack) grew with the fleet, and the fleet's output with
 * its square; the fleet plan lists every server, wave by wave.
 */
export interface NameList {
  readonly kind: 'names';
  readonly names: readonly string[];
}

/** At most this many names are printed whole. */
export const NAME_LIST_WHOLE = 12;
/** A longer list prints this many, then how many more. */
export const NAME_LIST_SHOWN = 10;

export function nameList(names: readonly string[]): NameList {
  return { kind: 'names', names };
}

export function isNameList(value: unknown): value is NameList {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'names';
}

/** `A, B, C`; past NAME_LIST_WHOLE names, the first NAME_LIST_SHOWN and the count of the rest. */
export function formatNameList(list: NameList, lang: Lang): string {
  const { names } = list;
  if (names.length <= NAME_LIST_WHOLE) return names.join(', ');
  const shown = names.slice(0, NAME_LIST_SHOWN).join(', ');
  const more = names.length - NAME_LIST_SHOWN;
  return lang === 'ja' ? `${shown} ほか ${more} 台、全 ${names.length} 台はサーバー群の計画に記載` : `${shown} and ${more} more; the fleet plan lists all ${names.length}`;
}
