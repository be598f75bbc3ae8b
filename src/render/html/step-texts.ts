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
 * Loads templates/steps/<lang>/*.md. The Markdown (trusted, ours) goes through marked first; the
 * resulting HTML is then compiled as a strict Handlebars template, so inventory values are inserted
 * *after* Markdown, HTML-escaped, and never interpreted as Markdown or markup.
 */
export function loadStepTexts(lang: Lang, marked: Marked, handlebars: typeof Handlebars): Map<string, StepText> {
  const dir = `templates/steps/${lang}`;
  const texts = new Map<string, StepText>();
  for (const file of listPackageFolder(dir).filter((f) => f.endsWith('.md'))) {
    const source = readPackageText(`${dir}/${file}`);
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
