import { defineRule, type Finding, type StepRef } from '../define-rule.js';

type MessageId = 'keyPresent' | 'nonDefaultPorts';
type StepId = 'export-rpc-proxy-key' | 'compare-rpc-proxy-key';

/** The ports Exchange 2007 itself publishes through the RPC proxy: store 6001, referral 6002, NSPI 6004. */
const EXCHANGE_PORTS = new Set([6001, 6002, 6004]);

/**
 * RPC proxy: an update may overwrite custom RPC proxy registry settings, so where the RpcProxy key
 * exists it is exported before the update and compared after it. ValidPorts entries with ports other
 * than Exchange's own (6001, 6002, 6004) show a hand-made setting and are named in a warning.
 * Outlook Anywhere's own status is not part of the inventory: the key's export is the evidence.
 */
export default defineRule({
  meta: {
    id: 'rpc-proxy-settings-backed-up',
    title: { en: 'RPC proxy settings are backed up before the update', ja: '更新の前に RPC プロキシの設定をバックアップする' },
    failureTitle: {
      en: 'The RPC proxy registry settings must be exported before the update and compared after it',
      ja: '更新の前に RPC プロキシのレジストリ設定をエクスポートし、更新後に比較する必要がある',
    },
    severity: 'info',
    seedSections: ['rpc-proxy'],
    requiredFacts: [],
    messages: {
      keyPresent: {
        en: 'The RPC proxy key exists on {machine} (ValidPorts "{validPorts}"): an update may overwrite it. Export it before the update and compare afterwards.',
        ja: '{machine} に RPC プロキシのキーがあります (ValidPorts「{validPorts}」)。更新により上書きされる場合があります。更新前にエクスポートし、更新後に比較してください。',
      },
      nonDefaultPorts: {
        en: 'The RPC proxy ValidPorts on {machine} lists ports that Exchange does not publish itself ({entries}): these are custom settings that an update may overwrite. Export the key before the update and restore it if it changed.',
        ja: '{machine} の RPC プロキシの ValidPorts には、Exchange 自身が登録しないポートが含まれています ({entries})。これは更新によって上書きされる場合があるカスタム設定です。更新前にキーをエクスポートし、変更されていた場合は復元してください。',
      },
    },
    steps: {
      'export-rpc-proxy-key': { phase: 'prepare', order: 360 },
      'compare-rpc-proxy-key': { phase: 'verify', order: 340 },
    },
  },
  check({ server, target }) {
    if (target.upToDate) return { status: 'not-applicable', reason: 'up-to-date' };
    const findings: Finding<MessageId>[] = [];
    const steps: StepRef<StepId>[] = [];
    for (const machine of server.machines) {
      const proxy = machine.rpcProxy ?? null;
      if (!proxy) continue;
      const validPorts = proxy.value.validPorts;
      const data = { machine: machine.name, validPorts: validPorts === '' ? '(empty)' : validPorts, file: `C:\\Backup\\RpcProxy-${machine.name}.reg` };
      const custom = nonDefaultEntries(validPorts);
      findings.push(custom.length > 0 ? { messageId: 'nonDefaultPorts', severity: 'warning', data: { ...data, entries: custom.join(', ') } } : { messageId: 'keyPresent', data });
      steps.push({ step: 'export-rpc-proxy-key', instance: machine.name, data }, { step: 'compare-rpc-proxy-key', instance: machine.name, data });
    }
    if (findings.length === 0) {
      // No record = the key does not exist there or was not collected; Outlook Anywhere's status is not in the inventory.
      return { status: 'not-applicable', reason: 'no-rpc-proxy-key: no RpcProxy registry export for this server (RPC over HTTP proxy not installed, or RpcProxy.csv not collected)' };
    }
    return { status: 'fail', findings, steps };
  },
});

/** Entries of `host:port[-port];…` whose ports are not Exchange's own, in order of appearance. */
export function nonDefaultEntries(validPorts: string): string[] {
  const found: string[] = [];
  for (const entry of validPorts.split(';')) {
    const match = /:(\d+)(?:-(\d+))?\s*$/.exec(entry.trim());
    if (!match) continue;
    const low = Number(match[1]);
    const high = match[2] ? Number(match[2]) : low;
    let custom = high - low > 16;
    for (let port = low; port <= high && !custom; port++) if (!EXCHANGE_PORTS.has(port)) custom = true;
    if (custom && !found.includes(entry.trim())) found.push(entry.trim());
  }
  return found;
}
