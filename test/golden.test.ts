import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { GOLDEN_SCENARIOS, goldenArgs } from './golden-scenarios.js';

const UPDATE = process.env.EXRUNBOOK_UPDATE_GOLDENS === '1' && !process.env.CI;
const work = mkdtempSync(join(tmpdir(), 'exrunbook-golden-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(root, full).split(sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

async function run(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await main(args, { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) }, env: {}, cwd: process.cwd() });
  return { code, stderr };
}

describe.each(GOLDEN_SCENARIOS)('golden scenario $name ($lang)', (scenario) => {
  const out = join(work, `${scenario.name}-${scenario.lang}`);
  const golden = join('test', 'golden', scenario.name, scenario.lang);

  it('renders plan.json and HTML identical to the committed goldens', async () => {
    const { code, stderr } = await run(goldenArgs(scenario, out));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const files = listFiles(out);
    for (const file of files.filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(join(out, file), 'utf8');
      expect(html, `${file} holds an unfilled template placeholder`).not.toMatch(/\{\{|\}\}/);
      expect(html, `${file} must not reference anything outside itself`).not.toMatch(/<(script|img|link|iframe)\b/i);
    }
    if (UPDATE) {
      rmSync(golden, { recursive: true, force: true });
      for (const file of files) {
        mkdirSync(dirname(join(golden, file)), { recursive: true });
        writeFileSync(join(golden, file), readFileSync(join(out, file)));
      }
      return;
    }
    expect(existsSync(golden), `no goldens at ${golden}: run npm run goldens:update`).toBe(true);
    expect(files).toEqual(listFiles(golden));
    for (const file of files) {
      expect(readFileSync(join(out, file), 'utf8'), `${file} differs from ${golden}/${file} (npm run goldens:update, then review the diff)`).toBe(readFileSync(join(golden, file), 'utf8'));
    }
  });

  it('is byte-identical when run twice', async () => {
    const again = `${out}-again`;
    expect((await run(goldenArgs(scenario, again))).code).toBe(0);
    const files = listFiles(again);
    for (const file of files) expect(readFileSync(join(again, file)).equals(readFileSync(join(out, file))), file).toBe(true);
  });
});
