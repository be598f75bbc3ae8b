import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/rules/index.js';

/**
 * One shape for every rule's tests: each rule folder has an index.test.ts that imports the rule and hands it
 * to the shared rule tester (test/support/rule-tester.ts), whose table must exercise every message and step
 * the rule declares. A rule tested only by ad-hoc tables, or not at all, fails here.
 */
const rulesDir = fileURLToPath(new URL('../src/rules/', import.meta.url));
const folders = readdirSync(rulesDir)
  .filter((name) => statSync(path.join(rulesDir, name)).isDirectory())
  .sort();

describe('every rule is tested with the shared rule tester', () => {
  it('the folders are the registered rules', () => {
    expect(folders).toEqual(RULES.map((r) => r.meta.id));
  });

  it.each(folders)('%s/index.test.ts passes the rule to testRule', (folder) => {
    const file = path.join(rulesDir, folder, 'index.test.ts');
    const source = readFileSync(file, 'utf8');
    const shape = {
      importsTheRule: /^import rule(?:, \{[^}]*\})? from '\.\/index\.js';$/m.test(source),
      importsTheTester: /^import \{[^}]*\btestRule\b[^}]*\} from '\.\.\/\.\.\/\.\.\/test\/support\/rule-tester\.js';$/m.test(source),
      callsTestRule: /^testRule\(rule, \[$/m.test(source),
    };
    expect(shape).toEqual({ importsTheRule: true, importsTheTester: true, callsTestRule: true });
  });
});
