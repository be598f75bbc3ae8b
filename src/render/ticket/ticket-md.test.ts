import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { assemblePlan } from '../../plan/assemble-plan.js';
import { RULES } from '../../rules/index.js';
import { runRules } from '../../rules/run-rules.js';
import type { RenderContext } from '../render-context.js';
import { casServer, catalog, cmsServer, defaultOptions, machine, patch, server } from '../../../test/support/facts.js';
import { escapeMarkdown } from './escape-markdown.js';
import { renderTicketMarkdown } from './ticket-md.js';

const HOSTILE = ['*bold*', '[x](javascript:alert(1))', '<script>alert(1)</script>', '`code`', 'A|B', '# head', '1. list', 'https://evil.example/x', 'a@b.example', '_u_', '&amp;', 'line\nbreak'];
const context = (lang: 'en' | 'ja', ticket = 'CHG-1'): RenderContext => ({ lang, rules: new Map(RULES.map((r) => [r.meta.id, r])), tool: { name: 'exrunbook', version: '0.0.0' }, catalogSha256: '0', generatedOn: '2026-11-25', ticket, window: '' });
const marked = new Marked({ gfm: true });

describe('escapeMarkdown', () => {
  it.each(HOSTILE)('%j renders as exactly its text, on one line', (text) => {
    const html = marked.parse(`x ${escapeMarkdown(text)}`, { async: false });
    const expected = text.replace('\n', ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    expect(html).toBe(`<p>x ${expected}</p>\n`);
  });

  it('keeps a table cell a cell', () => {
    const html = marked.parse(`| a | b |\n|---|---|\n| ${escapeMarkdown('X|Y')} | z |\n`, { async: false });
    expect(html.match(/<td>/g)).toHaveLength(2);
    expect(html).toContain('<td>X|Y</td>');
  });
});

describe('renderTicketMarkdown', () => {
  const fleet = [
    casServer('EXCAS01', { externalUrl: 'https://mail.contoso.co.jp/owa', exsetup: '8.3.298.3' }),
    ...HOSTILE.map((name) => server(name, { exsetup: '8.2.247.2' })),
    cmsServer('EXCMS1', { nodes: [{ name: 'NODE1', active: true }, { name: 'NODE2' }] }),
  ];
  const plan = assemblePlan(runRules(fleet, RULES, catalog, defaultOptions), fleet, [], []);

  it.each(['en', 'ja'] as const)('names every section and server, and no inventory string becomes markup (%s)', (lang) => {
    const text = renderTicketMarkdown(context(lang, '<b>CHG</b>|*1*'), plan);
    expect(text.split('\n').filter((l) => l.startsWith('## '))).toHaveLength(6);
    const html = marked.parse(text, { async: false });
    expect(html).not.toMatch(/<script|<a |<em>[^<]*bold|<b>|javascript:alert\(1\)<\/a>|<code>code/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('*bold*');
    expect(html).toContain('&lt;b&gt;CHG&lt;/b&gt;|*1*');
    // The scope table keeps five cells on every row, whatever the names hold.
    const scope = html.slice(html.indexOf('<table>'), html.indexOf('</table>'));
    for (const row of scope.split('<tr>').slice(2)) expect(row.match(/<td>/g)).toHaveLength(5);
  });

  it('escapes the inventory values a blocker inserts, not the rule\'s own words around them', () => {
    const name = '[x](javascript:alert(1))*';
    const iu = patch('KB2814847', 'Interim Update for Exchange Server 2007 (KB2814847)');
    const fleet = [server(name, { machines: [machine(name, { exsetup: '8.3.298.3', patches: [iu] })] })];
    const text = renderTicketMarkdown(context('en'), assemblePlan(runRules(fleet, RULES, catalog, defaultOptions), fleet, [], []));
    const line = text.split('\n').find((l) => l.includes('KB2814847') && l.startsWith('- **')) ?? '';
    expect(line).toContain(`on ${escapeMarkdown(name)} is not known to be fixed in the target SP3 RU23: obtain`);
    expect(marked.parse(line, { async: false })).not.toMatch(/<a |<em>/);
  });

  it('says how to back out and verify, and names the servers whose service pack cannot be removed', () => {
    const text = renderTicketMarkdown(context('en'), plan);
    expect(text).toMatch(/^- A service pack cannot be removed: \\# head, \\&amp;, \\\*bold\\\*, .* line break are restored from the backup/m);
    expect(text).toContain('`exrunbook verify plan.json <after-inventory>`');
    expect(text).toContain('Maintenance window: —. Give the windows in the config file');
  });
});
