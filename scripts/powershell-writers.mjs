// Writers that produce inventory text byte for byte as Windows PowerShell 1.0/2.0 writes it on a server:
// Export-Csv / ConvertTo-Csv, `Format-List > file`, Export-Clixml, and the encodings of -Encoding / `>`.
// Shared by scripts/make-sample-fleet.mjs and scripts/gen-fleet.mjs; tests round-trip it through the parsers
// in src/ingest/.
import { Buffer } from 'node:buffer';
import { TextDecoder } from 'node:util';
import iconv from 'iconv-lite';

export const CRLF = '\r\n';

// ---------------------------------------------------------------------------------------------------
// Encodings (System.Text.Encoding as used by Export-Csv -Encoding, Out-File and `>`)

/**
 * Windows best-fit mappings of cp932 (Unicode's WindowsBestFit/bestfit932.txt, WCTABLE) for the characters
 * our inventories contain that cp932 lacks. .NET's code-page encodings fall back to best fit by default, so
 * `Export-Csv -Encoding Default` on Japanese Windows writes `Microsoft®` as `MicrosoftR`.
 */
const BEST_FIT_932 = new Map([
  ['\u00a9', 'c'],
  ['\u00ae', 'R'],
]);

function encodeCp932(text) {
  const fitted = text.replace(/[\u00a9\u00ae]/g, (c) => BEST_FIT_932.get(c) ?? c);
  const bytes = iconv.encode(fitted, 'cp932');
  // iconv-lite writes '?' for what cp932 cannot hold; Windows would best-fit it, which is not modelled here.
  const back = new TextDecoder('shift_jis').decode(bytes);
  if (back !== fitted) {
    const at = [...fitted].findIndex((c, i) => c !== [...back][i]);
    throw new Error(`cp932 cannot encode ${JSON.stringify([...fitted][at])} and its best fit is not modelled`);
  }
  return bytes;
}

export const ENCODINGS = {
  ascii: {
    label: 'ASCII, no BOM',
    // .NET's ASCIIEncoding replaces each UTF-16 code unit above 0x7F with '?'.
    encode: (text) => Buffer.from(text.replace(/[\u0080-\uffff]/g, '?'), 'latin1'),
  },
  utf8: {
    label: 'UTF-8 with BOM (EF BB BF)',
    encode: (text) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
  },
  unicode: {
    label: 'UTF-16LE with BOM (FF FE)',
    encode: (text) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
  },
  cp932: {
    label: 'Shift_JIS (cp932, `-Encoding Default` on Japanese Windows), no BOM',
    encode: encodeCp932,
  },
};

// ---------------------------------------------------------------------------------------------------
// Export-Csv / ConvertTo-Csv

/** One CSV field as Windows PowerShell's ExportCsvHelper writes it: null → nothing, else "…" with "" escapes. */
function csvField(value) {
  if (value === null) return '';
  if (typeof value !== 'string') throw new Error(`CSV values are strings or null, got ${typeof value}`);
  return `"${value.replace(/"/g, '""')}"`;
}

/** Export-Csv / ConvertTo-Csv text: optional #TYPE line, quoted header, one line per object, CRLF after each. */
export function csvText({ typeName, columns, rows, delimiter = ',' }) {
  const lines = [];
  if (typeName !== null) lines.push(`#TYPE ${typeName}`);
  lines.push(columns.map(csvField).join(delimiter));
  for (const row of rows) {
    lines.push(
      columns
        .map((column) => {
          if (!(column in row)) throw new Error(`row is missing column ${column}`);
          return csvField(row[column]);
        })
        .join(delimiter),
    );
  }
  return lines.map((line) => line + CRLF).join('');
}

// ---------------------------------------------------------------------------------------------------
// Format-List > file

/**
 * Console cells of one UTF-16 code unit as PowerShell's DisplayCells counts them (East Asian Wide and
 * Fullwidth take two; the ranges of PowerShell's own table).
 */
