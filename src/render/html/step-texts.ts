import type Handlebars from 'handlebars';
import type { Marked } from 'marked';
import { ExrunbookError } from '../../errors.js';
import { formatData } from '../../i18n/format-message.js';
import type { Lang } from '../../i18n/messages.js';
import { listPackageFolder, readPackageText } from '../../package-files.js';
import type { FindingData } from '../../rules/define-rule.js';

/** A step's words in one language: a plain-text title and an HTML body, both filled with step data. */
export interface StepText {
  readonly title: (data: FindingData) => string;
  readonly bodyHtml: (data: FindingData) => string;
}

/**
 * `_<name>.md`: words several steps share, put into a step where it says `@include(<name>)` — before
 * Markdown, as if written there — so that one sentence is written once per language.
 */
export function isSharedText(file: string): boolean {
  return file.startsWith('_');
}

/** Puts each shared text where `source` says `@include(<name>)`; `where` names the step file in an error. */
export function expandIncludes(source: string, shared: ReadonlyMap<string, string>, where: string): string {
  return source.replace(/@include\(([a-z0-9-]+)\)/g, (_, name: string) => {
    const text = shared.get(name);
    if (text === undefined) throw new ExrunbookError('step-text-invalid', 'internal', `${where} includes "${name}", but its folder has no _${name}.md.`);
    return text;
  });
}

/**
 * Loads templates/steps/<lang>/*.md. The Markdown (trusted, ours) goes through marked first; the
 * resulting HTML is then compiled as a strict Handlebars template, so inventory values are inserted
 * *after* Markdown, HTML-escaped, and never interpreted as Markdown or markup.
 */
export function loadStepTexts(lang: Lang, marked: Marked, handlebars: typeof Handlebars): Map<string, StepText> {
  const dir = `templates/steps/${lang}`;
  const files = listPackageFolder(dir).filter((f) => f.endsWith('.md'));
  const shared = new Map(files.filter(isSharedText).map((f) => [f.slice(1, -'.md'.length), readPackageText(`${dir}/${f}`).replace(/\n+$/, '')]));
  const texts = new Map<string, StepText>();
  for (const file of files.filter((f) => !isSharedText(f))) {
    const source = expandIncludes(readPackageText(`${dir}/${file}`), shared, `${dir}/${file}`);
    const id = file.slice(0, -'.md'.length);
    const match = /^# (.+)\n/.exec(source);
    if (!match?.[1]) throw new ExrunbookError('step-text-invalid', 'internal', `templates/steps/${lang}/${file} must start with a "# Title" line.`);
    const body = source.slice(match[0].length);
    const options = { strict: true, knownHelpersOnly: true, knownHelpers: {} } as const;
    const title = handlebars.compile(match[1].trim(), { ...options, noEscape: true });
    const bodyHtml = handlebars.compile(marked.parse(body, { async: false }), options);
    texts.set(id, { title: (data) => title(formatData(data, lang)), bodyHtml: (data) => bodyHtml(formatData(data, lang)) });
  }
  return texts;
}
