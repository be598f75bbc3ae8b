import Handlebars from 'handlebars';
import { Marked } from 'marked';
import { CATALOGUES, type Lang } from '../../i18n/messages.js';
import { readPackageText } from '../../package-files.js';
import type { Plan } from '../../plan/assemble-plan.js';
import { runbookPath } from '../file-names.js';
import { pageMarginCss, pageMarginText } from '../page-margins.js';
import type { RenderContext } from '../render-context.js';
import { loadStepTexts, type StepText } from './step-texts.js';
import { buildFleetView, buildInputsView, buildServerView } from './view-model.js';
import { renderTicketMarkdown } from '../ticket/ticket-md.js';

export const COMPILE_OPTIONS = { strict: true, knownHelpersOnly: true, knownHelpers: {} } as const;

export interface HtmlDocument {
  /** Output path relative to the run folder, '/'-separated. */
  readonly path: string;
  readonly html: string;
  /** The server a runbook is for (null for the fleet plan): PDF headers use it. */
  readonly server: string | null;
  /** A page for the screen only, never printed (inputs.html). */
  readonly screenOnly?: true;
}

/**
 * Renders the fleet plan and one runbook per server. Compiles every template once per run with a
 * private Handlebars environment (no global state), then fills view models.
 */
export function renderHtml(context: RenderContext, plan: Plan, stepTexts: ReadonlyMap<string, StepText>, marked: Marked): HtmlDocument[] {
  return [...renderHtmlDocuments(context, plan, stepTexts, marked)];
}

/** {@link renderHtml} one document at a time, so a caller that writes them need not hold them all. */
export function* renderHtmlDocuments(context: RenderContext, plan: Plan, stepTexts: ReadonlyMap<string, StepText>, marked: Marked): Generator<HtmlDocument> {
  const handlebars = Handlebars.create();
  const read = (name: string): string => readPackageText(`templates/${name}`);
  const layout = handlebars.compile(read('layout.hbs'), COMPILE_OPTIONS);
  const index = handlebars.compile(read('index.hbs'), COMPILE_OPTIONS);
  const server = handlebars.compile(read('server.hbs'), COMPILE_OPTIONS);
  const inputs = handlebars.compile(read('inputs.hbs'), COMPILE_OPTIONS);
  const css = read('runbook.css');
  const t = CATALOGUES[context.lang];
  const generator = `${context.tool.name} ${context.tool.version}`;
  const page = (title: string, body: string, server: string | null): string =>
    layout({ lang: context.lang, title, css, pageCss: pageMarginCss(pageMarginText(context, server)), body, generator });

  const fleetView = buildFleetView(context, plan);
  yield { path: 'index.html', html: page(fleetView.title, index({ view: fleetView, t }), null), server: null };
  const inputsView = buildInputsView(context, plan);
  yield { path: 'inputs.html', html: page(inputsView.title, inputs({ view: inputsView, t }), null), server: null, screenOnly: true };
  // ticket.md as a page: inventory strings in it are Markdown-escaped (ticket/escape-markdown.ts), so marked prints them as text.
  yield { path: 'ticket.html', html: page(t['ticket.page'], `<article class="ticket">${marked.parse(renderTicketMarkdown(context, plan), { async: false })}</article>`, null), server: null, screenOnly: true };
  for (const serverPlan of plan.servers) {
    const view = buildServerView(context, plan, serverPlan, stepTexts);
    yield { path: `${runbookPath(plan, serverPlan.facts.name)}.html`, html: page(view.title, server({ view, t }), serverPlan.facts.name), server: serverPlan.facts.name };
  }
}

/** The run's one Marked instance: step texts and ticket.html go through it. */
export function createRunMarked(): Marked {
  return new Marked({ gfm: true });
}

/** Step texts of one language, compiled once per run with the run's Marked instance. */
export function loadRunStepTexts(lang: Lang, marked: Marked = createRunMarked()): Map<string, StepText> {
  return loadStepTexts(lang, marked, Handlebars.create());
}
