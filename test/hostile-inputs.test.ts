import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS, E, I, IU_CATALOG_CASES, W } from './support/bad-corpus.js';
import { runHostileCase, type CaseResult, type HostileCase } from './support/hostile-harness.js';

/**
 * Hostile inputs made at run time (links, FIFOs, sockets, names that are not UTF-8, huge and many files
 * cannot be committed), as a table for the shared harness (test/support/hostile-harness.ts): each row
 * builds its case in a folder of its own and states the exit code and diagnostics; the harness checks
 * the rest (no output on error, nothing written outside --out, inventory byte-identical, no stack trace).
 * POSIX-only rows (FIFOs, sockets, /dev, /proc, byte names) are left out on Windows.
 */

const BASELINE = join(process.cwd(), 'fixtures', 'bad', 'baseline');
const MEGABYTE = 1024 * 1024;
const posix = process.platform !== 'win32';
const linux = process.platform === 'linux';

const work = mkdtempSync(join(tmpdir(), 'exrunbook-hostile-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** fixtures/bad/baseline (one CAS, no diagnostics) copied to `<dir>/inventory`. */
function baseline(dir: string): string {
  const inventory = join(dir, 'inventory');
  cpSync(BASELINE, inventory, { recursive: true, filter: (source) => !source.endsWith('README.md') });
  return inventory;
}

/** The baseline plus files (paths '/'-separated below the inventory; a Buffer name part is written as bytes). */
function inventoryWith(dir: string, files: Record<string, string | Buffer>): string {
  const inventory = baseline(dir);
  for (const [path, content] of Object.entries(files)) {
    const full = join(inventory, ...path.split('/'));
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, content);
  }
  return inventory;
}

const csv = (...lines: string[]): string => lines.map((l) => `${l}\r\n`).join('');
const OS_CSV = csv('"CSName","Caption","Version","CSDVersion"', '"EXCAS01","Microsoft Windows Server 2008 R2 Enterprise","6.1.7601","Service Pack 1"');
const OS_FORMAT_LIST = '\r\nCSName     : EXCAS01\r\nCaption    : Microsoft Windows Server 2008 R2 Enterprise\r\nVersion    : 6.1.7601\r\nCSDVersion : Service Pack 1\r\n\r\n';
const UNKNOWN_CSV = csv('"Foo","Bar"', '"1","2"');
/** `更新プログラム` in cp932, as a Japanese Windows zip stores a name and Linux unzip leaves it. */
const CP932_NAME = Buffer.from([0x8d, 0x58, 0x90, 0x56, 0x83, 0x76, 0x83, 0x8d, 0x83, 0x4f, 0x83, 0x89, 0x83, 0x80]);

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  return Buffer.from(le.map((_, i) => le[i ^ 1] ?? 0));
}

function patchRows(count: number): string {
  const lines = ['#TYPE Selected.System.Management.Automation.PSCustomObject', '"DisplayName","Installed"'];
  for (let i = 0; i < count; i++) lines.push(`"Hotfix for Exchange Server 2007 (KB${String(2_000_000 + i)})","20130305"`);
  return `${lines.join('\r\n')}\r\n`;
}

/** Writes a file whose name is raw bytes (not UTF-8) inside `folder`. */
function writeByteName(folder: string, name: Buffer, content: string): void {
  writeFileSync(Buffer.concat([Buffer.from(`${folder}/`), name]), content);
}

const secret = (dir: string): string => {
  const path = join(dir, 'secret.csv');
  writeFileSync(path, csv('"Name","ServerRole","AdminDisplayVersion"', '"TOPSECRET01","Mailbox","Version 8.3 (Build 83.6)"'));
  return path;
};
const neverShown = (text: string) => ({ out, check }: CaseResult): void => {
  expect(check.stdout).not.toContain(text);
  for (const file of ['index.html', 'plan.json']) expect(readFileSync(join(out, file), 'utf8')).not.toContain(text);
};

/** A link at `at` (below the inventory) to `target` outside it: reported, never followed. */
function linkOutOfTheInventory(name: string, target: string, at: string): HostileCase {
  return {
    name,
    make: (dir) => {
      const inventory = baseline(dir);
      symlinkSync(target, join(inventory, ...at.split('/')));
      return { inventory };
    },
    expect: { codes: { 'link-outside-inventory': W }, at, exit: 0 },
  };
}

