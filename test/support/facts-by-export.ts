import type { Diagnostic } from '../../src/ingest/diagnostic.js';
import { readInventory } from '../../src/ingest/read-inventory.js';
import { loadBuildCatalog } from '../../src/knowledge/load-build-catalog.js';
import { buildServerFacts } from '../../src/normalize/build-server-facts.js';

const catalog = loadBuildCatalog();

/**
 * The ServerFacts of an inventory as JSON, every provenance reduced to the export it names (`EXCAS01/ExSetup`:
 * no extension, no line), with the ingest's and normalizer's diagnostics: what must not depend on the format.
 */
export function factsByExport(inventory: string): { facts: string; diagnostics: Diagnostic[]; formats: Set<string | null> } {
  const read = readInventory(inventory);
  const { servers, diagnostics } = buildServerFacts(read.recordSets, catalog);
  const facts = JSON.stringify(servers, (key, value: unknown) => (key === 'line' ? undefined : key === 'file' && typeof value === 'string' ? value.replace(/\.\w+$/, '') : value));
  return { facts, diagnostics: [...read.diagnostics, ...diagnostics], formats: new Set(read.files.map((f) => f.format)) };
}
