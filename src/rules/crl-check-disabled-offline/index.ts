import { defineRule, type Finding, type StepRef } from '../define-rule.js';

type MessageId = 'noInternet' | 'internetUnknown';
type StepId = 'turn-off-crl-check' | 'turn-on-crl-check' | 'rollback-turn-on-crl-check';

/**
 * No Internet + how-to step 4: without Internet every CRL lookup during "creating native images" waits
 * for its time-out, so the install takes hours. On each machine that cannot reach the CRL — or whose
 * access was not tested (BRIEF §3: unknown = assume none) — untick "Check for publisher's certificate
 * revocation" for the installing account before setup (per-user `State` value 0x23e00) and tick it again
 * after (0x23c00). Machines with a reachable CRL need nothing; a server whose machines all reach it passes.
 */
export default defineRule({
  meta: {
    id: 'crl-check-disabled-offline',
    title: { en: 'Setup does not wait for certificate revocation checks', ja: 'セットアップが証明書失効の確認で待たされない' },
    failureTitle: { en: 'Without Internet, turn off the publisher certificate revocation check during setup', ja: 'インターネットに接続できないため、セットアップ中は発行元証明書の取り消しの確認をオフにする' },
    severity: 'warning',
    seedSections: ['no-internet', 'how-steps'],
    references: [
      { title: 'KB944752: Exchange Server 2007 managed code services do not start after you install an update rollup', url: 'http://support.microsoft.com/kb/944752/en-us/' },
      { title: 'Installationszeit von Exchange 2007 Rollup Update (Microsoft staff blog): CRL checks without Internet access', url: 'https://blogs.technet.microsoft.com/dmelanchthon/2008/07/28/installationszeit-von-exchange-2007-rollup-update/' },
      { title: 'Exchange 2007 rollup installation hang, managed code services do not start (community: the WinTrust State value 0x23e00/0x23c00)', url: 'http://www.bhargavs.com/index.php/exchange-server/exchange-2007-exchange-server/2009/07/exchange-2007-rollup-update-installation-hang-managed-code-services-do-not-start/' },
    ],
    unverified: [
      {
        en: 'The per-user registry value behind the option (WinTrust Software Publishing State: 0x23e00 off, 0x23c00 on) is documented by two community blogs that agree, not by Microsoft.',
        ja: 'このオプションの基になるユーザーごとのレジストリ値 (WinTrust Software Publishing の State: 0x23e00 がオフ、0x23c00 がオン) は、一致する 2 つのコミュニティのブログによるもので、マイクロソフトの文書ではありません。',
      },
      {
        en: 'KB971445 ("Generating NGEN images takes longer than expected"), which the checklist cites, could not be retrieved.',
        ja: 'チェックリストが参照している KB971445 (「Generating NGEN images takes longer than expected」) は入手できていません。',
      },
    ],
    requiredFacts: [],
    messages: {
      noInternet: {
        en: '{machine} cannot reach the certificate revocation list (CRL): setup would wait for every CRL check to time out ("creating native images"). The runbook turns the publisher certificate revocation check off for the installing account during setup and back on afterwards.',
        ja: '{machine} は証明書失効リスト (CRL) に接続できません。セットアップが CRL の確認ごとにタイムアウトを待ちます (「ネイティブ イメージを作成しています」)。この手順書では、セットアップ中はインストールに使うアカウントの [発行元証明書の取り消しを確認する] をオフにし、完了後にオンに戻します。',
      },
      internetUnknown: {
        en: 'Internet access of {machine} was not tested (no CRL check in the inventory): assumed to have none, so the runbook turns the publisher certificate revocation check off during setup. If the host can reach crl.microsoft.com, these steps can be skipped.',
        ja: '{machine} のインターネット接続は未確認です (インベントリに CRL 確認結果がありません)。接続できないものとみなし、セットアップ中は [発行元証明書の取り消しを確認する] をオフにする手順を含めています。crl.microsoft.com に接続できる場合、これらの手順は省略できます。',
      },
    },
    steps: {
      'turn-off-crl-check': { phase: 'window', order: 200 },
      'turn-on-crl-check': { phase: 'window', order: 650 },
      'rollback-turn-on-crl-check': { phase: 'rollback', order: 300 },
    },
  },
  check({ server, target }) {
    if (target.upToDate) return { status: 'not-applicable', reason: 'up-to-date' };
    const findings: Finding<MessageId>[] = [];
    const steps: StepRef<StepId>[] = [];
    for (const machine of server.machines) {
      const reachable = machine.crlReachable?.value ?? null;
      if (reachable === true) continue;
      const data = { machine: machine.name };
      findings.push({ messageId: reachable === false ? 'noInternet' : 'internetUnknown', severity: reachable === false ? 'info' : 'warning', data });
      steps.push(
        { step: 'turn-off-crl-check', instance: machine.name, data },
        { step: 'turn-on-crl-check', instance: machine.name, data },
        { step: 'rollback-turn-on-crl-check', instance: machine.name, data },
      );
    }
    return findings.length === 0 ? { status: 'pass' } : { status: 'fail', findings, steps };
  },
});
