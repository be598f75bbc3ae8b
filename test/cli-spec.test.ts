import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/cli/commands/index.js';
import { commandHelp, overviewHelp, readmeCommandSection } from '../src/cli/help.js';
import { main } from '../src/cli/main.js';
import { generationDate, parseDate, parseTimeout } from '../src/cli/option-values.js';
import { allOptions, parseCommandLine } from '../src/cli/parse-command-line.js';
import { ExrunbookError } from '../src/errors.js';

const work = mkdtempSync(join(tmpdir(), 'exrunbook-cli-spec-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

async function run(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env,
    cwd: process.cwd(),
    now: () => new Date('2026-11-25T12:00:00Z'),
  });
  return { code, stdout, stderr };
}

function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof ExrunbookError) return error.code;
    throw error;
  }
  return 'ok';
}

describe('the command specs', () => {
  it('declare each option name with one type, so the command line has one meaning', () => {
    expect(() => allOptions(COMMANDS)).not.toThrow();
    const [first] = COMMANDS;
    if (first === undefined) throw new Error('no commands');
    // A command that gives a global option another type is refused, naming the command.
    const clash = { ...first, name: 'clash', options: { lang: { type: 'boolean', help: 'cli.option.lang' } } } as unknown as (typeof COMMANDS)[number];
    expect(codeOf(() => allOptions([...COMMANDS, clash]))).toBe('command-spec-conflict');
    expect(() => allOptions([...COMMANDS, clash])).toThrow('--lang is declared differently by clash');
  });

  it.each(COMMANDS.map((c) => [c.name, c] as const))('%s: every example is a valid command line of it', (_name, command) => {
    expect(command.examples.length).toBeGreaterThan(0);
    for (const example of command.examples) {
      const line = parseCommandLine(example.args.split(' '), COMMANDS);
      expect(line.kind, example.args).toBe('run');
      if (line.kind === 'run') expect(line.command.name).toBe(command.name);
    }
  });

  it.each(COMMANDS.map((c) => [c.name, c] as const))('%s: help lists every option and example, in both languages; help <command> = <command> --help', async (name, command) => {
    for (const lang of ['en', 'ja'] as const) {
      const help = commandHelp(command, lang);
      for (const option of Object.keys(command.options)) expect(help).toContain(`--${option}`);
      for (const example of command.examples) expect(help).toContain(`exrunbook ${example.args}`);
    }
    const viaHelp = await run(['help', name]);
    const viaFlag = await run([name, '--help']);
    expect(viaHelp).toEqual({ code: 0, stdout: commandHelp(command, 'en'), stderr: '' });
    expect(viaFlag).toEqual(viaHelp);
    expect((await run([name, '-h', '--lang', 'ja'])).stdout).toBe(commandHelp(command, 'ja'));
  });

  it('README.md carries the command section generated from the specs (npm run readme:commands)', () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = /<!-- commands:start[^\n]*-->\n([\s\S]*?)<!-- commands:end -->/.exec(readme)?.[1];
    expect(section).toBe(readmeCommandSection(COMMANDS));
  });
});

describe('the command line', () => {
  it('with no arguments prints the command list to stderr and exits 2; --help and help print it to stdout', async () => {
    expect(await run([])).toEqual({ code: 2, stdout: '', stderr: overviewHelp(COMMANDS, 'en') });
    expect(await run(['--help'])).toEqual({ code: 0, stdout: overviewHelp(COMMANDS, 'en'), stderr: '' });
    expect(await run(['help', '--lang', 'ja'])).toEqual({ code: 0, stdout: overviewHelp(COMMANDS, 'ja'), stderr: '' });
  });

  it.each([
    // An option another command owns, named with its owner.
    [['catalog', '--binder', '--ticket', 'X'], '--binder is an option of build, not of catalog.'],
    [['collector', '--json'], '--json is an option of check, catalog, not of collector.'],
    [['check', 'fixtures/sample-fleet', '--date', '2026-11-25'], '--date is an option of build, verify, not of check.'],
    [['catalog', '--target', 'latest'], '--target is an option of build, check, not of catalog.'],
    [['build', 'x', '-v'], '--version is not an option of build.'],
    // Unknown options and commands, with the near one.
    [['build', 'x', '--fromat', 'html'], 'Unknown option --fromat for build. Did you mean --format?'],
    [['build', 'x', '--bogus'], 'Unknown option --bogus for build.'],
    [['build', 'x', '-x'], 'Unknown option -x for build.'],
    [['biuld', 'x'], 'Unknown command "biuld". Did you mean build?'],
    [['frobnicate'], 'Unknown command "frobnicate".'],
    [['help', 'frobnicate'], 'Unknown command "frobnicate".'],
    // Values.
    [['build', 'x', '--out'], '--out needs a value (DIR).'],
    [['build', 'x', '--out', '--binder'], '--out needs a value (DIR).'],
    [['build', 'x', '--binder=yes'], '--binder takes no value.'],
    [['--out', 'x'], '--out needs a command.'],
    // Positionals.
    [['build'], 'build needs <inventory>.'],
    [['check', '--json'], 'check needs <inventory>.'],
    [['build', 'a', 'b'], 'Unexpected argument "b".'],
    [['catalog', 'extra'], 'Unexpected argument "extra".'],
    [['help', 'build', 'check'], 'Unexpected argument "check".'],
  ])('refuses %j with exit 2: %s', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`exrunbook: ${message}`);
    expect(r.stderr).toMatch(/\n {2}fix: \S/);
  });

  it('takes options before or after the positionals, --name=value, and -- before a positional that starts with -', () => {
    const a = parseCommandLine(['--lang', 'ja', 'build', 'inv', '--out=o'], COMMANDS);
    const b = parseCommandLine(['build', '--out', 'o', 'inv', '--lang=ja'], COMMANDS);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ kind: 'run', values: { out: 'o', lang: 'ja' }, positionals: { inventory: 'inv' } });
    expect(parseCommandLine(['build', '--', '-inventory'], COMMANDS)).toMatchObject({ kind: 'run', positionals: { inventory: '-inventory' } });
    expect(parseCommandLine(['build', '--out=-x', 'inv'], COMMANDS)).toMatchObject({ kind: 'run', values: { out: '-x' } });
  });

  it('--help wins over every other mistake on the line', () => {
    expect(parseCommandLine(['build', '--bogus', 'a', 'b', '--help'], COMMANDS)).toMatchObject({ kind: 'command-help' });
  });
});

