import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { hashTree, listTree } from './support/tree-hash.js';

/**
 * `--out` safety (issue 11), through the whole CLI: every refusal exits 2 naming --out and what it
 * collides with, writes nothing anywhere (the scenario's whole tree hashes the same before and
 * after), and prints no stack trace. Every scenario is a transfer folder as operators receive it:
 * the inventory with a SHA256SUMS, notes beside it, the analyst's config and IU catalogue.
 */
const work = mkdtempSync(join(tmpdir(), 'exrunbook-out-safety-'));
const pristine = join(work, 'pristine-output');
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  let stderr = '';
  let stdout = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: {}, cwd: process.cwd() });
  return { code, stderr, stdout };
}

interface Scenario {
  readonly root: string;
  readonly inventory: string;
  readonly config: string;
  readonly iuCatalog: string;
}

let counter = 0;
function scenario(): Scenario {
  const root = join(work, `case-${++counter}`);
  const inventory = join(root, 'transfer', 'inventory');
  cpSync('fixtures/sample-fleet', inventory, { recursive: true });
  writeFileSync(join(inventory, 'SHA256SUMS'), '0000000000000000000000000000000000000000000000000000000000000000  EXCAS01/ExchangeServer.csv\n');
  writeFileSync(join(root, 'transfer', 'SHA256SUMS'), '1111111111111111111111111111111111111111111111111111111111111111  inventory.zip\n');
  writeFileSync(join(root, 'transfer', 'notes.txt'), 'exported 2026-11-20 from the air-gapped network\n');
  const config = join(root, 'analyst', 'change.yaml');
  mkdirSync(join(root, 'analyst'));
  writeFileSync(config, 'ticket: CHG-1\n');
  const iuCatalog = join(root, 'catalogs', 'iu.csv');
  mkdirSync(join(root, 'catalogs'));
  cpSync('fixtures/iu-catalog/sample-fleet.csv', iuCatalog);
  return { root, inventory, config, iuCatalog };
}

function buildArgs(s: Scenario, out: string): string[] {
  return ['build', s.inventory, '--config', s.config, '--iu-catalog', s.iuCatalog, '--date', '2026-11-25', '--out', out];
}

beforeAll(async () => {
  const s = scenario();
  const r = await run(buildArgs(s, pristine));
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
});

/** A previous exrunbook output at `out`, as a real run wrote it. */
function previousOutput(out: string): string {
  cpSync(pristine, out, { recursive: true });
  return out;
}

interface RefusalCase {
  readonly name: string;
  /** Prepares the scenario; returns --out and the texts stderr must hold (besides --out itself). */
  readonly setup: (s: Scenario) => { out: string; names: string[] };
}

