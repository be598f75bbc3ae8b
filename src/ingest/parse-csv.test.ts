import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExrunbookError } from '../errors.js';
import { detectDelimiter, looksLikeCsv, parseCsv } from './parse-csv.js';

const crlf = (...lines: string[]): string => lines.map((l) => `${l}\r\n`).join('');
const TYPE = '#TYPE System.Diagnostics.FileVersionInfo';

describe('parseCsv', () => {
  const readCases: { name: string; text: string; columns: string[]; rows: { line: number; values: Record<string, string> }[]; typeName: string | null }[] = [
    {
      name: 'Export-Csv with #TYPE, quoted, CRLF',
      text: crlf(TYPE, '"FileName","FileVersion"', '"C:\\bin\\ExSetup.exe","08.03.0298.003"'),
      columns: ['FileName', 'FileVersion'],
      rows: [{ line: 3, values: { FileName: 'C:\\bin\\ExSetup.exe', FileVersion: '08.03.0298.003' } }],
      typeName: 'System.Diagnostics.FileVersionInfo',
    },
    {
      name: '-UseCulture on de-DE (semicolons), no #TYPE',
      text: crlf('"Name";"Site"', '"EX01";"Berlin"'),
      columns: ['Name', 'Site'],
      rows: [{ line: 2, values: { Name: 'EX01', Site: 'Berlin' } }],
      typeName: null,
    },
    {
      name: '-Delimiter "|", unquoted',
      text: crlf('Name|Site', 'EX01|Tokyo'),
      columns: ['Name', 'Site'],
      rows: [{ line: 2, values: { Name: 'EX01', Site: 'Tokyo' } }],
      typeName: null,
    },
    {
      name: 'a quoted field over two lines keeps the line the row starts on',
      text: crlf('"Name","Note"', '"EX01","one', 'two"', '"EX02","three"'),
      columns: ['Name', 'Note'],
      rows: [
        { line: 2, values: { Name: 'EX01', Note: 'one\ntwo' } },
        { line: 4, values: { Name: 'EX02', Note: 'three' } },
      ],
      typeName: null,
    },
    {
      name: 'two exports appended (ConvertTo-Csv >> file): the repeated #TYPE and header are skipped',
      text: crlf(TYPE, '"FileName","FileVersion"', '"a","1"', TYPE, '"FileName","FileVersion"', '"b","2"'),
      columns: ['FileName', 'FileVersion'],
      rows: [
        { line: 3, values: { FileName: 'a', FileVersion: '1' } },
        { line: 6, values: { FileName: 'b', FileVersion: '2' } },
      ],
      typeName: 'System.Diagnostics.FileVersionInfo',
    },
    {
      // Found by the round-trip property below (a cell "\nZ" under column Z was taken for a header).
      name: 'values that only trim to the column names: data, not a repeated header',
      text: crlf('"Name","Fqdn"', '" Name","Fqdn\n"'),
      columns: ['Name', 'Fqdn'],
      rows: [{ line: 2, values: { Name: ' Name', Fqdn: 'Fqdn\n' } }],
      typeName: null,
    },
  ];
  it.each(readCases)('reads $name', ({ text, columns, rows, typeName }) => {
    const { table } = parseCsv(text, 'x.csv');
    expect(table).toEqual({ format: 'csv', columns, rows, typeName });
  });

  const diagnosticCases: { name: string; text: string; expected: { severity: string; code: string; line: number; data?: Record<string, unknown> }[]; read: boolean }[] = [
    { name: 'repeated header', text: crlf('"A","B"', '"1","2"', '"A","B"', '"3","4"'), expected: [{ severity: 'info', code: 'csv-repeated-header', line: 3 }], read: true },
    { name: 'duplicate column', text: crlf('"A","A"', '"1","2"'), expected: [{ severity: 'warning', code: 'csv-duplicate-column', line: 1, data: { column: 'A' } }], read: true },
    {
      name: 'rows with another field count (counted once, at the first)',
      text: crlf('A,B', '1,2', '1;2', '3', '4,5,6'),
      expected: [{ severity: 'error', code: 'csv-column-count', line: 3, data: { expected: 2, actual: 1, rows: 3 } }],
      read: false,
    },
    { name: 'a quote left open', text: crlf('"A","B"', '"1","2'), expected: [{ severity: 'error', code: 'csv-malformed', line: 2 }], read: false },
    { name: '#TYPE and nothing else', text: crlf(TYPE), expected: [{ severity: 'error', code: 'csv-no-header', line: 2 }], read: false },
  ];
  it.each(diagnosticCases)('$name', ({ text, expected, read }) => {
    const { table, diagnostics } = parseCsv(text, 'x.csv');
    expect(diagnostics.map(({ severity, code, file, line }) => ({ severity, code, file, line }))).toEqual(expected.map(({ severity, code, line }) => ({ severity, code, file: 'x.csv', line })));
    expected.forEach((d, i) => {
      if (d.data) expect(diagnostics[i]?.data).toEqual(d.data);
    });
    expect(table !== null).toBe(read);
  });

  it.each([
    ['"a","b;c"', ','],
    ['a;b;c', ';'],
    ['a\tb', '\t'],
    ['a|b|c', '|'],
    ['single', ','],
  ])('detectDelimiter(%j) = %j', (header, delimiter) => {
    expect(detectDelimiter(header)).toBe(delimiter);
  });
});

