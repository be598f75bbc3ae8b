import { ExrunbookError, type ErrorLocation } from '../errors.js';
import type { BuildCatalog } from '../knowledge/build-catalog.js';
import type { TargetPolicy } from '../normalize/computed/target-level.js';

/**
 * `latest` | `current-sp` | a released build (`8.3.417.1`) | `SP3` | `SP3-RU10` / `SP3RU10` | a rollup KB.
 * From the command line a bad value is a usage error; from the config file (`location`), an input
 * error naming its line.
 */
export function parseTarget(text: string, catalog: BuildCatalog, location?: ErrorLocation): TargetPolicy {
  const value = text.trim();
  if (value === 'latest') return { kind: 'latest' };
  if (value === 'current-sp') return { kind: 'current-sp' };
  const resolved = catalog.resolve(value);
  if ('level' in resolved) return { kind: 'level', level: resolved.level };
  const hint = 'Use latest (SP3 + its latest rollup), current-sp, a released build such as 8.3.417.1, or a level such as SP3-RU10 (`exrunbook catalog` lists them).';
  if (location) throw new ExrunbookError('config-invalid', 'input', `The config file cannot be used: target ${value}: ${resolved.problem}.`, { hint, location });
  throw new ExrunbookError('bad-target', 'usage', `--target ${value}: ${resolved.problem}.`, { hint });
}
