import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, sep } from 'node:path';
import { expect } from 'vitest';
import { main } from '../../src/cli/main.js';
import { treeEntries } from './tree-hash.js';

/**
 * The harness every hostile-input case runs through (fixtures/bad, the cases made at run time in
 * test/hostile-inputs.test.ts, and output-folder cases). A case is a folder of its own holding the
 * inventory and anything else it needs (option files, an existing output folder); `runHostileCase` runs
 * `check --json`, `check --lang ja` and `build` on it and asserts, for every case:
 *
 * - the exit code, and the diagnostic codes with their severities (or, for a refusal before any
 *   diagnostic, a message on stderr naming the file);
 * - where the first expected diagnostic points (file, and line where there is one);
 * - no output on error: the output folder is as it was before (absent when it was absent);
 * - on success, every output file inside the output folder;
 * - nothing written outside the output folder: the case folder (inventory, option files, siblings of
 *   the output folder) and the inventory are byte-identical before and after, names and contents;
 * - no stack trace, no internal error.
 *
 * A hang fails through vitest's timeout.
 */

export type Severity = 'error' | 'warning' | 'info';

export interface CaseExpectation {
  /** Every diagnostic code `check --json` reports, with its severity. Omitted: the run stops before any. */
  readonly codes?: Readonly<Record<string, Severity>>;
  /** `file` or `file:line` of the first diagnostic with the first code listed. */
  readonly at?: string;
  readonly exit: 0 | 2 | 3;
  /** What stderr of check and build must match when the run stops before any diagnostic (option errors). */
  readonly stderr?: RegExp;
}

export interface CaseSetup {
  readonly inventory: string;
  /** Extra arguments for check and build (e.g. `--config …`). */
  readonly args?: readonly string[];
  /** Where build writes; default `<case folder>/out`. */
  readonly out?: string;
  /** Undone after the case (e.g. a listening socket closed). */
  readonly cleanup?: () => void | Promise<void>;
}

export interface HostileCase {
  readonly name: string;
  /** Builds the case in `dir`, a fresh empty folder of its own. */
  readonly make: (dir: string) => CaseSetup | Promise<CaseSetup>;
  readonly expect: CaseExpectation;
  /** More to assert about a case, after the common checks. */
  readonly verify?: (result: CaseResult) => void | Promise<void>;
}

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface JsonDiagnostic {
  readonly severity: Severity;
  readonly code: string;
  readonly file: string;
  readonly line: number | null;
  readonly message: string;
  readonly hint: string;
}

export interface CaseResult {
  readonly dir: string;
  readonly setup: CaseSetup;
  readonly out: string;
  readonly diagnostics: readonly JsonDiagnostic[];
  readonly check: Run;
  readonly build: Run;
}

export const BUILD_ARGS = ['--date', '2026-01-01', '--format', 'html,json'] as const;

/** The CLI in-process, as a user runs it, with stdout and stderr captured. */
export async function run(args: readonly string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: {},
    cwd: process.cwd(),
  });
  return { code, stdout, stderr };
}

export const STACK_TRACE = /^ {4}at /m;

export function expectNoCrash(...runs: Run[]): void {
  for (const r of runs) {
    const text = r.stdout + r.stderr;
    expect(text).not.toMatch(STACK_TRACE);
    expect(text).not.toContain('internal error');
    expect([0, 2, 3]).toContain(r.code);
  }
}

function filesBelow(root: string): string[] {
  return readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((e) => !e.isDirectory())
    .map((e) => join(e.parentPath, e.name));
}

/**
 * Runs one case: `inventory` and `args` as set up, build into `out`. `dir` is the case's own folder:
 * everything in it but `out` must be unchanged afterwards (so must the inventory, wherever it is).
 */
export async function expectCase(dir: string, setup: CaseSetup, expected: CaseExpectation): Promise<CaseResult> {
  const args = setup.args ?? [];
  const out = setup.out ?? join(dir, 'out');
  const outName = out.startsWith(dir + sep) ? (out.slice(dir.length + 1).split(sep)[0] ?? '') : '';
  const caseBefore = treeEntries(dir, [outName]);
  const inventoryBefore = treeEntries(setup.inventory);
  const outBefore = treeEntries(out);
  const outExisted = existsSync(out);

  const check = await run(['check', setup.inventory, '--json', ...args]);
  let diagnostics: JsonDiagnostic[] = [];
  if (expected.codes === undefined) {
    expect(check.stdout).toBe('');
    if (expected.stderr) expect(check.stderr).toMatch(expected.stderr);
  } else {
    diagnostics = JSON.parse(check.stdout) as JsonDiagnostic[];
    expect(Object.fromEntries(diagnostics.map((d) => [d.code, d.severity]))).toEqual(expected.codes);
    for (const d of diagnostics) {
      expect(d.message.trim(), d.code).not.toBe('');
      expect(d.hint.trim(), d.code).not.toBe('');
    }
    const [firstCode] = Object.keys(expected.codes);
    if (expected.at !== undefined && firstCode !== undefined) {
      const first = diagnostics.find((d) => d.code === firstCode);
      expect(first && (first.line === null ? first.file : `${first.file}:${String(first.line)}`)).toBe(expected.at);
    }
  }
  expect(check.code).toBe(expected.exit);

  const human = await run(['check', setup.inventory, '--lang', 'ja', ...args]);
  expect(human.code).toBe(expected.exit);
  if (expected.codes !== undefined) {
    const lines = human.stdout.split('\n').filter(Boolean);
    // One line per diagnostic, then the count, in Japanese.
    expect(lines).toHaveLength(diagnostics.length + 1);
    expect(lines.at(-1)).toMatch(/^\d+ 個のファイルを読み込みました: エラー \d+ 件、警告 \d+ 件、情報 \d+ 件。$/);
  }

  const build = await run(['build', setup.inventory, '--out', out, ...BUILD_ARGS, ...args]);
  expect(build.code).toBe(expected.exit);
  if (expected.exit !== 0) {
    expect(existsSync(out)).toBe(outExisted);
    expect(treeEntries(out)).toEqual(outBefore);
    if (expected.stderr) expect(build.stderr).toMatch(expected.stderr);
    else expect(build.stderr).toContain('nothing was written');
  } else {
    expect(existsSync(join(out, 'SHA256SUMS'))).toBe(true);
    const plan = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')) as { diagnostics: { code: string }[] };
    expect(plan.diagnostics.map((d) => d.code).sort()).toEqual(diagnostics.map((d) => d.code).sort());
    const realOut = realpathSync(out);
    for (const file of filesBelow(out)) expect(realpathSync(file).startsWith(realOut + sep)).toBe(true);
  }
  expectNoCrash(check, human, build);
  expect(treeEntries(dir, [outName])).toEqual(caseBefore);
  expect(treeEntries(setup.inventory)).toEqual(inventoryBefore);
  return { dir, setup, out, diagnostics, check, build };
}

/** A case of a table: made in `<work>/<name>`, run, verified, cleaned up. */
export async function runHostileCase(work: string, c: HostileCase): Promise<CaseResult> {
  const dir = join(work, c.name);
  mkdirSync(dir, { recursive: true });
  const setup = await c.make(dir);
  try {
    const result = await expectCase(dir, setup, c.expect);
    await c.verify?.(result);
    return result;
  } finally {
    await setup.cleanup?.();
  }
}
