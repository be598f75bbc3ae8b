import { describe, expect, it } from 'vitest';
import rule from './index.js';
import { catalog, defaultOptions, evaluate, machine, patch, server } from '../../../test/support/facts.js';
import type { TargetPolicy } from '../../normalize/computed/target-level.js';

const sp3ru10 = catalog.byKb('KB2788321');
if (!sp3ru10) throw new Error('catalogue lacks SP3 RU10');

describe('target-level', () => {
  const cases: { name: string; exsetup: string; policy: TargetPolicy; status: string; messages: string[]; steps: string[]; target: string }[] = [
    { name: 'SP3 RU10 → latest is SP3 RU23, rollup only', exsetup: '8.3.298.3', policy: { kind: 'latest' }, status: 'fail', messages: ['upgrade:info', 'packageLanguageUnconfirmed:warning'], steps: ['obtain-update-rollup'], target: '8.3.517.0' },
    { name: 'SP1 RU9 → SP3 RU23 needs the SP and the rollup', exsetup: '8.1.393.1', policy: { kind: 'latest' }, status: 'fail', messages: ['upgrade:info', 'packageLanguageUnconfirmed:warning'], steps: ['obtain-service-pack', 'obtain-update-rollup'], target: '8.3.517.0' },
    { name: 'current-sp keeps SP1 and takes its latest rollup (RU10)', exsetup: '8.1.393.1', policy: { kind: 'current-sp' }, status: 'fail', messages: ['upgrade:info', 'packageLanguageUnconfirmed:warning'], steps: ['obtain-update-rollup'], target: '8.1.436.0' },
    { name: 'already at SP3 RU23 → pass, nothing to obtain', exsetup: '8.3.517.0', policy: { kind: 'latest' }, status: 'pass', messages: ['upToDate:info'], steps: [], target: '8.3.517.0' },
    { name: 'newer than a fixed target → never downgrade', exsetup: '8.3.517.0', policy: { kind: 'level', level: sp3ru10 }, status: 'pass', messages: ['beyondTarget:warning'], steps: [], target: '8.3.298.3' },
  ];
  it.each(cases)('$name', ({ exsetup, policy, status, messages, steps, target }) => {
    const result = evaluate(rule, [server('EX1', { machines: [machine('EX1', { exsetup })] })], 'EX1', { ...defaultOptions, target: policy });
    expect(result.status).toBe(status);
    expect(result.findings.map((f) => `${f.messageId}:${f.severity}`)).toEqual(messages);
    expect(result.steps.map((s) => s.step)).toEqual(steps);
    expect(result.target.level.build.join('.')).toBe(target);
  });

  const jaOs = { caption: 'x', version: '6.0.6002', servicePack: '', family: '2008' as const, language: '1041' };
  it.each([
    { name: 'Japanese Windows, no installed update → JA assumed, operator asked to confirm', os: jaOs, patches: [], pkg: 'Exchange2007-KB4011325-x64-JA.msp', confirm: true },
    {
      name: 'Japanese Windows running an English Exchange → EN from the installed rollup',
      os: jaOs,
      patches: [patch('KB2788321', 'Update Rollup 10 for Exchange Server 2007 Service Pack 3 (KB2788321)', 'rollup')],
      pkg: 'Exchange2007-KB4011325-x64-EN.msp',
      confirm: false,
    },
    {
      name: 'English Windows running a Japanese Exchange → JA from the installed rollup',
      os: null,
      patches: [patch('KB2788321', 'Exchange Server 2007 Service Pack 3 (KB2788321) 用の更新プログラムのロールアップ 10', 'rollup')],
      pkg: 'Exchange2007-KB4011325-x64-JA.msp',
      confirm: false,
    },
  ])('package language: $name', ({ os, patches, pkg, confirm }) => {
    const result = evaluate(rule, [server('EX1', { machines: [machine('EX1', { exsetup: '8.3.298.3', os, patches })] })]);
    expect(result.steps.find((s) => s.step === 'obtain-update-rollup')?.data.package).toBe(pkg);
    expect(result.findings.some((f) => f.messageId === 'packageLanguageUnconfirmed')).toBe(confirm);
  });
});
