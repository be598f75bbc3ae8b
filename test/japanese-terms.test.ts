import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ja } from '../src/i18n/messages.js';
import { cliJa } from '../src/i18n/cli-messages.js';
import { RULES } from '../src/rules/index.js';

/*
 * The Japanese the operator reads: one term per concept, in the spelling of Microsoft's Japanese Exchange 2007
 * checklist (コンピュータ, フォルダ, ストレージ グループ, 保守期間), and the typographic habits the runbooks keep
 * (a space between half-width parentheses or quotes and Japanese text; emphasis that closes before 。).
 */
const STEPS = 'templates/steps/ja';
const texts: { where: string; text: string }[] = [
  ...readdirSync(STEPS)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => ({ where: `${STEPS}/${f}`, text: readFileSync(join(STEPS, f), 'utf8') })),
  { where: 'src/i18n/messages.ts (ja)', text: Object.values(ja).join('\n') },
  { where: 'src/i18n/cli-messages.ts (ja)', text: Object.values(cliJa).join('\n') },
  { where: 'rule titles and unverified notes (ja)', text: RULES.flatMap((r) => [r.meta.title.ja, r.meta.failureTitle.ja, ...(r.meta.unverified ?? []).map((u) => u.ja)]).join('\n') },
  { where: 'templates/collector/README.txt', text: readFileSync('templates/collector/README.txt', 'utf8') },
];

const KANA_KANJI = '\\u3040-\\u30ff\\u4e00-\\u9fff';
/** Each rule: what it asks, the pattern of what it forbids, and a line it must catch (so no pattern matches nothing). */
const rules: [string, RegExp, string][] = [
  ['フォルダ (the checklist), not フォルダー', /フォルダー/, 'インベントリ フォルダーを開きます。'],
  ['コンピュータ (the checklist), not コンピューター', /コンピューター/, 'コンピューターを再起動します。'],
  ['ストレージ グループ (Exchange 2007 UI), not ストレージグループ', /ストレージグループ/, 'ストレージグループを確認します。'],
  ['保守期間 (the checklist), not 保守作業時間帯 / メンテナンス ウィンドウ', /保守作業時間帯|メンテナンス\s?ウィンドウ/, 'メンテナンス ウィンドウの開始'],
  ['変更チケット, not 変更管理番号', /変更管理番号/, '変更管理番号: CHG-1042'],
  ['ウェーブ, not 段階 for a wave', /段階\s?\d/, '段階 2 のサーバー'],
  ['[接続状態] (Outlook\'s Connection Status dialog in Japanese, KB2737188), not 接続状況', /接続状況/, '[接続状況] を開きます。'],
  ['a space between a closing half-width parenthesis and Japanese text', new RegExp(`\\)[${KANA_KANJI}]`), 'Update Rollup 23 (KB4011325)をインストールします。'],
  ['a space between a closing quote and Japanese text, and before an opening one', new RegExp(`[${KANA_KANJI}]"[A-Za-z]|[A-Za-z.]"[${KANA_KANJI}]`), '値が"Running"であること'],
  ['bold that closes before 。 (CommonMark does not close ** after 。 before text)', /\*\*[^*\n]+。\*\*/, '**再起動しないでください。**次に'],
];

describe('Japanese terms and typography', () => {
  it('reads the ja step templates', () => {
    expect(texts.length).toBeGreaterThan(60);
  });

  it.each(rules)('%s', (_, pattern, caught) => {
    expect(pattern.test(caught), `the pattern must catch: ${caught}`).toBe(true);
    const hits = texts.flatMap(({ where, text }) =>
      text.split('\n').flatMap((line, i) => {
        const m = pattern.exec(line);
        return m ? [`${where}:${i + 1}: …${line.slice(Math.max(0, m.index - 20), m.index + 20)}…`] : [];
      }),
    );
    expect(hits).toEqual([]);
  });
});