const CASES: readonly HostileCase[] = [
  // Links: nothing outside the inventory is read, whether a file or a folder link leads there.
  {
    name: 'file link to a secret outside the inventory',
    make: (dir) => {
      const inventory = baseline(dir);
      symlinkSync(secret(dir), join(inventory, 'ExchangeServer2.csv'));
      return { inventory };
    },
    expect: { codes: { 'link-outside-inventory': W }, at: 'ExchangeServer2.csv', exit: 0 },
    verify: neverShown('TOPSECRET01'),
  },
  {
    name: 'relative file link up and out (../secret.csv) inside a server folder',
    make: (dir) => {
      const inventory = baseline(dir);
      secret(dir);
      symlinkSync('../../secret.csv', join(inventory, 'EXCAS01', 'More.csv'));
      return { inventory };
    },
    expect: { codes: { 'link-outside-inventory': W }, at: 'EXCAS01/More.csv', exit: 0 },
    verify: neverShown('TOPSECRET01'),
  },
  {
    name: 'a chain of links, inside then outside',
    make: (dir) => {
      const inventory = baseline(dir);
      symlinkSync(secret(dir), join(inventory, 'b.csv'));
      symlinkSync('b.csv', join(inventory, 'a.csv'));
      return { inventory };
    },
    expect: { codes: { 'link-outside-inventory': W }, at: 'a.csv', exit: 0 },
    verify: neverShown('TOPSECRET01'),
  },
  {
    name: 'a link inside the inventory to a file inside it is read',
    make: (dir) => {
      const inventory = baseline(dir);
      mkdirSync(join(inventory, '.store'));
      renameSync(join(inventory, 'EXCAS01', 'InstalledPatches.csv'), join(inventory, '.store', 'InstalledPatches.csv'));
      symlinkSync('../.store/InstalledPatches.csv', join(inventory, 'EXCAS01', 'InstalledPatches.csv'));
      return { inventory };
    },
    expect: { codes: {}, exit: 0 },
    verify: ({ out }) => {
      const { inputs } = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')) as { inputs: { path: string; kind: string; records: number }[] };
      expect(inputs).toContainEqual(expect.objectContaining({ path: 'EXCAS01/InstalledPatches.csv', kind: 'installed-patches', records: 1 }));
    },
  },
  {
    name: 'the inventory folder itself given through a link',
    make: (dir) => {
      const inventory = baseline(dir);
      symlinkSync(inventory, join(dir, 'linked'));
      return { inventory: join(dir, 'linked') };
    },
    expect: { codes: {}, exit: 0 },
  },
  {
    name: 'a link to itself',
    make: (dir) => {
      const inventory = baseline(dir);
      symlinkSync('self.csv', join(inventory, 'self.csv'));
      return { inventory };
    },
    expect: { codes: { 'symlink-loop': W }, at: 'self.csv', exit: 0 },
  },
  ...(linux
    ? [
        linkOutOfTheInventory('file link to /dev/zero', '/dev/zero', 'EXCAS01/OperatingSystem.csv'),
        linkOutOfTheInventory('file link to /proc/self/environ', '/proc/self/environ', 'environ.csv'),
        linkOutOfTheInventory('folder link to /proc', '/proc', 'proc'),
        linkOutOfTheInventory('folder link to the working folder of the reading process (/proc/self/cwd)', '/proc/self/cwd', 'cwd'),
      ]
    : []),
  ...(posix
    ? ([
        {
          name: 'a unix socket named like an export',
          make: async (dir) => {
            const inventory = baseline(dir);
            const server = createServer();
            await new Promise<void>((listening) => {
              server.listen(join(inventory, 'EXCAS01', 'OperatingSystem.csv'), listening);
            });
            return {
              inventory,
              cleanup: () =>
                new Promise<void>((closed) => {
                  server.close(() => {
                    closed();
                  });
                }),
            };
          },
          expect: { codes: { 'not-a-regular-file': W }, at: 'EXCAS01/OperatingSystem.csv', exit: 0 },
        },
        {
          name: 'a FIFO reached through a link inside the inventory',
          make: (dir) => {
            const inventory = baseline(dir);
            expect(spawnSync('mkfifo', [join(inventory, 'EXCAS01', '.pipe')]).status).toBe(0);
            symlinkSync('.pipe', join(inventory, 'EXCAS01', 'OperatingSystem.csv'));
            return { inventory };
          },
          expect: { codes: { 'not-a-regular-file': W }, at: 'EXCAS01/OperatingSystem.csv', exit: 0 },
        },
        // Names that are not UTF-8: found, named with escapes and the fix, and read.
        {
          name: 'a cp932 file name holding an export',
          make: (dir) => {
            const inventory = baseline(dir);
            writeByteName(join(inventory, 'EXCAS01'), Buffer.concat([CP932_NAME, Buffer.from('.csv')]), OS_CSV);
            return { inventory };
          },
          expect: { codes: { 'name-not-utf8': W }, at: 'EXCAS01/\\x8dX\\x90V\\x83v\\x83\\x8d\\x83O\\x83\\x89\\x83\\x80.csv', exit: 0 },
          verify: ({ diagnostics, out }) => {
            expect(diagnostics[0]?.message).toContain('更新プログラム.csv');
            expect(diagnostics[0]?.hint).toMatch(/^Rename it/);
            expect(readFileSync(join(out, 'plan.json'), 'utf8')).toContain('Microsoft Windows Server 2008 R2 Enterprise');
          },
        },
        {
          name: 'a cp932 folder name holding the organisation export',
          make: (dir) => {
            const inventory = baseline(dir);
            const folder = Buffer.concat([Buffer.from(`${inventory}/`), CP932_NAME]);
            mkdirSync(folder);
            renameSync(join(inventory, 'ExchangeServer.csv'), Buffer.concat([folder, Buffer.from('/ExchangeServer.csv')]));
            return { inventory };
          },
          expect: { codes: { 'name-not-utf8': W }, at: '\\x8dX\\x90V\\x83v\\x83\\x8d\\x83O\\x83\\x89\\x83\\x80', exit: 0 },
        },
        {
          name: 'a file name that is neither UTF-8 nor cp932',
          make: (dir) => {
            const inventory = baseline(dir);
            writeByteName(inventory, Buffer.from([0x66, 0xff, 0xfe, 0x2e, 0x63, 0x73, 0x76]), UNKNOWN_CSV);
            return { inventory };
          },
          expect: { codes: { 'name-not-utf8': W, 'unrecognised-file': W }, at: 'f\\xff\\xfe.csv', exit: 0 },
        },
      ] satisfies HostileCase[])
    : []),
  // Option files: a regular file under the limit, else exit 2 before anything is read or written.
  ...(posix
    ? ([
        {
          name: '--config /dev/zero',
          make: (dir) => ({ inventory: baseline(dir), args: ['--config', '/dev/zero'] }),
          expect: { exit: 2, stderr: /The config file "\/dev\/zero" cannot be read: it is not a regular file/ },
        },
        {
          name: '--iu-catalog naming a FIFO',
          make: (dir) => {
            expect(spawnSync('mkfifo', [join(dir, 'iu-catalog.csv')]).status).toBe(0);
            return { inventory: baseline(dir), args: ['--iu-catalog', join(dir, 'iu-catalog.csv')] };
          },
          expect: { exit: 2, stderr: /iu-catalog\.csv" cannot be read: it is not a regular file but a named pipe/ },
        },
        {
          name: '--iu-catalog through a link to /dev/urandom',
          make: (dir) => {
            symlinkSync('/dev/urandom', join(dir, 'iu.csv'));
            return { inventory: baseline(dir), args: ['--iu-catalog', join(dir, 'iu.csv')] };
          },
          expect: { exit: 2, stderr: /iu\.csv" cannot be read: it is not a regular file/ },
        },
      ] satisfies HostileCase[])
    : []),
  ...(linux
    ? ([
        {
          name: '--config /proc/self/environ',
          make: (dir) => ({ inventory: baseline(dir), args: ['--config', '/proc/self/environ'] }),
          expect: { exit: 2, stderr: /"\/proc\/self\/environ" cannot be read: it is on a special file system/ },
        },
      ] satisfies HostileCase[])
    : []),
  {
    name: '--config naming a folder',
    make: (dir) => ({ inventory: baseline(dir), args: ['--config', dir] }),
    expect: { exit: 2, stderr: /cannot be read: it is a folder/ },
  },
  {
    name: '--config of 20 MB (sparse)',
    make: (dir) => {
      writeFileSync(join(dir, 'change.yaml'), '');
      truncateSync(join(dir, 'change.yaml'), 20 * MEGABYTE);
      return { inventory: baseline(dir), args: ['--config', join(dir, 'change.yaml')] };
    },
    expect: { exit: 2, stderr: /change\.yaml" cannot be read: it is 20971520 bytes, above the limit/ },
  },
  {
    name: 'a config whose iuCatalog is missing',
    make: (dir) => {
      writeFileSync(join(dir, 'change.yaml'), 'iuCatalog: nowhere.csv\n');
      return { inventory: baseline(dir), args: ['--config', join(dir, 'change.yaml')] };
    },
    expect: { exit: 2, stderr: /nowhere\.csv" cannot be read: there is no such file/ },
  },
  {
    name: '--iu-catalog with a billion-laughs DOCTYPE (read as CSV, refused)',
    make: (dir) => {
      writeFileSync(join(dir, 'iu.csv'), '<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>\r\nKB,FixedIn\r\n&b;,SP3\r\n');
      return { inventory: baseline(dir), args: ['--iu-catalog', join(dir, 'iu.csv')] };
    },
    expect: { exit: 2, stderr: /interim-update catalogue cannot be used/ },
  },
  // Encodings
  {
    name: 'UTF-16BE without a BOM',
    make: (dir) => ({ inventory: inventoryWith(dir, { 'EXCAS01/OperatingSystem.txt': utf16be(OS_FORMAT_LIST) }) }),
    expect: { codes: { 'utf16-without-bom': I }, at: 'EXCAS01/OperatingSystem.txt', exit: 0 },
    verify: ({ diagnostics }) => {
      expect(diagnostics[0]?.message).toContain('UTF-16BE');
    },
  },
  {
    name: 'UTF-16LE with NUL characters',
    make: (dir) => ({ inventory: inventoryWith(dir, { 'EXCAS01/OperatingSystem.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(OS_FORMAT_LIST.replace('6.1.7601', '6.1\u00007601'), 'utf16le')]) }) }),
    expect: { codes: { 'nul-bytes': E }, at: 'EXCAS01/OperatingSystem.txt:4', exit: 2 },
  },
  {
    name: 'UTF-16LE export with UTF-8 lines appended (cmd >> after PowerShell >)',
    make: (dir) => ({
      inventory: inventoryWith(dir, {
        'EXCAS01/OperatingSystem.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(OS_FORMAT_LIST, 'utf16le'), Buffer.from('Note : appended\r\n', 'utf8')]),
      }),
    }),
    expect: { codes: { 'bom-mismatch': E }, at: 'EXCAS01/OperatingSystem.txt', exit: 2 },
  },
  {
    name: 'two UTF-8 exports with BOMs concatenated (copy /b a+b)',
    make: (dir) => {
      const bom = '\uFEFF';
      return { inventory: inventoryWith(dir, { 'EXCAS01/Patches2.csv': `${bom}${patchRows(1)}${bom}${patchRows(1).replace('2000000', '2000001')}` }) };
    },
    expect: { codes: { 'bom-inside': I, 'csv-repeated-header': I }, at: 'EXCAS01/Patches2.csv:4', exit: 0 },
  },
  {
    name: 'a zero-byte file named like a CLIXML export',
    make: (dir) => ({ inventory: inventoryWith(dir, { 'EXCAS01/OperatingSystem.xml': '' }) }),
    expect: { codes: { 'empty-file': W }, at: 'EXCAS01/OperatingSystem.xml', exit: 0 },
  },
  // CLIXML that attacks the XML parser
  {
    name: 'CLIXML billion laughs behind a comment',
    make: (dir) => ({
      inventory: inventoryWith(dir, {
        'EXCAS01/OperatingSystem.xml': `<!-- exported -->\r\n<!doctype Objs [${Array.from({ length: 9 }, (_, i) => `<!ENTITY l${String(i + 1)} "${`&l${String(i)};`.repeat(10)}">`).join('')}<!ENTITY l0 "lol">]>\r\n<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><Obj RefId="0"><Props><S N="CSName">&l9;</S><S N="Caption">x</S><S N="Version">6.1</S></Props></Obj></Objs>`,
      }),
    }),
    expect: { codes: { 'clixml-doctype': E }, at: 'EXCAS01/OperatingSystem.xml:2', exit: 2 },
  },
  {
    name: 'CLIXML with an external entity (XXE) reference and no DOCTYPE',
    make: (dir) => ({
      inventory: inventoryWith(dir, {
        'EXCAS01/OperatingSystem.xml': '<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">\r\n<Obj RefId="0"><Props><S N="CSName">&xxe;</S><S N="Caption">x</S><S N="Version">6.1</S></Props></Obj></Objs>',
      }),
    }),
    expect: { codes: { 'clixml-malformed': E }, at: 'EXCAS01/OperatingSystem.xml:2', exit: 2 },
  },
  {
    name: 'XML that is not CLIXML (an HTML page saved as .xml)',
    make: (dir) => ({ inventory: inventoryWith(dir, { 'EXCAS01/report.xml': '<?xml version="1.0"?>\r\n<html><body><p>report</p></body></html>' }) }),
    expect: { codes: { 'clixml-not-objs': W }, at: 'EXCAS01/report.xml', exit: 0 },
  },
  // Size and shape
  {
    name: 'a CSV of 100,001 rows (above the per-file limit, refused before parsing)',
    make: (dir) => ({ inventory: inventoryWith(dir, { 'EXCAS01/InstalledPatches2.csv': patchRows(100_001) }) }),
    expect: { codes: { 'too-many-rows': E }, at: 'EXCAS01/InstalledPatches2.csv', exit: 2 },
    verify: ({ diagnostics }) => {
      expect(diagnostics[0]?.message).toContain('100001 rows');
    },
  },
  {
    name: 'an Export-Clixml of 100,001 objects (above the per-file limit, refused before the XML is parsed)',
    make: (dir) => ({
      inventory: inventoryWith(dir, {
        'EXCAS01/InstalledPatches2.xml': `<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">\r\n${Array.from({ length: 100_001 }, (_, i) => `<Obj RefId="${String(i)}"><MS><S N="DisplayName">Interim Update for Exchange Server 2007 (KB${String(1_000_000 + i)})</S><Obj N="Nested" RefId="n${String(i)}"><MS /></Obj><Nil N="Installed" /></MS></Obj>`).join('\r\n')}\r\n</Objs>`,
      }),
    }),
    expect: { codes: { 'too-many-rows': E }, at: 'EXCAS01/InstalledPatches2.xml', exit: 2 },
    verify: ({ diagnostics }) => {
      expect(diagnostics[0]?.message).toContain('100001 rows');
    },
  },
  {
    // The baseline's own InstalledPatches.csv holds one: line 5002 of the second file is the 5,001st.
    name: 'one machine with 5,001 installed updates',
    make: (dir) => ({ inventory: inventoryWith(dir, { 'EXCAS01/InstalledPatches2.csv': patchRows(5_001) }) }),
    expect: { codes: { 'too-many-patches': E }, at: 'EXCAS01/InstalledPatches2.csv:5002', exit: 2 },
  },
  {
    name: 'a CSV with ten fields of 1 MB',
    make: (dir) => ({ inventory: inventoryWith(dir, { 'EXCAS01/Wide.csv': csv(Array.from({ length: 10 }, (_, i) => `"C${String(i)}"`).join(','), Array.from({ length: 10 }, () => `"${'x'.repeat(MEGABYTE)}"`).join(',')) }) }),
    expect: { codes: { 'unrecognised-file': W }, at: 'EXCAS01/Wide.csv', exit: 0 },
  },
  {
    name: 'a Format-List export that is one 10 MB line',
    make: (dir) => ({ inventory: inventoryWith(dir, { 'EXCAS01/OperatingSystem.txt': `CSName : EX${'C'.repeat(10 * MEGABYTE)}` }) }),
    expect: { codes: { 'unrecognised-file': W }, at: 'EXCAS01/OperatingSystem.txt', exit: 0 },
  },
  {
    name: 'a CSV header of 10 MB without a line break',
    make: (dir) => ({ inventory: inventoryWith(dir, { 'EXCAS01/Header.csv': `"${'H'.repeat(10 * MEGABYTE)}"` }) }),
    expect: { codes: { 'unrecognised-file': W }, at: 'EXCAS01/Header.csv', exit: 0 },
  },
  {
    name: '10,000 tiny files',
    make: (dir) => {
      const inventory = baseline(dir);
      const folder = join(inventory, 'EXCAS01', 'patches');
      mkdirSync(folder);
      const text = csv('"DisplayName","Installed"', '"Update Rollup 10 for Exchange Server 2007 Service Pack 3 (KB2788321)","20130305"');
      for (let i = 0; i < 10_000; i++) writeFileSync(join(folder, `p${String(i).padStart(5, '0')}.csv`), text);
      return { inventory };
    },
    expect: { codes: {}, exit: 0 },
    verify: ({ out }) => {
      expect((JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')) as { inputs: unknown[] }).inputs).toHaveLength(10_003);
    },
  },
  {
    name: 'folders nested 500 deep',
    make: (dir) => {
      const deep = Array.from({ length: 500 }, () => 'd').join('/');
      return { inventory: inventoryWith(dir, { [`EXCAS01/${deep}/OperatingSystem.csv`]: OS_CSV }) };
    },
    expect: { codes: {}, exit: 0 },
  },
  {
    name: 'a folder named like an export, holding the export (a zip extracted twice)',
    make: (dir) => {
      const inventory = baseline(dir);
      mkdirSync(join(inventory, 'EXCAS01', 'OperatingSystem.csv'));
      writeFileSync(join(inventory, 'EXCAS01', 'OperatingSystem.csv', 'OperatingSystem.csv'), OS_CSV);
      return { inventory };
    },
    expect: { codes: {}, exit: 0 },
  },
  {
    name: 'an empty folder named like an export',
    make: (dir) => {
      const inventory = baseline(dir);
      mkdirSync(join(inventory, 'EXCAS01', 'OperatingSystem.csv'));
      return { inventory };
    },
    expect: { codes: {}, exit: 0 },
  },
  {
    name: 'Windows device names as file names (CON.csv, aux.txt)',
    make: (dir) => ({ inventory: inventoryWith(dir, { 'EXCAS01/CON.csv': OS_CSV, 'aux.txt': UNKNOWN_CSV }) }),
    expect: { codes: { 'unrecognised-file': W }, at: 'aux.txt', exit: 0 },
  },
  {
    name: 'a hidden file and a hidden folder are not read',
    make: (dir) => ({ inventory: inventoryWith(dir, { '.DS_Store': Buffer.from([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31]), '.git/config': '[core]\n', 'EXCAS01/._OperatingSystem.csv': '\u0000\u0005\u0016\u0007' }) }),
    expect: { codes: {}, exit: 0 },
  },
];

describe('hostile inputs made at run time', () => {
  it.each(CASES)('$name', async (c) => {
    await runHostileCase(work, c);
  });
});

describe('the hostile corpus as a whole', () => {
  it('has at least 100 cases in its tables (fixtures/bad, option-file cases, and these)', () => {
    const names = [...CORPUS.map((c) => c.name), ...IU_CATALOG_CASES.map((c) => c.name), ...CASES.map((c) => c.name)];
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(posix ? 100 : 90);
  });

  it('@xmldom/xmldom itself expands no entity: a billion-laughs DOCTYPE past our refusal would stay small', () => {
    const entities = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${String(i + 1)} "${`&l${String(i)};`.repeat(10)}">`).join('');
    const errors: string[] = [];
    const doc = new DOMParser({ onError: (_level, message) => errors.push(message) }).parseFromString(`<!DOCTYPE x [<!ENTITY l0 "lol">${entities}]><x>&l9;</x>`, 'text/xml');
    expect(doc.documentElement?.textContent?.length ?? 0).toBeLessThan(100);
    expect(errors.join(' ')).toContain('entity not found');
  });

  it('covers every code of the reading layer', () => {
    const codes = new Set(CASES.flatMap((c) => Object.keys(c.expect.codes ?? {})));
    const reading = ['link-outside-inventory', 'symlink-loop', ...(posix ? ['not-a-regular-file', 'name-not-utf8'] : []), 'utf16-without-bom', 'too-many-rows', 'too-many-patches'];
    for (const code of reading) expect(codes, code).toContain(code);
  });
});
