import { readdirSync, readFileSync } from 'node:fs';
import { clearInterval, setInterval } from 'node:timers';

/**
 * Samples the memory of a process and all its descendants (a Node process and the browser it started)
 * every `intervalMs`, keeping the peak of the sums. PSS shares each shared page out among the processes
 * that map it, so the PSS sum is the tree's real footprint; the RSS sum counts shared pages once per
 * process (perf-lab, "Peak memory"). Linux only: elsewhere the peaks stay null.
 */
export function sampleTreeMemory(rootPid, intervalMs = 250) {
  let peakPssKb = null;
  let peakRssKb = null;
  const sample = () => {
    let pss = 0;
    let rss = 0;
    let seen = 0;
    for (const pid of treeOf(rootPid)) {
      const rollup = readOrEmpty(`/proc/${pid}/smaps_rollup`);
      const p = /^Pss:\s+(\d+) kB/m.exec(rollup)?.[1];
      const r = /^Rss:\s+(\d+) kB/m.exec(rollup)?.[1];
      if (p === undefined || r === undefined) continue;
      pss += Number(p);
      rss += Number(r);
      seen++;
    }
    if (seen === 0) return;
    peakPssKb = Math.max(peakPssKb ?? 0, pss);
    peakRssKb = Math.max(peakRssKb ?? 0, rss);
  };
  const timer = setInterval(sample, intervalMs);
  sample();
  return {
    stop() {
      clearInterval(timer);
      return { peakPssKb, peakRssKb };
    },
  };
}

function readOrEmpty(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** rootPid and every process whose parent chain leads to it. */
function treeOf(rootPid) {
  let names;
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  const children = new Map();
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readOrEmpty(`/proc/${name}/stat`);
    // "pid (comm) state ppid …": comm may contain spaces and parentheses, so read after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!Number.isInteger(ppid)) continue;
    const list = children.get(ppid) ?? [];
    list.push(Number(name));
    children.set(ppid, list);
  }
  const tree = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift();
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}
