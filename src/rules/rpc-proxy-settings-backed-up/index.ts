import { defineRule, type Finding, type StepRef } from '../define-rule.js';

type MessageId = 'keyPresent' | 'nonDefaultPorts' | 'rpcProxyExportMissing';
type StepId = 'export-rpc-proxy-key' | 'compare-rpc-proxy-key' | 'rollback-import-rpc-proxy-key';

/** The ports Exchange 2007 itself publishes through the RPC proxy: store 6001, referral 6002, NSPI 6004. */
const EXCHANGE_PORTS = new Set([6001, 6002, 6004]);

/** Step data when the key's values are not in the inventory: the operator reads them from the export. */
const NOT_IN_INVENTORY = '(not in the inventory)';

/**
 * RPC proxy: an update may overwrite custom RPC proxy registry settings, so where Outlook Anywhere is
 * enabled or the RpcProxy key exists, the key is exported before the update and compared after it.
 * ValidPorts entries with ports other than Exchange's own (6001, 6002, 6004) show a hand-made setting
 * and are named in a warning. Outlook Anywhere needs the RPC over HTTP proxy, so when it is enabled but
 * a machine's RpcProxy export is missing, the settings could not be checked: a warning, and the export
 * and compare steps all the same.
 *
 * No required facts: neither export is missing by mistake when the rule does not apply (no RpcProxy key
 * on a server without the RPC over HTTP proxy; no Get-OutlookAnywhere records in an organisation that
 * never enabled it), so a data gap would be noise on every such server.
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
    references: [
      { title: 'How to Configure the RPC Proxy Server to Use Specified Ports', url: 'http://technet.microsoft.com/en-us/library/aa998910.aspx' },
    ],
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
      rpcProxyExportMissing: {
        en: 'Outlook Anywhere is enabled on {server} (external host name "{externalHostname}", {outlookAnywhereFrom}), but the inventory has no RpcProxy registry export for {machine}, so its RPC proxy settings could not be checked. Export the key before the update and compare afterwards; re-run the collector on {machine} to include it in the plan.',
        ja: '{server} では Outlook Anywhere が有効ですが (外部ホスト名「{externalHostname}」、{outlookAnywhereFrom})、インベントリに {machine} の RpcProxy レジストリのエクスポートがないため、RPC プロキシの設定を確認できませんでした。更新前にキーをエクスポートし、更新後に比較してください。計画に含めるには、{machine} で収集スクリプトを再実行してください。',
      },
    },
    steps: {
      'export-rpc-proxy-key': { phase: 'prepare', order: 360 },
      'compare-rpc-proxy-key': { phase: 'verify', order: 340 },
      'rollback-import-rpc-proxy-key': { phase: 'rollback', order: 500 },
    },
  },
  check({ server, target }) {
    if (target.upToDate) return { status: 'not-applicable', reason: 'up-to-date' };
    const outlookAnywhere = server.outlookAnywhere ?? null;
    const findings: Finding<MessageId>[] = [];
    const steps: StepRef<StepId>[] = [];
    for (const machine of server.machines) {
      const proxy = machine.rpcProxy ?? null;
      const file = `C:\\Backup\\RpcProxy-${machine.name}.reg`;
      if (proxy) {
        const validPorts = proxy.value.validPorts;
        const data = { machine: machine.name, validPorts: validPorts === '' ? '(empty)' : validPorts, file };
        const custom = nonDefaultEntries(validPorts);
        findings.push(custom.length > 0 ? { messageId: 'nonDefaultPorts', severity: 'warning', data: { ...data, entries: custom.join(', ') } } : { messageId: 'keyPresent', data });
        steps.push({ step: 'export-rpc-proxy-key', instance: machine.name, data }, { step: 'compare-rpc-proxy-key', instance: machine.name, data }, { step: 'rollback-import-rpc-proxy-key', instance: machine.name, data });
      } else if (outlookAnywhere?.value.enabled) {
        const data = { machine: machine.name, validPorts: NOT_IN_INVENTORY, file };
        findings.push({
          messageId: 'rpcProxyExportMissing',
          severity: 'warning',
          data: {
            ...data,
            server: server.name,
            externalHostname: outlookAnywhere.value.externalHostname,
            outlookAnywhereFrom: `${outlookAnywhere.from.file}:${outlookAnywhere.from.line}`,
          },
        });
        steps.push({ step: 'export-rpc-proxy-key', instance: machine.name, data }, { step: 'compare-rpc-proxy-key', instance: machine.name, data }, { step: 'rollback-import-rpc-proxy-key', instance: machine.name, data });
      }
    }
    if (findings.length === 0) {
      const outlookAnywhereText =
        outlookAnywhere === null ? 'Outlook Anywhere status not collected (no Get-OutlookAnywhere export)' : `Outlook Anywhere not enabled (${outlookAnywhere.from.file} does not list this server)`;
      return { status: 'not-applicable', reason: `no-rpc-proxy-key: no RpcProxy registry export for this server (RPC over HTTP proxy not installed, or RpcProxy.csv not collected); ${outlookAnywhereText}` };
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
