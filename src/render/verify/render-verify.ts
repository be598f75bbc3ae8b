import Handlebars from 'handlebars';
import { CATALOGUES, type MessageKey } from '../../i18n/messages.js';
import { buildText } from '../../rules/describe-level.js';
import { VERIFY_STATUSES, type CheckResult, type Verification, type VerifyStatus } from '../../verify/verify-servers.js';
import { COMPILE_OPTIONS } from '../html/render-html.js';
import { readPackageText } from '../../package-files.js';
import { pageMarginCss, pageMarginText } from '../page-margins.js';
import { diagnosticMessage, t, type RenderContext } from '../render-context.js';

/** verify.json schema version: fields may be added, never renamed. */
export const VERIFY_SCHEMA_VERSION = 1;

export function checkMessage(context: Pick<RenderContext, 'lang'>, check: CheckResult): { title: string; detail: string } {
  const title = t(context, `verify.check.${check.id}` as MessageKey, check.data);
  // no-data is explained once on the page (verify.check.no-data.hint), not on every row.
  if (check.status !== 'fail' || check.id === 'interim-update-reinstalled') return { title, detail: '' };
  return { title, detail: t(context, `verify.check.${check.id}.fail` as MessageKey, check.data) };
}

function countByStatus(statuses: readonly VerifyStatus[]): Record<VerifyStatus, number> {
  const counts = Object.fromEntries(VERIFY_STATUSES.map((s) => [s, 0])) as Record<VerifyStatus, number>;
  for (const status of statuses) counts[status]++;
  return counts;
}

const where = (p: { file: string; line: number }): string => `${p.file}:${p.line}`;

/** The machine-readable verdict, keys in a fixed order, for the ticket. */
export function renderVerifyJson(context: RenderContext, verification: Verification): string {
  const waves = [...new Set(verification.servers.map((s) => s.wave))];
  return `${JSON.stringify(
    {
      schemaVersion: VERIFY_SCHEMA_VERSION,
      tool: { name: context.tool.name, version: context.tool.version },
      lang: context.lang,
      plan: verification.plan,
      summary: {
        servers: verification.servers.length,
        byStatus: countByStatus(verification.servers.map((s) => s.status)),
        waves: waves.map((wave) => ({ wave, byStatus: countByStatus(verification.servers.filter((s) => s.wave === wave).map((s) => s.status)) })),
      },
      servers: verification.servers.map((s) => ({
        name: s.name,
        wave: s.wave,
        status: s.status,
        planned: { from: s.planned.from ? buildText(s.planned.from) : null, target: buildText(s.planned.target) },
        observed: {
          build: s.observed.build ? buildText(s.observed.build) : null,
          machines: s.observed.machines.map((m) => ({ name: m.name, status: m.status, from: m.from ? buildText(m.from) : null, build: m.build ? buildText(m.build) : null, evidence: m.evidence, sources: m.sources.map(where) })),
        },
        checks: s.checks.map((c) => {
          const message = checkMessage(context, c);
          return { id: c.id, machine: c.machine, status: c.status, message: message.title, ...(message.detail ? { detail: message.detail } : {}), data: c.data, evidence: c.evidence.map((e) => ({ file: e.file, line: e.line })) };
        }),
      })),
      diagnostics: verification.diagnostics.map((d) => ({ severity: d.severity, code: d.code, file: d.file, ...(d.line !== undefined ? { line: d.line } : {}), ...diagnosticMessage(context, d) })),
    },
    null,
    2,
  )}\n`;
}

/** verify.html: a summary by wave first, then each server with its machines and checks, every fact with its file:line. */
export function renderVerifyHtml(context: RenderContext, verification: Verification): string {
  const handlebars = Handlebars.create();
  const read = (name: string): string => readPackageText(`templates/${name}`);
  const layout = handlebars.compile(read('layout.hbs'), COMPILE_OPTIONS);
  const body = handlebars.compile(read('verify.hbs'), COMPILE_OPTIONS);
  const view = buildVerifyView(context, verification);
  return layout({
    lang: context.lang,
    title: view.title,
    css: read('runbook.css'),
    pageCss: pageMarginCss(pageMarginText(context, null)),
    body: body({ view, t: CATALOGUES[context.lang] }),
    generator: `${context.tool.name} ${context.tool.version}`,
  });
}

function buildVerifyView(context: RenderContext, verification: Verification) {
  const status = (s: VerifyStatus): string => t(context, `verify.status.${s}`);
  const servers = verification.servers;
  const verified = servers.filter((s) => s.status === 'verified').length;
  const waves = [...new Set(servers.map((s) => s.wave))];
  return {
    title: t(context, 'verify.title'),
    summary: t(context, 'verify.summary', { servers: servers.length, verified, notVerified: servers.length - verified }),
    plan: t(context, 'verify.plan', { file: verification.plan.file, sha256: verification.plan.sha256 }),
    manifest: t(context, verification.plan.manifestChecked ? 'verify.planManifest' : 'verify.planNoManifest'),
    statusHeads: VERIFY_STATUSES.map((s) => ({ label: status(s), cls: s })),
    waves: waves.map((wave) => {
      const counts = countByStatus(servers.filter((s) => s.wave === wave).map((s) => s.status));
      return { label: wave === null ? t(context, 'wave.none') : t(context, 'wave.label', { index: wave }), counts: VERIFY_STATUSES.map((s) => (counts[s] === 0 ? '' : String(counts[s]))) };
    }),
    servers: servers.map((s) => ({
      name: s.name,
      wave: s.wave === null ? t(context, 'wave.none') : t(context, 'wave.label', { index: s.wave }),
      status: status(s.status),
      statusClass: s.status,
      target: buildText(s.planned.target),
      observed: s.observed.build ? buildText(s.observed.build) : '—',
      machines: s.observed.machines.map((m) => ({
        name: m.name,
        status: status(m.status),
        statusClass: m.status,
        from: m.from ? buildText(m.from) : '—',
        build: m.build ? buildText(m.build) : '—',
        evidence: m.sources.length > 0 ? `${t(context, `evidence.${m.evidence}`)}: ${m.sources.map(where).join(', ')}` : t(context, 'verify.noEvidence'),
      })),
      checks: s.checks.map((c) => ({ ...checkMessage(context, c), machine: c.machine, result: t(context, `verify.check.${c.status}`), resultClass: c.status, evidence: c.evidence.map(where).join(', ') || t(context, 'verify.noEvidence') })),
    })),
    noServers: servers.length === 0,
    diagnostics: verification.diagnostics.map((d) => ({ severityClass: d.severity, severity: t(context, `severity.${d.severity}`), file: d.file || '—', line: d.line ?? '', ...diagnosticMessage(context, d) })),
    generated: t(context, 'verify.generated', { date: context.generatedOn, tool: context.tool.name, version: context.tool.version }),
  };
}
