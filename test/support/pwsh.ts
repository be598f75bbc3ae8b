import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * PowerShell 7 for the tests that need real PowerShell: $PWSH, else `pwsh` on PATH, else the dotnet
 * global tool (`dotnet tool install --global PowerShell --version 7.6.10`, what .ci/run installs).
 * Missing PowerShell fails these tests (with the install command); they never skip.
 */
export function findPwsh(): string {
  const candidates = [process.env['PWSH'], 'pwsh', join(homedir(), '.dotnet', 'tools', process.platform === 'win32' ? 'pwsh.exe' : 'pwsh')];
  for (const candidate of candidates) {
    if (!candidate) continue;
    if (candidate.includes('/') || candidate.includes('\\')) {
      if (existsSync(candidate)) return candidate;
      continue;
    }
    if (spawnSync(candidate, ['-NoProfile', '-Command', 'exit 0'], { encoding: 'utf8' }).status === 0) return candidate;
  }
  throw new Error('PowerShell 7 not found: install it with `dotnet tool install --global PowerShell --version 7.6.10` (see .ci/run) or set PWSH.');
}

export function runPwshFile(script: string, args: readonly string[]): SpawnSyncReturns<string> {
  return spawnSync(findPwsh(), ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', script, ...args], { encoding: 'utf8', timeout: 300_000 });
}