/** A cell as Export-Csv writes it: always quoted, `"` doubled. */
const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;

describe('parseCsv properties', () => {
  const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,11}$/);
  const cell = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', ',', ';', '|', '"', '\t', '東', '?', '\n', '#'), maxLength: 12 });

  it('round-trips what Export-Csv writes, whatever the cells hold', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(name, { minLength: 1, maxLength: 6, selector: (n) => n.toLowerCase() }).chain((columns) =>
          fc.tuple(fc.constant(columns), fc.array(fc.array(cell, { minLength: columns.length, maxLength: columns.length }), { maxLength: 5 })),
        ),
        fc.constantFrom(',', ';', '\t'),
        fc.boolean(),
        ([columns, rows], delimiter, typeLine) => {
          // A row equal to the header would be read as a repeated header, by design.
          fc.pre(rows.every((r) => r.join('\u0000').toLowerCase() !== columns.join('\u0000').toLowerCase() && !(r.length === 1 && (r[0] ?? '').startsWith('#TYPE'))));
          const lines = [...(typeLine ? [TYPE] : []), columns.map(quote).join(delimiter), ...rows.map((r) => r.map(quote).join(delimiter))];
          const { table, diagnostics } = parseCsv(crlf(...lines), 'x.csv');
          expect(diagnostics).toEqual([]);
          expect(table?.columns).toEqual(columns);
          expect(table?.rows.map((r) => r.values)).toEqual(rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, (r[i] ?? '').replace(/\r\n/g, '\n')]))));
        },
      ),
      { numRuns: 200 },
    );
  });

  const fragment = fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom('"', '""', ',', ';', '\t', '|', '\r\n', '\n', '\r', '#TYPE x', '\uFEFF', '__proto__', 'constructor', '"A","B"'),
  );
  const soup = fc.array(fragment, { maxLength: 50 }).map((parts) => parts.join(''));

  it('never throws on arbitrary text (or only ExrunbookError); rows point at real lines and named columns', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), soup), (text) => {
        let result: ReturnType<typeof parseCsv>;
        try {
          result = parseCsv(text, 'x.csv');
        } catch (error) {
          expect(error).toBeInstanceOf(ExrunbookError);
          return;
        }
        const lineCount = text.split(/\r\n|\r|\n/).length;
        for (const d of result.diagnostics) {
          expect(['error', 'warning', 'info']).toContain(d.severity);
          if (d.line !== undefined) expect(d.line).toBeGreaterThanOrEqual(1);
        }
        if (result.table === null) {
          expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
          return;
        }
        for (const row of result.table.rows) {
          expect(row.line).toBeGreaterThanOrEqual(1);
          expect(row.line).toBeLessThanOrEqual(lineCount);
          for (const key of Object.keys(row.values)) expect(result.table.columns).toContain(key);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('looksLikeCsv: claims Export-Csv output, never arbitrary text', () => {
  it.each([
    ['Export-Csv with #TYPE', '#TYPE System.Diagnostics.FileVersionInfo\r\n"FileName","FileVersion"\r\n'],
    ['a #TYPE line alone (cut short: a damaged export, reported as such)', '#TYPE X\r\n'],
    ['-NoTypeInformation', '"Name","Fqdn"\r\n"EX01","ex01"\r\n'],
    ['one quoted column', '"DisplayName"\r\n"Update Rollup 10"\r\n'],
    ['-UseCulture (de-DE)', '"Name";"Site"\r\n'],
    ['unquoted names', 'Name,Site\r\nEX01,Tokyo\r\n'],
    ['systeminfo /fo csv', '"Host Name","OS Name","OS Version"\r\n'],
  ])('claims %s', (_, text) => {
    expect(looksLikeCsv(text)).toBe(true);
  });
  it.each([
    ['systeminfo text', '\r\nHost Name:                 EXCAS01\r\nOS Name:                   Microsoft(R) Windows(R) Server 2003, Enterprise Edition\r\n'],
    ['systeminfo text (ja)', '\r\nホスト名:                               EXCAS01\r\nOS 名:                                  Microsoft Windows Server 2008 R2 Enterprise\r\n'],
    ['a sentence with commas', 'Checked by Tanaka, 2013-03-05, before the window\r\n'],
    ['one unquoted word', 'hello\r\n'],
    ['a path list', 'C:\\a, C:\\b\r\n'],
  ])('does not claim %s', (_, text) => {
    expect(looksLikeCsv(text)).toBe(false);
  });
});
