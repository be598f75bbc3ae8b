// One benchmark phase in a fresh process (spawned by scripts/bench.mjs): runs the phases before it
// untimed, then times the named one with the project's compiled modules (dist/, the code the CLI runs)
// and prints one JSON line: wall milliseconds and the peak resident set size during that phase.
//
//   node scripts/bench/phase.mjs <ingest|plan|html|pdf> <inventory> <outDir>
//
// Peak RSS: on Linux the high-water mark is reset just before the phase (/proc/self/clear_refs "5"),
// so the figure is the phase's own peak — which includes the data the earlier phases left resident,
// as it does in a real run. Elsewhere it falls back to the whole process's maxRSS.
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { readInventory } from '../../dist/ingest/read-inventory.js';
import { loadBuildCatalog } from '../../dist/knowledge/load-build-catalog.js';
import { buildServerFacts } from '../../dist/normalize/build-server-facts.js';
import { runRules } from '../../dist/rules/run-rules.js';
import { RULES } from '../../dist/rules/index.js';
import { assemblePlan } from '../../dist/plan/assemble-plan.js';
import { parseTarget } from '../../dist/cli/parse-target.js';
import { readToolInfo } from '../../dist/cli/tool-info.js';
import { runBuild } from '../../dist/cli/run-build.js';

const PHASES = ['ingest', 'plan', 'html', 'pdf'];
const [phase, inventoryDir, outDir] = process.argv.slice(2);
if (!PHASES.includes(phase ?? '') || inventoryDir === undefined || outDir === undefined) {
  process.stderr.write(`usage: node scripts/bench/phase.mjs <${PHASES.join('|')}> <inventory> <outDir>\n`);
  process.exit(2);
}

let resetWorked = false;
function resetPeak() {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    resetWorked = true;
  } catch {
    resetWorked = false;
  }
}

function peakRssKb() {
  if (resetWorked) {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match?.[1] !== undefined) return Number(match[1]);
  }
  return process.resourceUsage().maxRSS;
}

let measured = {};

/** Runs `work`, timed and with its own peak RSS when `name` is the requested phase. */
async function stage(name, work, describe) {
  if (name !== phase) return work();
  resetPeak();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  measured = { ms, cpuMs: (cpu.user + cpu.system) / 1000, peakRssKb: peakRssKb(), ...describe(value) };
  return value;
}

const catalog = loadBuildCatalog();
const policy = parseTarget('latest', catalog);
const ruleOptions = { target: policy, interimUpdateFixes: new Map() };

// The same sequence as src/cli/plan-inventory.ts, split so each part is timed on its own.
const inventory = await stage('ingest', () => readInventory(inventoryDir), (inv) => ({ files: inv.files.length }));
const plan = phase === 'ingest' ? null : await stage(
  'plan',
  () => {
    const { servers, diagnostics } = buildServerFacts(inventory.recordSets, catalog);
    const evaluations = runRules(servers, RULES, catalog, ruleOptions);
    return assemblePlan(evaluations, servers, inventory.files, [...inventory.diagnostics, ...diagnostics]);
  },
  (p) => ({ servers: p.servers.length }),
);

if (plan !== null && (phase === 'html' || phase === 'pdf')) {
  const errors = plan.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`the inventory has ${errors.length} input errors, e.g. ${JSON.stringify(errors[0])}`);
  const context = {
    lang: 'en',
    rules: new Map(RULES.map((r) => [r.meta.id, r])),
    tool: readToolInfo(),
    catalogSha256: catalog.sha256,
    generatedOn: '2026-01-01',
    ticket: 'CHG-BENCH',
    window: '',
  };
  const sink = { write: () => true, isTTY: false };
  const formats = new Set(phase === 'html' ? ['html', 'json'] : ['pdf']);
  // The CLI loads the PDF modules (puppeteer-core: ~150 ms) only to print; load them untimed here, as
  // the raw-puppeteer baseline loads puppeteer before its clock starts: the phase times printing.
  if (phase === 'pdf') await import('../../dist/cli/build-pdfs.js');
  const io = { stdout: sink, stderr: sink, env: process.env, cwd: process.cwd() };
  await stage(phase, () => runBuild({ plan, policy, outDir, inputs: [{ label: 'the inventory folder', path: inventoryDir }], formats, context, browserPath: undefined, timeoutMs: 60_000, binder: false, reusePdfs: false, io }), () => ({ documents: plan.servers.length + 1 }));
}

process.stdout.write(`${JSON.stringify({ phase, ...measured, peakRssMethod: resetWorked ? 'VmHWM after reset' : 'maxRSS' })}\n`);
