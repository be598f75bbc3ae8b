import type { ErrorLocation } from '../errors.js';
import { localizedError } from '../i18n/localized-error.js';
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
  if (location) throw localizedError('config-invalid', 'input', 'error.config.target', { value, problem: resolved.problem }, { location, hint: 'error.cli.badTarget.hint' });
  throw localizedError('bad-target', 'usage', 'error.cli.badTarget', { value, problem: resolved.problem });
}
