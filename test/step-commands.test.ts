import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanForNewerPowerShell, whyNotPowerShell1 } from './support/powershell-v1-scan.js';

/*
 * The operator types the runbook's PowerShell into the Exchange Management Shell of an Exchange 2007 host,
 * which is Windows PowerShell 1.0 on Windows Server 2003 and on many 2008 hosts: every command block of
 * every step, in both languages, must run there.
 */
const STEPS = 'templates/steps';
const blocks = readdirSync(STEPS)
  .sort()
  .flatMap((lang) =>
    readdirSync(join(STEPS, lang))
      .filter((f) => f.endsWith('.md'))
      .sort()
      .flatMap((file) => {
        const text = readFileSync(join(STEPS, lang, file), 'utf8');
        return [...text.matchAll(/```powershell\r?\n([\s\S]*?)```/g)].map((m, i) => ({ where: `${lang}/${file} block ${i + 1}`, code: m[1] ?? '' }));
      }),
  );

describe('step commands run on Windows PowerShell 1.0', () => {
  it('finds the PowerShell blocks of the steps', () => {
    expect(blocks.length).toBeGreaterThan(40);
    expect(blocks.some((b) => b.where.startsWith('ja/'))).toBe(true);
  });

  it.each(blocks)('$where', ({ code }) => {
    expect(scanForNewerPowerShell(code).map((f) => `line ${f.line}: ${f.text} — ${whyNotPowerShell1(f.id)}`)).toEqual([]);
  });
});