function charCells(code) {
  const wide =
    code >= 0x1100 &&
    (code <= 0x115f ||
      code === 0x2329 ||
      code === 0x232a ||
      (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe6f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6));
  return wide ? 2 : 1;
}

export function displayCells(text) {
  let cells = 0;
  for (let i = 0; i < text.length; i++) cells += charCells(text.charCodeAt(i));
  return cells;
}

/** `{a, b}` as Format-List prints a collection, cut to `$FormatEnumerationLimit` (4) items with `...`. */
export function formatListCollection(items, limit = 4) {
  const shown = items.slice(0, limit).join(', ');
  return `{${shown}${items.length > limit ? '...' : ''}}`;
}

/**
 * StringManipulationHelper.GenerateLines: splits one line of a value into chunks of at most `field` cells.
 * `word` (en, fr, de, it, pt, es cultures) breaks after a space or tab and keeps it at the end of the earlier
 * chunk, cutting only words wider than the field; `char` (every other culture, ja among them) cuts at the
 * field width, mid-word. A double-width character that cannot fit at all becomes '?'.
 */
function wrapLine(line, field, wrap) {
  if (displayCells(line) <= field) return [line];
  if (/[\u00a0\u00ad\u2011\ud800-\udfff]/.test(line)) throw new Error('wrapping of NBSP, soft hyphen, non-breaking hyphen and surrogates is not modelled');
  const chunks = [];
  if (wrap === 'char') {
    let offset = 0;
    while (displayCells(line.slice(offset)) > field) {
      let take = 0;
      let cells = 0;
      while (cells + charCells(line.charCodeAt(offset + take)) <= field) cells += charCells(line.charCodeAt(offset + take++));
      if (take === 0) {
        chunks.push('?');
        offset += 1;
      } else {
        chunks.push(line.slice(offset, offset + take));
        offset += take;
      }
    }
    chunks.push(line.slice(offset));
    return chunks;
  }
  if (wrap !== 'word') throw new Error(`unknown wrap mode ${wrap}`);
  let current = '';
  let spacesLeft = field;
  /** Adds text to the current chunk, or starts the next chunk with it when it does not fit. */
  const place = (text, cells) => {
    if (cells > spacesLeft) {
      chunks.push(current);
      current = text;
      spacesLeft = field - cells;
    } else {
      current += text;
      spacesLeft -= cells;
    }
  };
  // GetWords: a word keeps the space or tab that ends it.
  for (const word of line.split(/(?<=[ \t])/)) {
    const width = displayCells(word);
    if (width <= field) place(word, width);
    else {
      // A word wider than a whole chunk is laid out character by character.
      for (let i = 0; i < word.length; i++) {
        const cells = charCells(word.charCodeAt(i));
        if (cells > field) place('?', 1);
        else place(word.charAt(i), cells);
      }
    }
  }
  chunks.push(current);
  return chunks;
}

/**
 * `… | Format-List > file` text (Out-File at `width` columns). Each record is a list of [name, text] with
 * the value already as PowerShell prints it (see formatListCollection). Labels are padded to the record's
 * longest name, then ` : `; a long value is cut into chunks by `wrap` (see wrapLine) and every chunk after
 * the first is indented to the value column. The output starts with two blank lines, every record ends
 * with one and the list with two more (FormatStart, GroupStart, entry ends, GroupEnd, FormatEnd).
 */
