// Preloaded by scripts/bench.mjs into the real CLI (`node --import …/peak-rss-at-exit.mjs bin/exrunbook.js …`):
// at exit, writes the process's peak resident set size in kB to the file named by BENCH_PEAK_RSS_FILE.
import { readFileSync, writeFileSync } from 'node:fs';

const target = process.env['BENCH_PEAK_RSS_FILE'];
if (target) {
  process.on('exit', () => {
    let kb = process.resourceUsage().maxRSS;
    try {
      const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
      if (match?.[1] !== undefined) kb = Number(match[1]);
    } catch {
      // not Linux: maxRSS it is
    }
    writeFileSync(target, String(kb));
  });
}