describe('--date, --timeout and SOURCE_DATE_EPOCH: one documented range each', () => {
  it.each(['2026-11-25', '2024-02-29', '1970-01-01', '9999-12-31'])('--date %s is a date', (value) => {
    expect(parseDate(value)).toBe(value);
  });

  it.each(['2013-02-30', '2023-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-1-5', '26-11-25', '1969-12-31', '2026-11-25T00:00', '', ' 2026-11-25', '２０２６-11-25'])(
    '--date %j is refused',
    (value) => {
      expect(codeOf(() => parseDate(value))).toBe('bad-date');
    },
  );

  it.each([
    ['1', 1_000],
    ['60', 60_000],
    ['3600', 3_600_000],
  ])('--timeout %s is %d ms', (value, ms) => {
    expect(parseTimeout(value)).toBe(ms);
  });

  it.each(['0', '3601', '1e10', '0.0001', '1.5', '-5', 'abc', '', ' 60', '0x10', 'Infinity'])('--timeout %j is refused', (value) => {
    expect(codeOf(() => parseTimeout(value))).toBe('bad-timeout');
  });

  it.each([
    ['0', '1970-01-01'],
    ['1764028800', '2025-11-25'],
    ['253402300799', '9999-12-31'],
    ['', '2026-11-25'],
  ])('SOURCE_DATE_EPOCH=%j dates the pages %s', (epoch, date) => {
    expect(generationDate(undefined, { SOURCE_DATE_EPOCH: epoch }, () => new Date('2026-11-25T12:00:00Z'))).toBe(date);
  });

  it.each(['-1', '1.5', 'abc', '253402300800', '1e9', '99999999999999'])('SOURCE_DATE_EPOCH=%j is refused (exit 2)', async (epoch) => {
    expect(codeOf(() => generationDate(undefined, { SOURCE_DATE_EPOCH: epoch }, () => new Date()))).toBe('bad-source-date-epoch');
    const out = join(work, `epoch-${epoch}`);
    const r = await run(['build', 'fixtures/sample-fleet', '--out', out, '--format', 'json'], { SOURCE_DATE_EPOCH: epoch });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`SOURCE_DATE_EPOCH=${epoch}`);
    expect(existsSync(out)).toBe(false);
  });

  it('--date wins over SOURCE_DATE_EPOCH, which is then not read', () => {
    expect(generationDate('2026-01-02', { SOURCE_DATE_EPOCH: 'abc' }, () => new Date())).toBe('2026-01-02');
  });

  it.each([
    ['--date', '2013-02-30'],
    ['--timeout', '1e10'],
    ['--timeout', '0.0001'],
  ])('build %s %s exits 2 before anything is read or written', async (option, value) => {
    const out = join(work, `refused-${value}`);
    const r = await run(['build', 'fixtures/sample-fleet', '--out', out, option, value]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${option} ${value}:`);
    expect(existsSync(out)).toBe(false);
  });
});

describe('--lang ja, or lang: ja in the config file: every message in Japanese', () => {
  const config = (name: string, text: string): string => {
    const file = join(work, name);
    writeFileSync(file, text);
    return file;
  };

  it.each([
    ['a missing argument', ['build'], 2, 'build には <inventory> が必要です。'],
    ['an option of another command', ['catalog', '--binder', '--ticket', 'X'], 2, '--binder は build のオプションで、catalog では使えません。'],
    ['an unknown option', ['build', 'x', '--fromat', 'pdf'], 2, 'build に --fromat というオプションはありません。--format のことですか?'],
    ['a date that does not exist', ['build', 'fixtures/sample-fleet', '--date', '2013-02-30'], 2, '--date 2013-02-30: YYYY-MM-DD 形式で'],
    ['a timeout out of range', ['build', 'fixtures/sample-fleet', '--timeout', '1e10'], 2, '--timeout 1e10: 1 から 3600 までの整数の秒数ではありません。'],
    ['an unknown target', ['build', 'fixtures/sample-fleet', '--target', '8.3.999.9'], 2, '8.3.999.9 は公開された Exchange 2007 のビルドではありません'],
    ['a missing inventory', ['check', 'no/such/folder'], 2, 'インベントリ フォルダ「'],
    ['a bad interim-update catalogue row', ['check', 'fixtures/sample-fleet', '--iu-catalog', 'fixtures/iu-catalog/bad-level.csv'], 2, '中間更新プログラムのカタログを使えません: FixedIn「SP3-RU99」: SP3 にロールアップ 99 はありません。'],
    ['no browser', ['build', 'fixtures/sample-fleet', '--format', 'pdf', '--browser-path', '/nonexistent/chrome', '--out', join(work, 'ja-pdf')], 3, 'にブラウザーの実行ファイルがありません (--browser-path で指定)。'],
    ['a collector without .ps1', ['collector', '--out', join(work, 'collector.txt')], 2, 'PowerShell は拡張子 .ps1 のスクリプトしか実行しません。'],
  ])('%s', async (_what, args, code, japanese) => {
    const r = await run([...args, '--lang', 'ja']);
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(japanese);
    expect(r.stderr).toMatch(/\n {2}対処: \S/);
    expect(r.stderr).not.toMatch(/fix:|Fix:/);
  });

  it('input errors and the build summary, with plurals that read right in both languages', async () => {
    const ja = await run(['build', 'fixtures/bad/truncated-quote', '--out', join(work, 'ja-bad'), '--lang', 'ja']);
    expect(ja.stderr).toContain('exrunbook: 入力エラーが 2 件あるため、何も書き出していません。');
    const en = await run(['build', 'fixtures/bad/no-exchange-servers', '--out', join(work, 'en-bad')]);
    expect(en.stderr).toContain('exrunbook: 1 input error; nothing was written. Fix it and re-run');
    const built = await run(['build', 'fixtures/sample-fleet', '--out', join(work, 'ja-ok'), '--format', 'json', '--lang', 'ja']);
    expect(built.stdout).toMatch(/^exrunbook: サーバー \d+ 台、\d+ ウェーブ → /);
  });

  it('lang: ja in the config file, even for the config file\'s own errors; --lang wins over it', async () => {
    const bad = config('ja-bad.yaml', 'lang: ja\ntickt: CHG-1\n');
    const r = await run(['check', 'fixtures/sample-fleet', '--config', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('構成ファイルを使えません: 最上位に「tickt」という設定項目はありません。');
    expect(r.stderr).toContain(`(${bad}:2)`);
    expect((await run(['check', 'fixtures/sample-fleet', '--config', bad, '--lang', 'en'])).stderr).toContain('"tickt" is not a setting of the top level');
    const good = config('ja-good.yaml', 'lang: ja\n');
    const checked = await run(['check', 'fixtures/sample-fleet', '--config', good]);
    expect(checked.stdout).toMatch(/個のファイルを読み込みました/);
    const badLang = await run(['check', 'fixtures/sample-fleet', '--config', config('fr.yaml', 'lang: fr\n')]);
    expect(badLang.stderr).toContain('lang fr is not a language of exrunbook.');
  });
});

/** Runs the built bin with its stdout (and stderr, when asked) closed by the reader before it writes. */
function runWithClosedPipes(args: string[], closeStderr: boolean): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join('bin', 'exrunbook.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    if (closeStderr) child.stderr.destroy();
    else child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stderr });
    });
  });
}

describe('a reader that closes the pipe (exrunbook catalog | head -n 1)', () => {
  it.each([
    [['catalog']],
    [['catalog', '--json']],
    [['check', 'fixtures/sample-fleet']],
    [['check', 'fixtures/bad/no-exchange-servers', '--json']],
    [['--help']],
    [['help', 'build']],
    [['--version']],
  ])('%j ends quietly with exit 0', async (args) => {
    expect(await runWithClosedPipes(args, false)).toEqual({ code: 0, stderr: '' });
  });

  it('collector and build still finish their work, then end with exit 0 (2>&1 | head closes stderr too)', async () => {
    const script = join(work, 'closed', 'Collect-ExrunbookInventory.ps1');
    expect(await runWithClosedPipes(['collector', '--out', script], false)).toEqual({ code: 0, stderr: '' });
    expect(existsSync(script)).toBe(true);
    const out = join(work, 'closed-build');
    expect(await runWithClosedPipes(['build', 'fixtures/sample-fleet', '--out', out, '--format', 'json', '--date', '2026-11-25'], true)).toEqual({ code: 0, stderr: '' });
    expect(readFileSync(join(out, 'SHA256SUMS'), 'utf8')).toContain('plan.json');
  });
});