export function formatListText(records, { width = 80, wrap = 'word' } = {}) {
  const lines = ['', ''];
  for (const record of records) {
    const labelCells = Math.max(...record.map(([name]) => displayCells(name)));
    const field = width - labelCells - 3;
    if (field < 1) throw new Error(`labels of ${labelCells} cells leave no room at width ${width}`);
    const padding = ' '.repeat(labelCells + 3);
    for (const [name, value] of record) {
      if (typeof value !== 'string') throw new Error(`${name}: Format-List values are strings, got ${typeof value}`);
      const label = `${name}${' '.repeat(labelCells - displayCells(name))} : `;
      const chunks = value
        .replace(/\r/g, '')
        .split('\n')
        .flatMap((line) => wrapLine(line, field, wrap));
      chunks.forEach((chunk, i) => lines.push((i === 0 ? label : padding) + chunk));
    }
    lines.push('');
  }
  lines.push('', '');
  return lines.map((line) => line + CRLF).join('');
}

/** The wrap mode of a culture (see wrapLine): PowerShell word-wraps only en, fr, de, it, pt and es. */
export function wrapModeOf(lang) {
  return ['en', 'fr', 'de', 'it', 'pt', 'es'].includes(lang) ? 'word' : 'char';
}

// ---------------------------------------------------------------------------------------------------
// Export-Clixml

/**
 * Values for clixmlText: primitives `{ tag, text }` (S, I32, I64, U16, U32, B, DT, URI, Version, G), `{ tag:
 * 'Nil' }`, and objects `{ tag: 'Obj', typeNames, toStringText?, primitive?, list?, props?, members? }` where props
 * (adapted properties, <Props>) and members (note properties, <MS>) are [name, value] lists.
 */
export const clixml = {
  string: (text) => (text === null ? { tag: 'Nil' } : { tag: 'S', text }),
  int32: (n) => ({ tag: 'I32', text: String(n) }),
  int64: (n) => ({ tag: 'I64', text: String(n) }),
  uint16: (n) => ({ tag: 'U16', text: String(n) }),
  uint32: (n) => ({ tag: 'U32', text: String(n) }),
  boolean: (b) => ({ tag: 'B', text: b ? 'true' : 'false' }),
  /** `2013-03-05T10:15:44+09:00`: XmlConvert's round-trip form of a local DateTime (no fraction when zero). */
  dateTime: (iso) => ({ tag: 'DT', text: iso }),
  uri: (text) => ({ tag: 'URI', text }),
  version: (text) => ({ tag: 'Version', text }),
  guid: (text) => ({ tag: 'G', text }),
  nil: () => ({ tag: 'Nil' }),
  object: (fields) => ({ tag: 'Obj', ...fields }),
};

/**
 * PowerShell's serializer writes characters XML cannot carry (controls, CR, LF, TAB, U+FFFE/FFFF, lone
 * surrogates) and an `_` followed by `x` as `_xHHHH_`, then XmlWriter escapes &, < and > (and " in attributes).
 */
function clixmlEscape(text, attribute = false) {
  const isHigh = (code) => code >= 0xd800 && code <= 0xdbff;
  const isLow = (code) => code >= 0xdc00 && code <= 0xdfff;
  let encoded = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const loneSurrogate = (isHigh(code) && !isLow(text.charCodeAt(i + 1))) || (isLow(code) && !isHigh(text.charCodeAt(i - 1)));
    const escape = code < 0x20 || code === 0xfffe || code === 0xffff || loneSurrogate || (code === 0x5f && /^[xX]$/.test(text.charAt(i + 1)));
    encoded += escape ? `_x${code.toString(16).toUpperCase().padStart(4, '0')}_` : text.charAt(i);
  }
  const xml = encoded.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return attribute ? xml.replace(/"/g, '&quot;') : xml;
}

/**
 * `… | Export-Clixml file.xml` text (PowerShell 2.0 serialization): XmlWriter with two-space indentation,
 * CRLF, no XML declaration and no line break after `</Objs>`. Every Obj gets the next RefId; a type-name
 * list is written once as <TN RefId> and referred to by <TNRef> afterwards.
 */
