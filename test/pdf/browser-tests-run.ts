import { findBrowser, isRegularFile } from '../../src/render/pdf/find-browser.js';

/**
 * Whether the browser tests of a file run: wherever a browser is found, and always in CI (env CI
 * set), where a missing browser must fail the tests instead of skipping them.
 */
export function browserTestsRun(): boolean {
  try {
    findBrowser({ env: process.env, platform: process.platform, fileExists: isRegularFile });
    return true;
  } catch {
    return Boolean(process.env['CI']);
  }
}
