import { ExrunbookError } from '../errors.js';
import { CATALOGUES, type Lang, type MessageKey } from './messages.js';
import { formatNameList, isNameList, type NameList } from './name-list.js';

/** A message inside a message (`--target X: {problem}`), formatted in the language of the outer one. */
export interface MessageRef {
  readonly kind: 'message';
  readonly key: MessageKey;
  readonly data: MessageData;
}

export type MessageValue = string | number | NameList | MessageRef;
export type MessageData = Readonly<Record<string, MessageValue>>;

export function messageRef(key: MessageKey, data: MessageData = {}): MessageRef {
  return { kind: 'message', key, data };
}

function isMessageRef(value: MessageValue): value is MessageRef {
  return typeof value === 'object' && (value as { kind?: unknown }).kind === 'message';
}

const NAME = '[A-Za-z][A-Za-z0-9_]*';
const PLACEHOLDER = new RegExp(`\\{(${NAME})\\}`, 'g');
const PLURAL_START = new RegExp(`\\{(${NAME}),\\s*plural,`, 'g');
const PLURAL_FORM = /\s*(=\d+|zero|one|two|few|many|other)\s*\{/y;

/**
 * Fills `{name}` placeholders and ICU-style plurals, `{count, plural, one {# file} other {# files}}`
 * (`#` is the number; `=0` matches exactly; the category comes from Intl.PluralRules for the
 * language, so Japanese needs only `other`). A placeholder without a value is a bug in the caller,
 * never a blank on an operator's page, so it throws. Braces that hold no name stay as written
 * (`ForEach {$_.FileVersionInfo}`).
 */
export function formatMessage(template: string, data: MessageData, lang: Lang): string {
  let out = '';
  let from = 0;
  for (const plural of pluralsOf(template)) {
    out += fillPlaceholders(template.slice(from, plural.start), data, lang, template);
    const value = data[plural.name];
    if (typeof value !== 'number') throw new ExrunbookError('message-data-missing', 'internal', `Plural {${plural.name}} needs a number, got ${typeof value} in: ${template}`);
    const form = plural.forms.get(`=${String(value)}`) ?? plural.forms.get(pluralRules(lang).select(value)) ?? plural.forms.get('other');
    if (form === undefined) throw new ExrunbookError('message-data-missing', 'internal', `Plural {${plural.name}} has no "other" form in: ${template}`);
    out += formatMessage(numberSigns(form, String(value)), data, lang);
    from = plural.end;
  }
  return out + fillPlaceholders(template.slice(from), data, lang, template);
}

function fillPlaceholders(text: string, data: MessageData, lang: Lang, template: string): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = data[name];
    if (value === undefined) throw new ExrunbookError('message-data-missing', 'internal', `Message placeholder {${name}} has no value in: ${template}`);
    return formatValue(value, lang);
  });
}

export function formatValue(value: MessageValue, lang: Lang): string {
  if (isMessageRef(value)) return formatMessage(CATALOGUES[lang][value.key], value.data, lang);
  return isNameList(value) ? formatNameList(value, lang) : String(value);
}

/** The same data with every value as the text it prints as (for Handlebars step texts). */
export function formatData(data: MessageData, lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) out[key] = formatValue(value, lang);
  return out;
}

/** The distinct placeholder names of a message (plural counts and names inside forms), sorted. */
export function placeholdersOf(template: string): string[] {
  const names = new Set<string>();
  let from = 0;
  for (const plural of pluralsOf(template)) {
    for (const m of template.slice(from, plural.start).matchAll(PLACEHOLDER)) names.add(m[1] ?? '');
    names.add(plural.name);
    for (const form of plural.forms.values()) for (const name of placeholdersOf(form)) names.add(name);
    from = plural.end;
  }
  for (const m of template.slice(from).matchAll(PLACEHOLDER)) names.add(m[1] ?? '');
  return [...names].sort();
}

/** The plural categories (`one`, `other`, `=0`) a message uses, for the catalogue tests. */
export function pluralFormsOf(template: string): { name: string; forms: string[] }[] {
  return pluralsOf(template).map((p) => ({ name: p.name, forms: [...p.forms.keys()] }));
}

interface Plural {
  readonly name: string;
  readonly start: number;
  /** Just after the closing brace. */
  readonly end: number;
  readonly forms: ReadonlyMap<string, string>;
}

/** Top-level plural blocks, in order. A malformed one is a bug in a catalogue: it throws. */
function pluralsOf(template: string): Plural[] {
  const plurals: Plural[] = [];
  PLURAL_START.lastIndex = 0;
  for (let m = PLURAL_START.exec(template); m !== null; m = PLURAL_START.exec(template)) {
    const forms = new Map<string, string>();
    let at = m.index + m[0].length;
    for (;;) {
      PLURAL_FORM.lastIndex = at;
      const form = PLURAL_FORM.exec(template);
      if (form === null) break;
      const close = matchingBrace(template, PLURAL_FORM.lastIndex - 1);
      forms.set(form[1] ?? '', template.slice(PLURAL_FORM.lastIndex, close));
      at = close + 1;
    }
    while (template[at] === ' ') at += 1;
    if (template[at] !== '}' || forms.size === 0) throw new ExrunbookError('message-malformed', 'internal', `Malformed plural {${m[1] ?? ''}, plural, …} in: ${template}`);
    plurals.push({ name: m[1] ?? '', start: m.index, end: at + 1, forms });
    PLURAL_START.lastIndex = at + 1;
  }
  return plurals;
}

/** `#` is the count of the plural it stands in: one inside a nested `{…}` belongs to that one (ICU). */
function numberSigns(form: string, count: string): string {
  let depth = 0;
  let out = '';
  for (const char of form) {
    if (char === '{') depth += 1;
    else if (char === '}') depth -= 1;
    out += char === '#' && depth === 0 ? count : char;
  }
  return out;
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === '{') depth += 1;
    else if (text[i] === '}') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  throw new ExrunbookError('message-malformed', 'internal', `Unbalanced braces in: ${text}`);
}

const pluralRulesByLang = new Map<Lang, Intl.PluralRules>();
function pluralRules(lang: Lang): Intl.PluralRules {
  let rules = pluralRulesByLang.get(lang);
  if (rules === undefined) {
    rules = new Intl.PluralRules(lang);
    pluralRulesByLang.set(lang, rules);
  }
  return rules;
}
