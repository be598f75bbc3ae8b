// How Windows PowerShell 1.0/2.0 writes files, byte for byte: shared by the fixture generators
// (make-sample-fleet.mjs, make-collector-fixture.mjs), whose fixtures the ingest tests read.
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';

export const CRLF = '\r\n';

/** System.Text.Encoding as used by Export-Csv -Encoding / Out-File. */
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
};

/** One CSV field as Windows PowerShell's ExportCsvHelper writes it: null → nothing, else "…" with "" escapes. */
export function csvField(value) {
  if (value === null) return '';
  return `"${String(value).replace(/"/g, '""')}"`;
}

/** Export-Csv / ConvertTo-Csv text: optional #TYPE line, quoted header, one line per object, CRLF after each. */
export function csvText({ typeName, columns, rows }) {
  const lines = [];
  if (typeName !== null) lines.push(`#TYPE ${typeName}`);
  lines.push(columns.map(csvField).join(','));
  for (const row of rows) {
    lines.push(
      columns
        .map((column) => {
          if (!(column in row)) throw new Error(`row is missing column ${column}`);
          return csvField(row[column]);
        })
        .join(','),
    );
  }
  return lines.map((line) => line + CRLF).join('');
}

/**
 * A deterministic, version-4-shaped MSI patch code in the registry's packed form (the name of a subkey of
 * Installer\UserData\S-1-5-18\Products\<product>\Patches), made from `seed`.
 */
export function packedPatchCode(seed) {
  const hex = createHash('sha256').update(seed).digest('hex').slice(0, 32).split('');
  hex[12] = '4';
  hex[16] = '89ab'[parseInt(hex[16], 16) % 4];
  const guid = hex.join('').toUpperCase();
  const groups = [guid.slice(0, 8), guid.slice(8, 12), guid.slice(12, 16), guid.slice(16, 20), guid.slice(20)];
  const reverse = (s) => s.split('').reverse().join('');
  const swapPairs = (s) => s.replace(/(.)(.)/g, '$2$1');
  return reverse(groups[0]) + reverse(groups[1]) + reverse(groups[2]) + swapPairs(groups[3] + groups[4]);
}
