import type { CaseExpectation } from './hostile-harness.js';

/**
 * The committed bad-input corpus: one row per folder of fixtures/bad (each with a README.md saying what
 * is wrong), run by test/bad-inputs.test.ts through the hostile-input harness.
 */
export type Expectation = CaseExpectation & { readonly exit: 0 | 2 };
export interface CorpusCase extends Expectation {
  readonly name: string;
}

export const E = 'error';
export const W = 'warning';
export const I = 'info';

export const CORPUS: readonly CorpusCase[] = [
  { name: 'baseline', codes: {}, exit: 0 },
  // Files that are not text, or not whole
  { name: 'empty-file', codes: { 'empty-file': W }, at: 'EXCAS01/OperatingSystem.csv', exit: 0 },
  { name: 'whitespace-only', codes: { 'empty-file': W }, at: 'EXCAS01/OperatingSystem.csv', exit: 0 },
  { name: 'bom-only', codes: { 'empty-file': W }, at: 'EXCAS01/OperatingSystem.txt', exit: 0 },
  { name: 'binary-png', codes: { 'binary-file': W }, at: 'EXCAS01/screenshot.png', exit: 0 },
  { name: 'binary-zip', codes: { 'binary-file': W }, at: 'inventory.zip', exit: 0 },
  { name: 'binary-exe', codes: { 'binary-file': W }, at: 'EXCAS01/ExSetup.exe', exit: 0 },
  { name: 'nul-bytes', codes: { 'nul-bytes': E }, at: 'EXCAS01/OperatingSystem.csv:3', exit: 2 },
  // Encodings
  { name: 'utf16-without-bom', codes: { 'utf16-without-bom': I }, exit: 0 },
  { name: 'bom-lies-utf8-on-utf16', codes: { 'bom-mismatch': E }, at: 'EXCAS01/OperatingSystem.csv', exit: 2 },
  { name: 'bom-lies-utf16-on-utf8', codes: { 'bom-mismatch': E }, at: 'EXCAS01/OperatingSystem.csv', exit: 2 },
  { name: 'utf16-odd-length', codes: { 'bom-mismatch': E }, exit: 2 },
  { name: 'utf32', codes: { 'unsupported-encoding': E }, exit: 2 },
  { name: 'invalid-utf8-not-cp932', codes: { undecodable: E }, at: 'EXCAS01/OperatingSystem.csv:3', exit: 2 },
  { name: 'ascii-question-marks', codes: { 'ascii-question-marks': W }, at: 'EXCAS01/InstalledPatches.csv:3', exit: 0 },
  { name: 'mixed-encodings', codes: { 'decoded-as-cp932': I }, at: 'EXCAS01/InstalledPatches.csv', exit: 0 },
  // CSV shape
  { name: 'truncated-quote', codes: { 'csv-malformed': E, 'no-exchange-servers': E }, at: 'ExchangeServer.csv:4', exit: 2 },
  { name: 'header-only', codes: { 'no-records': W }, at: 'EXCAS01/OperatingSystem.csv', exit: 0 },
  { name: 'type-line-only', codes: { 'csv-no-header': E }, at: 'EXCAS01/OperatingSystem.csv:2', exit: 2 },
  { name: 'wrong-delimiter', codes: { 'csv-column-count': E }, at: 'EXCAS01/OperatingSystem.csv:2', exit: 2 },
  { name: 'pipe-delimiter', codes: {}, exit: 0 },
  { name: 'inconsistent-columns', codes: { 'csv-column-count': E }, at: 'EXCAS01/InstalledPatches.csv:3', exit: 2 },
  { name: 'repeated-header', codes: { 'csv-repeated-header': I }, at: 'EXCAS01/InstalledPatches.csv:4', exit: 0 },
  { name: 'duplicate-column', codes: { 'csv-duplicate-column': W }, at: 'EXCAS01/OperatingSystem.csv:1', exit: 0 },
  { name: 'unknown-kind', codes: { 'unrecognised-file': W }, at: 'EXCAS01/Processes.csv', exit: 0 },
  { name: 'stray-text', codes: { 'unrecognised-file': W }, at: 'EXCAS01/ipconfig.txt', exit: 0 },
  { name: 'iu-catalog-in-inventory', codes: { 'iu-catalog-in-inventory': W }, at: 'iu-catalog.csv', exit: 0 },
  // Format-List and CLIXML
  { name: 'format-list-cut-mid-record', codes: { 'format-list-truncated': E }, at: 'EXCAS01/InstalledPatches.txt:12', exit: 2 },
  { name: 'format-list-no-colon', codes: { 'unrecognised-file': W }, at: 'EXCAS01/notes.txt', exit: 0 },
  { name: 'format-list-glued-records', codes: {}, exit: 0 },
  { name: 'truncated-collection', codes: { 'format-list-truncated-collection': W }, at: 'ClusteredMailboxServerStatus.txt:6', exit: 0 },
  { name: 'clixml-malformed', codes: { 'clixml-malformed': E }, at: 'EXCAS01/OperatingSystem.xml:8', exit: 2 },
  { name: 'clixml-doctype', codes: { 'clixml-doctype': E }, at: 'EXCAS01/OperatingSystem.xml:2', exit: 2 },
  { name: 'clixml-missing-ref', codes: { 'clixml-unresolved-ref': W }, at: 'EXCAS01/OperatingSystem.xml:9', exit: 0 },
  { name: 'clixml-deep', codes: { 'clixml-too-deep': W }, exit: 0 },
  // The fleet and its names
  { name: 'no-exchange-servers', codes: { 'no-exchange-servers': E, 'machine-unnamed': W }, exit: 2 },
  { name: 'only-readme', codes: { 'inventory-empty': E, 'no-exchange-servers': E }, at: '.', exit: 2 },
  { name: 'server-without-name', codes: { 'server-without-name': W }, at: 'ExchangeServer.csv:4', exit: 0 },
  { name: 'bad-admin-display-version', codes: { 'bad-admin-display-version': W }, at: 'ExchangeServer.csv:3', exit: 0 },
  { name: 'duplicate-server-two-files', codes: { 'server-records-disagree': W }, at: 'old/ExchangeServer.csv:3', exit: 0 },
  { name: 'duplicate-server-same-file', codes: { 'server-listed-twice': I }, at: 'ExchangeServer.csv:4', exit: 0 },
  { name: 'name-variants', codes: {}, exit: 0 },
  { name: 'fqdn-other-domain', codes: { 'fqdn-mismatch': W }, at: 'EXCAS01/InstalledPatches.csv:2', exit: 0 },
  { name: 'orphan-folder', codes: { 'machine-not-in-fleet': W }, at: 'EXOLD01/ExSetup.csv:3', exit: 0 },
  { name: 'per-server-at-root', codes: { 'machine-unnamed': W }, at: 'ExSetup.csv:3', exit: 0 },
  { name: 'folder-name-disagrees', codes: { 'folder-name-disagrees': W, 'machine-not-in-fleet': W }, at: 'EXCAS01/OperatingSystem.csv:2', exit: 0 },
  { name: 'exchange-2003-listed', codes: { 'server-not-exchange-2007': I, 'console-prompt-line': I }, at: 'ExchangeServer.txt:4', exit: 0 },
  { name: 'exchange-2010-listed', codes: { 'server-not-exchange-2007': I }, at: 'ExchangeServer.csv:4', exit: 0 },
  { name: 'server-name-path-traversal', codes: { 'unusual-server-name': W, 'machine-without-data': W }, at: 'ExchangeServer.csv:4', exit: 0 },
  { name: 'server-name-markup', codes: { 'unusual-server-name': W, 'machine-without-data': W }, at: 'ExchangeServer.csv:4', exit: 0 },
  { name: 'server-name-control-chars', codes: { 'unusual-server-name': W, 'machine-without-data': W }, at: 'ExchangeServer.csv:4', exit: 0 },
  { name: 'server-name-reserved', codes: { 'machine-without-data': W }, exit: 0 },
  { name: 'server-name-too-long', codes: { 'unusual-server-name': W, 'machine-without-data': W }, at: 'ExchangeServer.csv:4', exit: 0 },
  // Clustered mailbox servers
  { name: 'cms-node-without-data', codes: { 'machine-without-data': W }, at: 'MailboxServer.csv:2', exit: 0 },
  { name: 'ccr-without-status', codes: { 'cluster-status-missing': I }, at: 'MailboxServer.csv:2', exit: 0 },
  { name: 'ccr-without-nodes', codes: { 'cluster-without-nodes': E }, at: 'MailboxServer.csv:2', exit: 2 },
  { name: 'cms-folder-instead-of-nodes', codes: { 'data-for-cms-not-node': W, 'machine-without-data': W }, at: 'EXMBX01/ExSetup.csv:3', exit: 0 },
  { name: 'cms-status-only', codes: { 'cluster-type-unknown': W }, at: 'ClusteredMailboxServerStatus.csv:2', exit: 0 },
  // Facts that disagree or cannot be read
  { name: 'unknown-build', codes: { 'unknown-build': W }, at: 'EXCAS01/ExSetup.csv:3', exit: 0 },
  { name: 'bad-build-number', codes: { 'bad-build-number': E }, at: 'EXCAS01/ExSetup.csv:3', exit: 2 },
  { name: 'not-exsetup', codes: { 'not-exsetup': W }, at: 'EXCAS01/ExSetup.csv:3', exit: 0 },
  { name: 'exsetup-patches-disagree', codes: { 'exsetup-patches-disagree': W }, at: 'EXCAS01/InstalledPatches.csv:4', exit: 0 },
  { name: 'exsetup-admin-disagree', codes: { 'exsetup-admin-version-disagree': W }, at: 'ExchangeServer.csv:3', exit: 0 },
  { name: 'two-exsetup-disagree', codes: { 'conflicting-exsetup-version': W, 'exsetup-patches-disagree': W }, at: 'EXCAS01/ExSetup.csv:3', exit: 0 },
  { name: 'crl-tests-disagree', codes: { 'conflicting-crl-reachability': W }, at: 'EXCAS01/CrlCheck.csv:2', exit: 0 },
  { name: 'bad-boolean', codes: { 'bad-boolean': W }, at: 'EXCAS01/CrlCheck.csv:2', exit: 0 },
  { name: 'unparseable-dates', codes: { 'bad-date-time': W }, at: 'EXCAS01/InstalledPatches.csv:3', exit: 0 },
  { name: 'dates-in-cultures', codes: {}, exit: 0 },
  { name: 'ambiguous-dates', codes: { 'ambiguous-date': W }, at: 'EXCAS01/InstalledPatches.csv:3', exit: 0 },
  { name: 'row-without-key', codes: { 'row-without-key': W }, at: 'EXCAS01/OwaFiles.csv:4', exit: 0 },
  { name: 'org-record-unknown-server', codes: { 'machine-not-in-fleet': W }, at: 'org/OwaVirtualDirectory.csv:4', exit: 0 },
];

/** Interim-update catalogue cases: the inventory is fine, `--iu-catalog` is not; main throws a usage error. */
export const IU_CATALOG_CASES: readonly { name: string; at: string }[] = [
  { name: 'iu-catalog-bad-kb', at: 'iu-catalog.csv:2' },
  { name: 'iu-catalog-bad-level', at: 'iu-catalog.csv:2' },
  { name: 'iu-catalog-missing-column', at: 'iu-catalog.csv:1' },
  { name: 'iu-catalog-binary', at: 'iu-catalog.csv' },
  { name: 'iu-catalog-duplicate-kb', at: 'iu-catalog.csv:3' },
  { name: 'iu-catalog-column-count', at: 'iu-catalog.csv:2' },
];

