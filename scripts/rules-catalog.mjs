// `npm run rules:catalog [-- --check]`: writes or checks docs/RULES.md and the rule folders. The logic is
// src/catalog/rule-catalog.ts, compiled by `npm run build`, so this stays plain JavaScript that Node 20 runs.
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
let catalog;
try {
  catalog = await import('../dist/catalog/rule-catalog.js');
} catch (error) {
  console.error(`rules:catalog: cannot load dist/catalog/rule-catalog.js; run \`npm run build\` first.\n${error}`);
  process.exit(2);
}
process.exitCode = catalog.runRuleCatalog(process.argv.slice(2), root, {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
