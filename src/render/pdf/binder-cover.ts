import Handlebars from 'handlebars';
import { CATALOGUES } from '../../i18n/messages.js';
import { readPackageText } from '../../package-files.js';
import type { Plan, ServerPlan } from '../../plan/assemble-plan.js';
import { COMPILE_OPTIONS } from '../html/render-html.js';
import { buildFleetView, serverRow } from '../html/view-model.js';
import { t, type RenderContext } from '../render-context.js';

/** Where a binder section starts (binder page number) and how many pages it has. */
export interface SectionPlacement {
  readonly start: number;
  readonly pages: number;
}

/**
 * The binder's cover: title, change ticket, window, date, fleet counts, tool and catalogue, and the
 * contents with binder page numbers; then one blank back (its last page, copied wherever a section
 * needs one). `fleet` is the fleet plan's placement, `runbooks` one per server in binder order.
 */
export function renderBinderCover(
  context: RenderContext,
  plan: Plan,
  fleet: SectionPlacement,
  runbooks: readonly { readonly server: ServerPlan; readonly placement: SectionPlacement }[],
): string {
  const handlebars = Handlebars.create();
  const read = (name: string): string => readPackageText(`templates/${name}`);
  const layout = handlebars.compile(read('layout.hbs'), COMPILE_OPTIONS);
  const cover = handlebars.compile(read('binder-cover.hbs'), COMPILE_OPTIONS);
  const fleetView = buildFleetView(context, plan);
  const dash = '—';
  const view = {
    title: t(context, 'binder.title'),
    summary: fleetView.summary,
    facts: [
      { label: t(context, 'runbook.ticket'), value: context.ticket || dash, class: '' },
      { label: t(context, 'runbook.window'), value: context.window || dash, class: '' },
      { label: t(context, 'binder.generatedOn'), value: context.generatedOn, class: '' },
      { label: t(context, 'binder.tool'), value: `${context.tool.name} ${context.tool.version}`, class: '' },
      { label: t(context, 'binder.catalog'), value: context.catalogSha256, class: 'mono' },
    ],
    contents: [
      { wave: '', name: t(context, 'runbook.backToFleet'), roles: '', ...fleet },
      ...runbooks.map(({ server, placement }) => {
        const row = serverRow(context, plan, server);
        return { wave: server.wave === null ? row.wave : t(context, 'wave.label', { index: server.wave }), name: row.name, roles: row.roles, ...placement };
      }),
    ],
    numbering: t(context, 'binder.numbering'),
  };
  const css = `${read('runbook.css')}\n${read('binder.css')}`;
  const body = cover({ view, t: CATALOGUES[context.lang] });
  return layout({ lang: context.lang, title: view.title, css, pageCss: '', body, generator: `${context.tool.name} ${context.tool.version}` });
}
