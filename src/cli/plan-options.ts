import { resolve } from 'node:path';
import type { Lang } from '../i18n/messages.js';
import { readConfig, type RunConfig } from '../ingest/read-config.js';
import { messageRef } from '../i18n/format-message.js';
import type { ProtectedInput } from '../render/output-folder.js';
import { readInterimUpdateCatalog } from '../ingest/read-interim-update-catalog.js';
import type { BuildCatalog } from '../knowledge/build-catalog.js';
import { loadBuildCatalog } from '../knowledge/load-build-catalog.js';
import type { TargetPolicy } from '../normalize/computed/target-level.js';
import type { Plan } from '../plan/assemble-plan.js';
import type { OptionSpecs } from './command-spec.js';
import { parseTarget } from './parse-target.js';
import { planInventory } from './plan-inventory.js';

/** The options that decide the plan: shared by every command that plans an inventory. */
export const PLAN_OPTIONS = {
  target: { type: 'string', value: 'T', help: 'cli.option.target' },
  'iu-catalog': { type: 'string', value: 'FILE', help: 'cli.option.iuCatalog' },
  config: { type: 'string', value: 'FILE', help: 'cli.option.config' },
} as const satisfies OptionSpecs;

export interface PlanOptionValues {
  readonly target?: string | undefined;
  readonly 'iu-catalog'?: string | undefined;
  readonly config?: string | undefined;
  readonly lang?: string | undefined;
}

export interface PlannedInventory {
  readonly catalog: BuildCatalog;
  readonly config: RunConfig | undefined;
  readonly policy: TargetPolicy;
  readonly plan: Plan;
  /** `--lang`, else the config file's `lang:`, else en. */
  readonly lang: Lang;
  /** The inventory folder and every option file read: an output folder must keep clear of them. */
  readonly inputs: readonly ProtectedInput[];
}

/**
 * Reads the config file, the target and the interim-update catalogue, then plans the inventory.
 * The command line wins over the config file, which wins over the defaults; the config file's
 * language applies as soon as it is read (`useLanguage`), so its own errors after that are in it.
 */
export function planFromOptions(
  inventoryArg: string,
  values: PlanOptionValues,
  context: { readonly cwd: string; readonly lang: Lang; readonly useLanguage: (lang: Lang) => void },
): PlannedInventory {
  const fromFile = values.lang === undefined ? context.useLanguage : undefined;
  const config = values.config === undefined ? undefined : readConfig(resolve(context.cwd, values.config), values.config, fromFile);
  const lang = fromFile === undefined ? context.lang : (config?.lang?.value ?? context.lang);
  const catalog = loadBuildCatalog();
  const policy =
    values.target === undefined && config?.target
      ? parseTarget(config.target.value, catalog, { file: config.file, line: config.target.line })
      : parseTarget(values.target ?? 'latest', catalog);
  const iuCatalogPath = values['iu-catalog'] === undefined ? config?.iuCatalog?.value : resolve(context.cwd, values['iu-catalog']);
  const interimUpdateFixes = iuCatalogPath === undefined ? new Map() : readInterimUpdateCatalog(iuCatalogPath, catalog);
  const plan = planInventory(resolve(context.cwd, inventoryArg), catalog, { target: policy, interimUpdateFixes }, config);
  const inputs: ProtectedInput[] = [
    { label: messageRef('cli.input.inventory'), path: resolve(context.cwd, inventoryArg) },
    ...(config === undefined ? [] : [{ label: messageRef('cli.input.config'), path: config.file }]),
    ...(iuCatalogPath === undefined ? [] : [{ label: messageRef('cli.input.iuCatalog'), path: iuCatalogPath }]),
  ];
  return { catalog, config, policy, plan, lang, inputs };
}
