import { isAscii, isUtf8 } from 'node:buffer';
import type { Diagnostic } from './diagnostic.js';
import { lineAt } from './line-at.js';
import { shorten } from './shorten.js';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'shift_jis';

export type DecodeResult =
  | { readonly ok: true; readonly text: string; readonly encoding: TextEncoding; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostic: Diagnostic };

/**
 * Turns the bytes of an inventory file into text. Windows PowerShell writes UTF-16LE with a BOM from
 * `>`/Out-File/Export-Clixml, UTF-8 with a BOM from `-Encoding UTF8`, ASCII from Export-Csv's default and
 * the ANSI code page (cp932 on Japanese Windows) from `-Encoding Default`; the BOM wins, then strict
 * UTF-8, then cp932.
 *
 * Not read (ok: false): `binary-file` (warning: a known non-text format such as a ZIP archive or an
 * image, which is no export), and the errors `unsupported-encoding` (UTF-32 BOM), `bom-mismatch` (the
 * BOM contradicts the body, e.g. a file re-saved by a tool that kept the old BOM), `undecodable` and
 * `nul-bytes` (a damaged or binary file), the last two with the first bad line.
 * Diagnostics on success: `utf16-without-bom`, `decoded-as-cp932` and `bom-inside` (info), `ascii-question-marks`
 * (warning: Export-Csv's ASCII default replaced non-ASCII text with `?`).
 */
export function decodeText(bytes: Uint8Array, file: string): DecodeResult {
  const diagnostics: Diagnostic[] = [];
  const format = binaryFormat(bytes);
  if (format !== null) {
    return { ok: false, diagnostic: { severity: 'warning', code: 'binary-file', file, data: { format } } };
  }
  const utf32 = utf32Bom(bytes);
  if (utf32 !== null) {
    return { ok: false, diagnostic: { severity: 'error', code: 'unsupported-encoding', file, data: { encoding: utf32 } } };
  }
  let encoding: TextEncoding;
  let body: Uint8Array;
  const bomless = bomlessUtf16(bytes);
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf-8-bom';
    body = bytes.subarray(3);
  } else if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    body = bytes.subarray(2);
  } else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    body = bytes.subarray(2);
  } else if (bomless !== null) {
    encoding = bomless;
    body = bytes;
    diagnostics.push({ severity: 'info', code: 'utf16-without-bom', file, data: { encoding: encoding.toUpperCase() } });
  } else {
    body = bytes;
    encoding = isUtf8(bytes) ? 'utf-8' : 'shift_jis';
    if (encoding === 'shift_jis') diagnostics.push({ severity: 'info', code: 'decoded-as-cp932', file, data: {} });
  }
  const mismatch = bomMismatch(encoding, body, bytes.length !== body.length);
  if (mismatch !== null) {
    return { ok: false, diagnostic: { severity: 'error', code: 'bom-mismatch', file, data: { bom: encoding, reason: mismatch } } };
  }
  const decoderName = encoding === 'utf-8-bom' ? 'utf-8' : encoding;
  let text: string;
  try {
    text = new TextDecoder(decoderName, { fatal: true }).decode(body);
  } catch {
    // Without a BOM, cp932 was only tried because the bytes were not UTF-8 either.
    const tried = encoding === 'shift_jis' ? 'UTF-8 / Shift_JIS (cp932)' : encoding;
    const lenient = new TextDecoder(decoderName).decode(body);
    return { ok: false, diagnostic: { severity: 'error', code: 'undecodable', file, line: lineAt(lenient, lenient.indexOf('\uFFFD')), data: { encoding: tried } } };
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    return { ok: false, diagnostic: { severity: 'error', code: 'nul-bytes', file, line: lineAt(text, nul), data: {} } };
  }
  // Files joined with `copy /b a.csv+b.csv` or `cat` keep the second file's BOM at the start of a line,
  // where it would hide its #TYPE line or header. Nothing else puts U+FEFF there.
  const innerBom = text.search(/\n\uFEFF/);
  if (innerBom >= 0) {
    text = text.replace(/\n\uFEFF/g, '\n');
    diagnostics.push({ severity: 'info', code: 'bom-inside', file, line: lineAt(text, innerBom + 1), data: {} });
  }
  if (encoding === 'utf-8' && isAscii(body)) {
    const lost = findQuestionMarkRuns(text);
    if (lost !== null) {
      diagnostics.push({
        severity: 'warning',
        code: 'ascii-question-marks',
        file,
        line: lost.line,
        data: { sample: lost.sample, lines: lost.lines },
      });
    }
  }
  return { ok: true, text, encoding, diagnostics };
}

