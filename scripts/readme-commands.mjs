// Writes README.md's command section from the command specs (src/cli/commands), between
// <!-- commands:start --> and <!-- commands:end -->. test/cli-spec.test.ts fails when they differ.
// Run after `npm run build`: `npm run readme:commands`.
import { readFileSync, writeFileSync } from 'node:fs';
import { COMMANDS } from '../dist/cli/commands/index.js';
import { readmeCommandSection } from '../dist/cli/help.js';

const README = new URL('../README.md', import.meta.url);
const readme = readFileSync(README, 'utf8');
const pattern = /(<!-- commands:start[^\n]*-->\n)[\s\S]*?(<!-- commands:end -->)/;
if (!pattern.test(readme)) throw new Error('README.md has no <!-- commands:start --> … <!-- commands:end --> markers');
writeFileSync(README, readme.replace(pattern, (_, start, end) => `${start}${readmeCommandSection(COMMANDS)}${end}`));
