import { expect } from 'vitest';
import rule from './index.js';
import { catalog, cmsServer, defaultOptions, machine, os, patch, server } from '../../../test/support/facts.js';
import { testRule, type Evaluation } from '../../../test/support/rule-tester.js';
import type { TargetPolicy } from '../../normalize/computed/target-level.js';
import type { InstalledPatch, OperatingSystem } from '../../normalize/server-facts.js';

const sp3ru10 = catalog.byKb('KB2788321');
if (!sp3ru10) throw new Error('catalogue lacks SP3 RU10');
const ru10en = patch('KB2788321', 'Update Rollup 10 for Exchange Server 2007 Service Pack 3 (KB2788321)', 'rollup');
const ru10ja = patch('KB2788321', 'Exchange Server 2007 Service Pack 3 (KB2788321) 用の更新プログラムのロールアップ 10', 'rollup');
const jaOs: OperatingSystem = { caption: 'x', version: '6.0.6002', servicePack: '', family: '2008', language: '1041' };

const ex1 = (exsetup: string, options: { os?: OperatingSystem | null; patches?: InstalledPatch[] } = {}) => [server('EX1', { machines: [machine('EX1', { exsetup, ...options })] })];
const policy = (target: TargetPolicy) => ({ ...defaultOptions, target });

/** The build the plan targets, and (when a rollup is obtained) the package it names. */
const targets =
  (build: string, pkg?: string) =>
  (r: Evaluation): void => {
    expect(r.target.level.build.join('.')).toBe(build);
    if (pkg !== undefined) expect(r.steps.find((s) => s.step === 'obtain-update-rollup')?.data['package']).toBe(pkg);
  };

testRule(rule, [
  { name: 'SP3 RU10 → latest is SP3 RU23, rollup only', fleet: ex1('8.3.298.3'), status: 'fail', messages: ['upgrade:info', 'packageLanguageUnconfirmed:warning'], steps: ['obtain-update-rollup'], also: targets('8.3.517.0') },
  {
    name: 'SP1 RU9 → SP3 RU23 needs the SP and the rollup',
    fleet: ex1('8.1.393.1'),
    status: 'fail',
    messages: ['upgrade:info', 'packageLanguageUnconfirmed:warning'],
    steps: ['obtain-service-pack', 'obtain-update-rollup'],
    also: (r) => {
      targets('8.3.517.0')(r);
      expect(r.steps[0]?.data).toEqual({ servicePack: 'SP3' });
      expect(r.findings[0]?.kb).toBe('KB4011325');
    },
  },
  { name: 'RTM on 2003 → SP3 and its rollup', fleet: ex1('8.0.685.24', { os: os('5.2.3790') }), status: 'fail', messages: ['upgrade:info', 'packageLanguageUnconfirmed:warning'], steps: ['obtain-service-pack', 'obtain-update-rollup'], also: targets('8.3.517.0') },
  { name: 'current-sp keeps SP1 and takes its latest rollup (RU10)', fleet: ex1('8.1.393.1'), options: policy({ kind: 'current-sp' }), status: 'fail', messages: ['upgrade:info', 'packageLanguageUnconfirmed:warning'], steps: ['obtain-update-rollup'], also: targets('8.1.436.0') },
  { name: 'SP1 → SP2 without a rollup: the service pack only, no package language to confirm', fleet: ex1('8.1.393.1'), options: policy({ kind: 'level', level: catalog.servicePack('SP2') }), status: 'fail', messages: ['upgrade:info'], steps: ['obtain-service-pack'] },
  { name: 'already at SP3 RU23 → pass, nothing to obtain', fleet: ex1('8.3.517.0'), status: 'pass', messages: ['upToDate:info'], also: targets('8.3.517.0') },
  { name: 'newer than a fixed target → never downgrade', fleet: ex1('8.3.517.0'), options: policy({ kind: 'level', level: sp3ru10 }), status: 'pass', messages: ['beyondTarget:warning'], also: targets('8.3.298.3') },
  {
    name: 'package language: Japanese Windows, no installed update → JA assumed, operator asked to confirm',
    fleet: ex1('8.3.298.3', { os: jaOs, patches: [] }),
    status: 'fail',
    messages: ['upgrade:info', 'packageLanguageUnconfirmed:warning'],
    steps: ['obtain-update-rollup'],
    also: targets('8.3.517.0', 'Exchange2007-KB4011325-x64-JA.msp'),
  },
  {
    name: 'package language: Japanese Windows running an English Exchange → EN from the installed rollup',
    fleet: ex1('8.3.298.3', { os: jaOs, patches: [ru10en] }),
    status: 'fail',
    messages: ['upgrade:info'],
    steps: ['obtain-update-rollup'],
    also: targets('8.3.517.0', 'Exchange2007-KB4011325-x64-EN.msp'),
  },
  {
    name: 'package language: English Windows running a Japanese Exchange → JA from the installed rollup',
    fleet: ex1('8.3.298.3', { os: null, patches: [ru10ja] }),
    status: 'fail',
    messages: ['upgrade:info'],
    steps: ['obtain-update-rollup'],
    also: targets('8.3.517.0', 'Exchange2007-KB4011325-x64-JA.msp'),
  },
  { name: 'CCR at SP3 RU10 with an English rollup installed → one rollup for the CMS, language known', fleet: [cmsServer('CCR1', { exsetup: '8.3.298.3', nodes: [{ name: 'N1', active: true }, { name: 'N2' }], patches: [ru10en] })], status: 'fail', messages: ['upgrade:info'], steps: ['obtain-update-rollup'] },
]);
