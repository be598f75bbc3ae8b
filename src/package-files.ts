import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sea from 'node:sea';

/**
 * The files exrunbook ships beside its code (package.json, templates/, data/), by their path in the
 * package, '/'-separated. From a checkout or an installed package they are read from the package
 * folder; in the single-file executable they are its assets, listed by the asset {@link SEA_ASSET_LIST}
 * (written by scripts/release.mjs, which also decides what is shipped).
 */
export const SEA_ASSET_LIST = 'exrunbook-assets.json';

/** A shipped file's bytes, exactly as shipped (the collector is handed out byte for byte). */
export function readPackageBytes(path: string): Buffer {
  if (sea.isSea()) return Buffer.from(sea.getAsset(path));
  return readFileSync(join(packageRoot(), ...path.split('/')));
}

/**
 * A shipped text file with its line endings made LF: a Git-for-Windows checkout or a copy edited on
 * Windows may carry CRLF, and the runbooks must be byte-identical wherever they are made.
 */
export function readPackageText(path: string): string {
  return withLfLineEndings(readPackageBytes(path).toString('utf8'));
}

/** The names of the files directly in a shipped folder (`templates/steps/en`), sorted. */
export function listPackageFolder(folder: string): string[] {
  if (sea.isSea()) {
    const prefix = `${folder}/`;
    return seaAssetNames()
      .filter((name) => name.startsWith(prefix) && !name.slice(prefix.length).includes('/'))
      .map((name) => name.slice(prefix.length))
      .sort();
  }
  return readdirSync(join(packageRoot(), ...folder.split('/'))).sort();
}

export function withLfLineEndings(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

let root: string | undefined;

/**
 * The folder holding package.json: one level up from src/ or dist/ files, more from a bundle, so it is
 * found by walking up rather than by a fixed relative path.
 */
function packageRoot(): string {
  if (root !== undefined) return root;
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json')) || !existsSync(join(folder, 'templates'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`exrunbook's package folder (package.json beside templates/) is not above ${fileURLToPath(import.meta.url)}.`);
    folder = parent;
  }
  root = folder;
  return root;
}

let assetNames: string[] | undefined;

function seaAssetNames(): string[] {
  assetNames ??= JSON.parse(sea.getAsset(SEA_ASSET_LIST, 'utf8')) as string[];
  return assetNames;
}
