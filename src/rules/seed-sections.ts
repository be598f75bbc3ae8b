/**
 * The sections of Microsoft's checklist (../shared/seed, Japanese edition) that rules trace back to,
 * as BRIEF §5 names them. `heading` is the seed's own heading, so a reviewer can find the text.
 */
export const SEED_SECTIONS = {
  'plan-permissions': { heading: '最新の Service Pack または更新プログラムのロールアップの展開の計画', en: 'Planning: permissions of the installing account' },
  'plan-clusters': { heading: '最新の Service Pack または更新プログラムのロールアップの展開の計画 (注: クラスタ化メールボックス サーバー)', en: 'Planning: note on clustered mailbox servers' },
  'checklist-1': { heading: '1. Exchange の Service Pack レベルを判断する', en: 'Checklist 1: determine the service pack level' },
  'checklist-2': { heading: '2. コンピュータにインストールされている更新プログラムのロールアップ パッケージを判断する', en: 'Checklist 2: determine the installed update rollups' },
  'checklist-3': { heading: '3. コンピュータに中間更新プログラムがインストールされているかどうかを判断する', en: 'Checklist 3: determine whether interim updates are installed' },
  'checklist-4': { heading: '4. 対応する中間更新プログラムを見つける', en: 'Checklist 4: find the matching interim updates' },
  'checklist-5': { heading: '5. 最新の更新プログラムのロールアップ パッケージを入手する', en: 'Checklist 5: obtain the latest update rollup' },
  'checklist-6': { heading: '6. 共通言語ランタイム (CLR) で generatePublisherEvidence 設定がサポートされていることを確認する', en: 'Checklist 6: the CLR must support generatePublisherEvidence' },
  'no-internet': { heading: 'Exchange がインターネットに接続できない場合', en: 'When Exchange cannot connect to the Internet' },
  'owa-customisation': { heading: 'Outlook Web Access のカスタマイズ', en: 'Outlook Web Access customisation' },
  'cas-cas-proxy': { heading: 'CAS-CAS プロキシ', en: 'CAS-CAS proxy' },
  slipstream: { heading: '更新プログラムのロールアップのスリップストリーム インストール', en: 'Slipstream installation of update rollups' },
  'rpc-proxy': { heading: '既定の設定以外の RPC プロキシ設定の使用', en: 'Non-default RPC proxy settings' },
  backups: { heading: 'バックアップに関する全般的な推奨事項', en: 'General backup recommendations' },
  services: { heading: 'サービスの停止に関する考慮事項', en: 'Services stopping' },
  where: { heading: '適用する場所', en: 'Where to apply' },
  order: { heading: 'サーバーに適用する順序', en: 'Order of servers' },
  'how-steps': { heading: '適用する方法', en: 'How to apply (steps 1–8)' },
  'removing-rollup': { heading: '更新プログラムのロールアップの削除', en: 'Removing an update rollup' },
  'sp2-and-later': { heading: 'Exchange 2007 SP2 およびそれ以降のバージョン固有の情報', en: 'Exchange 2007 SP2 and later' },
} as const;

export type SeedSectionId = keyof typeof SEED_SECTIONS;
