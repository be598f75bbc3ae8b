/** `exrunbook --help`. Kept as one text so it reads like a man page. */
export const HELP = `exrunbook — offline runbooks for Exchange Server 2007 service packs and update rollups

Usage:
  exrunbook build <inventory> [options]   fleet plan, one runbook per server, plan.json, SHA256SUMS
  exrunbook check <inventory> [--json]    read the inventory and print its diagnostics only
  exrunbook verify <plan.json> <after-inventory> [options]
                                          after the window: which servers reached their target
                                          (verify.json, verify.html, SHA256SUMS)
  exrunbook catalog [--json]              the Exchange 2007 builds and rules this version knows
  exrunbook collector [--out FILE]        write the inventory collector for the servers
                                          (PowerShell 1.0/2.0) and its README.txt
  exrunbook --help | --version

Collector options:
  --out FILE           the script to write (default: ./Collect-ExrunbookInventory.ps1; a folder
                       gets that name inside); README.txt goes beside it. Existing files are
                       replaced only when exrunbook wrote them.

Build options:
  --out DIR            output folder (default: out/<inventory folder name>); replaced atomically
  --format LIST        html,json (default) — comma-separated; pdf needs Chrome/Edge/Chromium
  --lang ja|en         language of runbooks and plan (default: en)
  --target T           latest (default: SP3 + latest rollup, 8.3.517.0) | current-sp |
                       a released build (8.3.417.1) | a level (SP3-RU10)
  --iu-catalog FILE    CSV KB,FixedIn: interim updates whose fix a rollup/SP contains
                       (FixedIn: KB2873746, SP3-RU11 or 8.3.327.1); others need a replacement IU
  --config FILE        YAML: ticket, window, target, iuCatalog, and per-server overrides
                       (servers: NAME: internetAccess: true|false, window, target);
                       command-line options win over the file
  --ticket TEXT        change ticket printed on every runbook
  --window TEXT        maintenance window printed on every runbook
  --date YYYY-MM-DD    generation date printed on pages (default: SOURCE_DATE_EPOCH, else today)
  --browser-path P     Chrome/Edge/Chromium executable for --format pdf
                       (else EXRUNBOOK_BROWSER_PATH, PUPPETEER_EXECUTABLE_PATH, CHROME_PATH,
                       then well-known install locations)
  --timeout SECONDS    browser launch and per-document print timeout (default: 60)
  --binder             also binder.pdf: cover and contents, fleet plan, every runbook in wave
                       order, bookmarks, each section on a right-hand page (implies pdf)
  --no-cache           print every PDF again; by default a PDF whose HTML, options, browser
                       and fonts are unchanged since the last run into --out is reused

Verify options:
  --out DIR            output folder (default: out/<after-inventory folder name>-verify)
  --format LIST        html,json (default), pdf — as for build
  --lang ja|en         language of verify.html (default: en)
  --ticket TEXT        change ticket printed in the page header
  --date, --browser-path, --timeout   as for build
  A SHA256SUMS beside plan.json must list the plan unchanged, else nothing is verified (exit 2).

Examples:
  exrunbook build fixtures/sample-fleet
  exrunbook build D:\\inventory --lang ja --ticket CHG-1042 --out D:\\runbooks
  exrunbook build inventory --target current-sp --format html,json
  exrunbook build inventory --config change-0042.yaml --format html,json,pdf
  exrunbook build inventory --binder --ticket CHG-1042 --out runbooks
  exrunbook check inventory --json
  exrunbook verify runbooks/plan.json inventory-after --lang ja --format html,json,pdf
  exrunbook collector --out D:\\transfer\\Collect-ExrunbookInventory.ps1

Exit codes:
  0 ok · 1 internal error · 2 usage or input error (nothing written) · 3 no browser / PDF failure
  4 verify: a planned server is not verified at its target (partial, not updated, regressed, no data)
`;
