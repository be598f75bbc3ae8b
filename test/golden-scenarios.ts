/**
 * The golden scenarios: an inventory in fixtures/ rendered with fixed options. `npm run goldens:update`
 * rewrites test/golden/<scenario>/<lang>/ from them; test/golden.test.ts diffs a fresh run against it.
 */
export interface GoldenScenario {
  readonly name: string;
  readonly inventory: string;
  readonly lang: 'en' | 'ja';
  readonly args: readonly string[];
}

export const GOLDEN_DATE = '2026-11-25';

export const GOLDEN_SCENARIOS: readonly GoldenScenario[] = [
  { name: 'sample-fleet', inventory: 'fixtures/sample-fleet', lang: 'en', args: ['--ticket', 'CHG-1042'] },
  { name: 'sample-fleet', inventory: 'fixtures/sample-fleet', lang: 'ja', args: ['--ticket', 'CHG-1042'] },
  { name: 'sample-fleet-current-sp', inventory: 'fixtures/sample-fleet', lang: 'en', args: ['--target', 'current-sp'] },
  // The analyst's config: per-host Internet access, target and window, the IU catalogue.
  { name: 'sample-fleet-config', inventory: 'fixtures/sample-fleet', lang: 'en', args: ['--config', 'fixtures/config/sample-fleet.yaml'] },
  // Maintenance windows as data: the schedule, the timeline, windows.ics and ticket.md, in both languages.
  { name: 'sample-fleet-windows', inventory: 'fixtures/sample-fleet', lang: 'en', args: ['--config', 'fixtures/config/sample-fleet-windows.yaml'] },
  { name: 'sample-fleet-windows', inventory: 'fixtures/sample-fleet', lang: 'ja', args: ['--config', 'fixtures/config/sample-fleet-windows.yaml'] },
  // A second organisation on RTM and SP1: no server on the target SP yet, 2003 SP1, SCC, UM, Edge.
  { name: 'rtm-fleet', inventory: 'fixtures/rtm-fleet', lang: 'en', args: ['--ticket', 'CHG-2207'] },
  { name: 'rtm-fleet', inventory: 'fixtures/rtm-fleet', lang: 'ja', args: ['--ticket', 'CHG-2207'] },
];

export function goldenArgs(scenario: GoldenScenario, out: string): string[] {
  return ['build', scenario.inventory, '--out', out, '--lang', scenario.lang, '--date', GOLDEN_DATE, '--format', 'html,json', ...scenario.args];
}