const REFUSALS: RefusalCase[] = [
  { name: '--out is the inventory (which carries a SHA256SUMS)', setup: (s) => ({ out: s.inventory, names: ['is the inventory folder', s.inventory] }) },
  { name: '--out is the transfer folder holding the inventory', setup: (s) => ({ out: join(s.root, 'transfer'), names: ['contains the inventory folder', s.inventory] }) },
  { name: '--out is the root of everything', setup: (s) => ({ out: s.root, names: ['contains the inventory folder', s.inventory] }) },
  { name: '--out is a new folder inside the inventory', setup: (s) => ({ out: join(s.inventory, 'runbooks'), names: ['is inside the inventory folder', s.inventory] }) },
  { name: '--out is a new folder two levels inside the inventory', setup: (s) => ({ out: join(s.inventory, 'EXCAS01', 'out', 'x'), names: ['is inside the inventory folder'] }) },
  { name: '--out is the inventory spelled with ..', setup: (s) => ({ out: join(s.inventory, 'EXCAS01', '..'), names: ['is the inventory folder'] }) },
  {
    name: '--out reaches the inventory through a link',
    setup: (s) => {
      symlinkSync(join(s.root, 'transfer'), join(s.root, 'shortcut'));
      return { out: join(s.root, 'shortcut', 'inventory', 'runbooks'), names: ['is inside the inventory folder'] };
    },
  },
  { name: '--out is the --config file', setup: (s) => ({ out: s.config, names: ['is the --config file', s.config] }) },
  { name: '--out contains the --config file', setup: (s) => ({ out: join(s.root, 'analyst'), names: ['contains the --config file', s.config] }) },
  { name: '--out is the --iu-catalog file', setup: (s) => ({ out: s.iuCatalog, names: ['is the --iu-catalog file', s.iuCatalog] }) },
  { name: '--out contains the --iu-catalog file', setup: (s) => ({ out: join(s.root, 'catalogs'), names: ['contains the --iu-catalog file', s.iuCatalog] }) },
  {
    name: 'an unrelated folder that only holds a SHA256SUMS',
    setup: (s) => {
      const out = join(s.root, 'downloads');
      mkdirSync(out);
      writeFileSync(join(out, 'SHA256SUMS'), '');
      return { out, names: ['SHA256SUMS is not exrunbook', '.exrunbook/manifest.json'] };
    },
  },
  {
    name: 'an unrelated folder with a SHA256SUMS and files',
    setup: (s) => {
      const out = join(s.root, 'downloads');
      mkdirSync(out);
      writeFileSync(join(out, 'SHA256SUMS'), 'aaaa  tool.zip\n');
      writeFileSync(join(out, 'tool.zip'), 'zip');
      return { out, names: ['SHA256SUMS is not exrunbook'] };
    },
  },
  {
    name: 'a non-empty unrelated folder',
    setup: (s) => {
      const out = join(s.root, 'documents');
      mkdirSync(out);
      writeFileSync(join(out, 'thesis.docx'), 'keep me');
      return { out, names: ['not an exrunbook output folder'] };
    },
  },
  {
    name: 'an exrunbook output with a file added since',
    setup: (s) => {
      const out = previousOutput(join(s.root, 'runbooks'));
      writeFileSync(join(out, 'servers', 'signed-off.txt'), 'EXCAS01 done 02:14, T.Y.');
      return { out, names: ['servers/signed-off.txt', 'which exrunbook did not write'] };
    },
  },
  {
    name: 'an exrunbook output with a runbook changed since',
    setup: (s) => {
      const out = previousOutput(join(s.root, 'runbooks'));
      writeFileSync(join(out, 'servers', 'EXCAS01.html'), '<p>annotated</p>');
      return { out, names: ['servers/EXCAS01.html', 'changed since exrunbook wrote it'] };
    },
  },
  {
    name: 'an exrunbook output whose manifest is not exrunbook’s',
    setup: (s) => {
      const out = previousOutput(join(s.root, 'runbooks'));
      writeFileSync(join(out, '.exrunbook', 'manifest.json'), '{"tool":"other"}');
      return { out, names: ['not an exrunbook output folder'] };
    },
  },
  {
    name: 'a forged manifest listing a file with another hash',
    setup: (s) => {
      const out = join(s.root, 'forged');
      mkdirSync(join(out, '.exrunbook'), { recursive: true });
      writeFileSync(join(out, 'data.csv'), 'precious');
      writeFileSync(join(out, '.exrunbook', 'manifest.json'), JSON.stringify({ tool: 'exrunbook', format: 1, command: 'build', files: { 'data.csv': '0'.repeat(64) } }));
      return { out, names: ['data.csv', 'changed since exrunbook wrote it'] };
    },
  },
  {
    name: '--out holds the output of exrunbook verify (the record of a window)',
    setup: (s) => {
      const out = join(s.root, 'after-verify');
      mkdirSync(join(out, '.exrunbook'), { recursive: true });
      const verifyJson = '{"servers":[]}\n';
      writeFileSync(join(out, 'verify.json'), verifyJson);
      writeFileSync(join(out, '.exrunbook', 'manifest.json'), JSON.stringify({ tool: 'exrunbook', format: 1, command: 'verify', files: { 'verify.json': createHash('sha256').update(verifyJson).digest('hex') } }));
      return { out, names: ['holds the output of exrunbook verify', 'exrunbook build does not replace'] };
    },
  },
  {
    name: 'an exrunbook output holding a link',
    setup: (s) => {
      const out = previousOutput(join(s.root, 'runbooks'));
      symlinkSync(s.inventory, join(out, 'inventory-link'));
      return { out, names: ['inventory-link', 'a link or special file'] };
    },
  },
  {
    name: 'an exrunbook output whose PDF cache (tool state) is a link',
    setup: (s) => {
      const out = previousOutput(join(s.root, 'runbooks'));
      rmSync(join(out, '.exrunbook', 'pdf-cache.json'), { force: true });
      symlinkSync(join(s.root, 'transfer', 'notes.txt'), join(out, '.exrunbook', 'pdf-cache.json'));
      return { out, names: ['.exrunbook/pdf-cache.json', 'a link or special file'] };
    },
  },
  {
    name: '--out is a link to an exrunbook output',
    setup: (s) => {
      const real = previousOutput(join(s.root, 'runbooks'));
      symlinkSync(real, join(s.root, 'runbooks-link'));
      return { out: join(s.root, 'runbooks-link'), names: ['is a link'] };
    },
  },
  {
    name: '--out is an existing file',
    setup: (s) => {
      const out = join(s.root, 'report.pdf');
      writeFileSync(out, '%PDF');
      return { out, names: ['is an existing file'] };
    },
  },
  {
    name: '--out lies under an existing file (ENOTDIR)',
    setup: (s) => {
      writeFileSync(join(s.root, 'report.pdf'), '%PDF');
      return { out: join(s.root, 'report.pdf', 'runbooks'), names: ['a part of the path is a file', 'ENOTDIR'] };
    },
  },
];