export function clixmlText(objects) {
  const lines = ['<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">'];
  let nextObject = 0;
  const typeRefs = new Map();
  const write = (value, name, depth) => {
    const indent = '  '.repeat(depth);
    const n = name === null ? '' : ` N="${clixmlEscape(name, true)}"`;
    if (value.tag === 'Nil') {
      lines.push(`${indent}<Nil${n} />`);
      return;
    }
    if (value.tag !== 'Obj') {
      lines.push(`${indent}<${value.tag}${n}>${clixmlEscape(value.text)}</${value.tag}>`);
      return;
    }
    const inner = `${indent}  `;
    lines.push(`${indent}<Obj${n} RefId="${nextObject++}">`);
    const key = value.typeNames.join('\n');
    const ref = typeRefs.get(key);
    if (ref === undefined) {
      typeRefs.set(key, typeRefs.size);
      lines.push(`${inner}<TN RefId="${typeRefs.size - 1}">`, ...value.typeNames.map((t) => `${inner}  <T>${clixmlEscape(t)}</T>`), `${inner}</TN>`);
    } else {
      lines.push(`${inner}<TNRef RefId="${ref}" />`);
    }
    if (value.toStringText !== undefined) lines.push(`${inner}<ToString>${clixmlEscape(value.toStringText)}</ToString>`);
    if (value.primitive !== undefined) write(value.primitive, null, depth + 1);
    if (value.list !== undefined) {
      if (value.list.length === 0) lines.push(`${inner}<LST />`);
      else {
        lines.push(`${inner}<LST>`);
        for (const item of value.list) write(item, null, depth + 2);
        lines.push(`${inner}</LST>`);
      }
    }
    for (const [tag, group] of [['Props', value.props], ['MS', value.members]]) {
      if (group === undefined) continue;
      if (group.length === 0) {
        lines.push(`${inner}<${tag} />`);
        continue;
      }
      lines.push(`${inner}<${tag}>`);
      for (const [member, memberValue] of group) write(memberValue, member, depth + 2);
      lines.push(`${inner}</${tag}>`);
    }
    lines.push(`${indent}</Obj>`);
  };
  for (const object of objects) write(object, null, 1);
  lines.push('</Objs>');
  return lines.join(CRLF);
}

// ---------------------------------------------------------------------------------------------------
// DateTime.ToString() in the server's culture

const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

/** DateTime.ToString() (general format) in the host's culture: en-US `M/d/yyyy h:mm:ss AM`, ja-JP `yyyy/MM/dd H:mm:ss`. */
export function cultureDateTime(iso, lang) {
  const m = ISO_LOCAL.exec(iso);
  if (m === null) throw new Error(`not a local ISO date-time: ${iso}`);
  const [, y, mo, d, h, mi, se] = m;
  if (lang === 'ja') return `${y}/${mo}/${d} ${Number(h)}:${mi}:${se}`;
  if (lang !== 'en') throw new Error(`no date format for culture ${lang}`);
  const hour = Number(h) % 12 === 0 ? 12 : Number(h) % 12;
  return `${Number(mo)}/${Number(d)}/${y} ${hour}:${mi}:${se} ${Number(h) < 12 ? 'AM' : 'PM'}`;
}

/** The inverse of cultureDateTime, for re-serialising an exported culture string as a CLIXML DateTime. */
export function isoFromCultureDateTime(text, lang) {
  const pad = (n) => String(n).padStart(2, '0');
  if (lang === 'ja') {
    const m = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{1,2}):(\d{2}):(\d{2})$/.exec(text);
    if (m !== null) return `${m[1]}-${m[2]}-${m[3]}T${pad(m[4])}:${m[5]}:${m[6]}`;
  } else if (lang === 'en') {
    const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2}) (AM|PM)$/.exec(text);
    if (m !== null) return `${m[3]}-${pad(m[1])}-${pad(m[2])}T${pad((Number(m[4]) % 12) + (m[7] === 'PM' ? 12 : 0))}:${m[5]}:${m[6]}`;
  }
  throw new Error(`not a ${lang} DateTime.ToString(): ${text}`);
}
