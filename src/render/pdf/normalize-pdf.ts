/**
 * Chromium writes two things into a PDF that differ between prints of the same HTML: the time of
 * printing (`/CreationDate`, `/ModDate`), and structure-element ids taken from the renderer's DOM
 * node counter (`node00001288`), which depends on what the page printed before. Both are rewritten
 * in place to values of the same byte length, so every cross-reference offset stays valid: the same
 * HTML printed by the same browser then gives the same bytes, and SHA256SUMS stays stable across
 * re-runs. A PDF in a shape this does not recognise is returned unchanged. Byte searches, not a
 * regular expression over the whole file: this runs once per printed document.
 */
export function normalizeChromiumPdf(pdf: Uint8Array, date: string): Uint8Array {
  const bytes = Buffer.from(pdf);
  const datesFixed = fixDates(bytes, date);
  const idsFixed = renumberNodeIds(bytes);
  return datesFixed || idsFixed ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : pdf;
}

const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const CLOSE = 0x29; // ')'

function isDigits(bytes: Buffer, start: number, count: number): boolean {
  for (let index = start; index < start + count; index++) {
    const byte = bytes[index];
    if (byte === undefined || byte < DIGIT_0 || byte > DIGIT_9) return false;
  }
  return true;
}

/** `date` is YYYY-MM-DD; the time becomes midnight UTC. Returns whether anything changed. */
function fixDates(bytes: Buffer, date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const digits = `${date.replaceAll('-', '')}000000`;
  let changed = false;
  for (const key of ['/CreationDate (D:', '/ModDate (D:']) {
    const at = bytes.indexOf(key, 0, 'latin1');
    const start = at + key.length;
    if (at < 0 || !isDigits(bytes, start, 14)) continue;
    const close = bytes.indexOf(CLOSE, start + 14);
    if (close < 0) continue;
    const zone = bytes.toString('latin1', start + 14, close);
    // Keep the length: "+09'00'" becomes "+00'00'", "Z" stays "Z"; anything else is left alone.
    const utc = /^[+-]\d\d'\d\d'$/.test(zone) ? "+00'00'" : zone === 'Z' ? 'Z' : null;
    if (utc === null) continue;
    bytes.write(`${digits}${utc}`, start, 'latin1');
    changed = true;
  }
  return changed;
}

const ID_PREFIX = '/ID (node';
const ANY_PREFIX = '(node';
const ID_DIGITS = 8;

/**
 * Renumbers the ids 1, 2, 3… in their original order, so the id name tree (sorted by key) stays
 * sorted. Ids are fixed-width; any other width means a format this code does not know.
 */
function renumberNodeIds(bytes: Buffer): boolean {
  const found: { at: number; id: string }[] = [];
  for (let at = bytes.indexOf(ANY_PREFIX, 0, 'latin1'); at >= 0; at = bytes.indexOf(ANY_PREFIX, at + 1, 'latin1')) {
    const start = at + ANY_PREFIX.length;
    let end = start;
    while (isDigits(bytes, end, 1)) end++;
    if (end === start || bytes[end] !== CLOSE) continue;
    if (end - start !== ID_DIGITS) return false;
    found.push({ at: start, id: bytes.toString('latin1', start, end) });
  }
  const elementIds = new Set<string>();
  for (let at = bytes.indexOf(ID_PREFIX, 0, 'latin1'); at >= 0; at = bytes.indexOf(ID_PREFIX, at + 1, 'latin1')) {
    const start = at + ID_PREFIX.length;
    if (isDigits(bytes, start, ID_DIGITS) && bytes[start + ID_DIGITS] === CLOSE) elementIds.add(bytes.toString('latin1', start, start + ID_DIGITS));
  }
  if (elementIds.size === 0) return false;
  const renumbered = new Map([...elementIds].sort().map((id, index) => [id, String(index + 1).padStart(ID_DIGITS, '0')]));
  let changed = false;
  for (const { at, id } of found) {
    const next = renumbered.get(id);
    if (next === undefined || next === id) continue;
    bytes.write(next, at, 'latin1');
    changed = true;
  }
  return changed;
}