describe('--out refusals: exit 2, both paths named, nothing written anywhere', () => {
  it.each(REFUSALS)('$name', async ({ setup }) => {
    const s = scenario();
    const { out, names } = setup(s);
    const before = hashTree(s.root);
    const listed = listTree(s.root);
    const r = await run(buildArgs(s, out));
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(out);
    for (const name of names) expect(r.stderr).toContain(name);
    expect(r.stderr).toMatch(/\n {2}fix: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
    expect(listTree(s.root)).toEqual(listed);
    expect(hashTree(s.root)).toBe(before);
  });
});

describe('--out folders exrunbook may use', () => {
  it('an empty existing folder', async () => {
    const s = scenario();
    const out = join(s.root, 'empty');
    mkdirSync(out);
    expect((await run(buildArgs(s, out))).code).toBe(0);
    expect(hashTree(out)).toBe(hashTree(pristine));
  });

  it('its own previous output, replaced whole; its PDF cache may be in any state', async () => {
    const s = scenario();
    const out = previousOutput(join(s.root, 'runbooks'));
    writeFileSync(join(out, '.exrunbook', 'pdf-cache.json'), 'not json');
    const inventory = hashTree(join(s.root, 'transfer'));
    const r = await run([...buildArgs(s, out), '--lang', 'ja']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('<html lang="ja">');
    expect(hashTree(join(s.root, 'transfer'))).toBe(inventory);
    expect(listTree(s.root).filter((p) => p.includes('.exrunbook-'))).toEqual([]);
  });

  it('its own previous output with runbooks deleted since', async () => {
    const s = scenario();
    const out = previousOutput(join(s.root, 'runbooks'));
    rmSync(join(out, 'servers'), { recursive: true });
    expect((await run(buildArgs(s, out))).code).toBe(0);
    expect(hashTree(out)).toBe(hashTree(pristine));
  });

  it('a sibling of the inventory whose name starts like it', async () => {
    const s = scenario();
    const out = `${s.inventory}-runbooks`;
    expect((await run(buildArgs(s, out))).code).toBe(0);
    expect(hashTree(out)).toBe(hashTree(pristine));
  });
});
