import { readFileSync } from 'node:fs';
import { BuildCatalog } from './build-catalog.js';

const DATA_DIR = new URL('../../data/', import.meta.url);

/** Loads the frozen catalogue shipped in data/ (works from src/ under vitest and from dist/). */
export function loadBuildCatalog(): BuildCatalog {
  const text = readFileSync(new URL('build-catalog.json', DATA_DIR), 'utf8');
  const recorded = readFileSync(new URL('build-catalog.sha256', DATA_DIR), 'utf8').split(/\s+/)[0] ?? '';
  return BuildCatalog.fromText(text, recorded);
}
