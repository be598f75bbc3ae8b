import { readPackageText } from '../package-files.js';
import { BuildCatalog } from './build-catalog.js';

/**
 * Loads the frozen catalogue shipped in data/. The checksum is over the file with LF line endings, so a
 * checkout or copy that turned it to CRLF still verifies, while any edit to its content does not.
 */
export function loadBuildCatalog(): BuildCatalog {
  const text = readPackageText('data/build-catalog.json');
  const recorded = readPackageText('data/build-catalog.sha256').split(/\s+/)[0] ?? '';
  return BuildCatalog.fromText(text, recorded);
}
