import type { Diagnostic } from './diagnostic.js';

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
 * Errors (ok: false): `unsupported-encoding` (UTF-32 BOM), `bom-mismatch` (the BOM contradicts the body,
 * e.g. a file re-saved by a tool that kept the old BOM), `undecodable`, `binary-file`.
 * Diagnostics on success: `utf16-without-bom` and `decoded-as-cp932` (info), `ascii-question-marks`
 * (warning: Export-Csv's ASCII default replaced non-ASCII text with `?`).
 */
export function decodeText(bytes: Uint8Array, file: string): DecodeResult {
  const diagnostics: Diagnostic[] = [];
  const utf32 = utf32Bom(bytes);
  if (utf32 !== null) {
    return { ok: false, diagnostic: { severity: 'error', code: 'unsupported-encoding', file, data: { encoding: utf32 } } };
  }
  let encoding: TextEncoding;
  let body: Uint8Array;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf-8-bom';
    body = bytes.subarray(3);
  } else if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    body = bytes.subarray(2);
  } else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    body = bytes.subarray(2);
  } else if (looksLikeBomlessUtf16le(bytes)) {
    encoding = 'utf-16le';
    body = bytes;
    diagnostics.push({ severity: 'info', code: 'utf16-without-bom', file, data: {} });
  } else {
    body = bytes;
    encoding = isValidUtf8(bytes) ? 'utf-8' : 'shift_jis';
    if (encoding === 'shift_jis') diagnostics.push({ severity: 'info', code: 'decoded-as-cp932', file, data: {} });
  }
  const mismatch = bomMismatch(encoding, body, bytes.length !== body.length);
  if (mismatch !== null) {
    return { ok: false, diagnostic: { severity: 'error', code: 'bom-mismatch', file, data: { bom: encoding, reason: mismatch } } };
  }
  let text: string;
  try {
    text = new TextDecoder(encoding === 'utf-8-bom' ? 'utf-8' : encoding, { fatal: true }).decode(body);
  } catch {
    return { ok: false, diagnostic: { severity: 'error', code: 'undecodable', file, data: { encoding } } };
  }
  if (text.includes('\u0000')) {
    return { ok: false, diagnostic: { severity: 'error', code: 'binary-file', file, data: {} } };
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

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function isAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80) return false;
  return true;
}

/** ASCII text saved as UTF-16LE without a BOM: every odd byte of the first few hundred is NUL. */
function looksLikeBomlessUtf16le(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length - (bytes.length % 2), 512);
  if (n < 4) return false;
  let zeros = 0;
  for (let i = 1; i < n; i += 2) if (bytes[i] === 0) zeros++;
  return zeros >= (n / 2) * 0.9 && bytes[0] !== 0;
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
  if (encoding === 'utf-8-bom' && looksLikeBomlessUtf16le(body)) return 'utf-16-body';
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
  return { line: firstLine, sample: truncate(sampleLine.trim(), 80), lines: count };
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
