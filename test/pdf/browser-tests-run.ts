import { findBrowser, isRegularFile, type FoundBrowser } from '../../src/render/pdf/find-browser.js';

/** The browser on this machine as exrunbook finds it, or why none was found. */
export function locateBrowser(): { browser?: FoundBrowser; problem?: string } {
  try {
    return { browser: findBrowser({ env: process.env, platform: process.platform, fileExists: isRegularFile }) };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Whether the browser tests of a file run: wherever a browser is found, and always in CI (env CI
 * set), where a missing browser must fail the tests instead of skipping them.
 */
export function browserTestsRun(): boolean {
  return locateBrowser().browser !== undefined || Boolean(process.env['CI']);
}

/**
 * Browser tests that read the PDFs back with poppler (pdftotext, pdfinfo, pdftohtml): Linux only.
 * .ci/run installs poppler-utils there; a Windows machine has no poppler, and these tests check the
 * printed pages, not the platform (test/release.test.ts and the goldens prove Windows's bytes).
 */
export function linuxPopplerTestsRun(): boolean {
  return process.platform === 'linux' && browserTestsRun();
}
