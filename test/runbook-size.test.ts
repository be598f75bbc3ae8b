import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { NAME_LIST_WHOLE } from '../src/i18n/name-list.js';

// A runbook names the servers its own steps need, never the whole fleet: with fleet-wide lists (the
// Client Access servers to finish first, the servers already on the service pack) every runbook grew
// with the fleet and the run's output with its square (BENCHMARKS.md).
const work = mkdtempSync(join(tmpdir(), 'exrunbook-runbook-size-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

interface Built {
  readonly names: readonly string[];
  readonly runbooks: ReadonlyMap<string, string>;
}

/** A generated fleet of this size, generated once per test file. */
function fleetOf(servers: number): string {
  const fleet = join(work, `fleet-${servers}`);
  if (existsSync(fleet)) return fleet;
  const generated = spawnSync(process.execPath, [join(process.cwd(), 'scripts', 'gen-fleet.mjs'), '--servers', String(servers), '--seed', 'size', '--out', fleet], { encoding: 'utf8' });
  expect(generated.status, generated.stderr).toBe(0);
  return fleet;
}

async function build(servers: number, lang: 'en' | 'ja'): Promise<Built> {
  const fleet = fleetOf(servers);
  const out = join(work, `out-${servers}-${lang}`);
  const silent = { write: () => true };
  const code = await main(['build', fleet, '--out', out, '--lang', lang, '--date', '2026-11-25', '--format', 'html,json'], { stdout: silent, stderr: silent, env: {}, cwd: process.cwd() });
  expect(code).toBe(0);
  const plan = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')) as { servers: { name: string }[]; excluded: { name: string }[] };
  const dir = join(out, 'servers');
  const runbooks = new Map(readdirSync(dir).sort().map((file) => [file.replace(/\.html$/, ''), readFileSync(join(dir, file), 'utf8')]));
  return { names: [...plan.servers, ...plan.excluded].map((s) => s.name), runbooks };
}

/** How many other servers of the fleet a runbook names. */
function othersNamed(built: Built, server: string, html: string): number {
  return built.names.filter((name) => name !== server && new RegExp(`\\b${name}\\b`).test(html)).length;
}

describe('runbook size does not grow with the fleet', () => {
  let small: Built;
  let large: Built;
  beforeAll(async () => {
    small = await build(60, 'en');
    large = await build(300, 'en');
  }, 60_000);

  it('no runbook of a 300-server fleet names more than a few short lists of other servers', () => {
    const counts = [...large.runbooks].map(([server, html]) => othersNamed(large, server, html));
    // Three fleet lists at most (finish first, the CAS to update first, the servers already on the
    // SP), each shortened past NAME_LIST_WHOLE, plus a cluster's nodes.
    expect(Math.max(...counts)).toBeLessThanOrEqual(3 * NAME_LIST_WHOLE + 4);
    // It was 200-odd before lists were shortened: this fleet has ~150 Client Access servers.
    expect(Math.max(...counts)).toBeGreaterThan(NAME_LIST_WHOLE);
  });

  it('the mean runbook of a 300-server fleet is about as long as that of a 60-server fleet', () => {
    const mean = (built: Built): number => [...built.runbooks.values()].reduce((sum, html) => sum + html.length, 0) / built.runbooks.size;
    // 1.02 with shortened lists; 1.10 when every runbook listed every Client Access server.
    expect(mean(large) / mean(small)).toBeLessThan(1.05);
  });

  it('says in Japanese how many more servers the fleet plan lists', async () => {
    const ja = await build(300, 'ja');
    const shortened = [...ja.runbooks.values()].filter((html) => /ほか \d+ 台、全 \d+ 台はサーバー群の計画に記載/.test(html));
    expect(shortened.length).toBeGreaterThan(ja.runbooks.size / 2);
  }, 60_000);
});
