import type { MachineFacts } from '../normalize/server-facts.js';
import { analyseOwaFiles } from '../rules/owa-customisations-preserved/owa-evidence.js';

/**
 * What a machine looked like before the window, as far as `exrunbook verify` can check it afterwards
 * (issue 15): the RpcProxy key as exported, the .NET facts, and the OWA customisations (logon.aspx when
 * it was customised, its size; the custom theme folders by name, without the build folder that setup
 * renames). null where the inventory did not say.
 */
export interface MachineBaseline {
  readonly name: string;
  readonly rpcProxy: { readonly validPorts: string; readonly enabled: boolean | null } | null;
  readonly dotNet: { readonly clr2ServicePack: number | null; readonly has35: boolean } | null;
  readonly owa: { readonly logonLength: number | null; readonly themes: readonly string[] } | null;
}

export function machineBaseline(machine: MachineFacts): MachineBaseline {
  return {
    name: machine.name,
    rpcProxy: machine.rpcProxy ? { validPorts: machine.rpcProxy.value.validPorts, enabled: machine.rpcProxy.value.enabled } : null,
    dotNet: machine.dotNet ? { clr2ServicePack: machine.dotNet.value.clr2ServicePack, has35: machine.dotNet.value.has35 } : null,
    owa: machine.owaFiles ? owaBaseline(machine.owaFiles.items) : null,
  };
}

function owaBaseline(files: NonNullable<MachineFacts['owaFiles']>['items']): NonNullable<MachineBaseline['owa']> {
  const evidence = analyseOwaFiles(files);
  const logon = evidence.logon === null ? undefined : files.find((f) => /\\auth\\logon\.aspx$/i.test(f.path));
  return { logonLength: logon?.length ?? null, themes: evidence.customThemes.map(themeName) };
}

/** `8.3.83.6\themes\contoso` → `contoso`: the build folder changes with every update, the theme's name does not. */
export function themeName(relativeThemePath: string): string {
  return relativeThemePath.split('\\').at(-1) ?? relativeThemePath;
}
