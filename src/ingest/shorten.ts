/**
 * Inventory text quoted in a diagnostic, cut to `max` characters (the last one an ellipsis): a damaged
 * or hostile file can hold a megabyte-long value, and a message must stay one readable line.
 */
export function shorten(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