/**
 * Text saved as UTF-16 without a BOM. Inventory text is mostly ASCII (property names, CR LF, numbers),
 * whose high bytes are NUL: in the first few hundred bytes at least a third of the high bytes are NUL and
 * hardly any low byte is (a CJK character such as U+4E00 has a NUL low byte, so a few are allowed). The
 * high byte comes second in UTF-16LE, first in UTF-16BE (what Java and some Unix tools write).
 */
function bomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 512);
  if (n < 4) return null;
  let odd = 0;
  let even = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const units = n / 2;
  if (bytes[0] !== 0 && odd >= units / 3 && even <= units / 50) return 'utf-16le';
  if (bytes[1] !== 0 && even >= units / 3 && odd <= units / 50) return 'utf-16be';
  return null;
}

/**
 * Files that are certainly not text exports, by their first bytes: what lands in an inventory folder by
 * mistake (the zipped collection itself, screenshots, Office documents, event logs, programs).
 */
const BINARY_SIGNATURES: readonly { readonly format: string; readonly magic: readonly number[]; readonly needsNul?: boolean }[] = [
  { format: 'ZIP archive', magic: [0x50, 0x4b, 0x03, 0x04] },
  { format: 'ZIP archive', magic: [0x50, 0x4b, 0x05, 0x06] },
  { format: '7-Zip archive', magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { format: 'RAR archive', magic: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] },
  { format: 'gzip archive', magic: [0x1f, 0x8b] },
  { format: 'PNG image', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { format: 'JPEG image', magic: [0xff, 0xd8, 0xff] },
  { format: 'GIF image', magic: [0x47, 0x49, 0x46, 0x38] },
  { format: 'BMP image', magic: [0x42, 0x4d], needsNul: true },
  { format: 'PDF document', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { format: 'Office document (OLE)', magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { format: 'Windows event log', magic: [0x45, 0x6c, 0x66, 0x46, 0x69, 0x6c, 0x65, 0x00] },
  { format: 'Windows program (MZ)', magic: [0x4d, 0x5a], needsNul: true },
  { format: 'ELF program', magic: [0x7f, 0x45, 0x4c, 0x46] },
];

function binaryFormat(bytes: Uint8Array): string | null {
  const head = bytes.subarray(0, 64);
  const hasNul = head.includes(0);
  for (const { format, magic, needsNul } of BINARY_SIGNATURES) {
    if (magic.length <= bytes.length && magic.every((b, i) => bytes[i] === b) && (needsNul !== true || hasNul)) return format;
  }
  return null;
}

/** PowerShell's `-Encoding UTF32` writes FF FE 00 00; TextDecoder cannot read UTF-32 at all. */
function utf32Bom(bytes: Uint8Array): 'utf-32le' | 'utf-32be' | null {
  if (bytes.length < 4) return null;
  if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) return 'utf-32le';
  if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) return 'utf-32be';
  return null;
}

/**
 * A BOM that lies: the body cannot be in the encoding the BOM announces. Inventory text always contains
 * ASCII (property names, CR LF), so genuine UTF-16 has a NUL as the high byte of those characters; a
 * UTF-16 "body" of 8+ code units without a single NUL high byte is 8-bit text behind a stale BOM.
 * Returns the reason, or null when the body is plausible.
 */
function bomMismatch(encoding: TextEncoding, body: Uint8Array, hadBom: boolean): string | null {
  if (!hadBom) return null;
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    if (body.length % 2 !== 0) return 'odd-length';
    if (body.length >= 16) {
      const high = encoding === 'utf-16le' ? 1 : 0;
      let nulHigh = 0;
      for (let i = high; i < body.length; i += 2) if (body[i] === 0) nulHigh++;
      if (nulHigh === 0) return 'no-nul-high-bytes';
    }
    return null;
  }
  if (encoding === 'utf-8-bom' && bomlessUtf16(body) !== null) return 'utf-16-body';
  return null;
}

/**
 * Export-Csv's default encoding is ASCII: every non-ASCII character (all of Japanese) becomes `?`. A run
 * of two or more `?` in pure-ASCII text is the tell; a single `?` is too common (URL query strings).
 */
function findQuestionMarkRuns(text: string): { line: number; sample: string; lines: number } | null {
  if (!text.includes('??')) return null;
  const lines = text.split(/\r\n|\r|\n/);
  let firstLine = 0;
  let count = 0;
  lines.forEach((l, i) => {
    if (!l.includes('??')) return;
    count++;
    if (firstLine === 0) firstLine = i + 1;
  });
  const sampleLine = lines[firstLine - 1] ?? '';
  return { line: firstLine, sample: shorten(sampleLine.trim()), lines: count };
}
