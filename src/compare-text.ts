/** Code-unit order: locale-independent, so output never depends on the analyst's machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
