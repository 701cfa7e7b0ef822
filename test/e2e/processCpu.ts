// The CPU time each process of a UI benchmark used between two moments, from Linux's per-thread scheduler counters
// (/proc/<pid>/task/<tid>/schedstat, nanoseconds on a CPU). On a 2-core machine the window, the browser, the extension
// host and the bench itself share the cores while a panel opens, so the CPU one of them spends is time the others wait:
// these counts say whose work an opening cost, without the noise of wall-clock times. Only this process and its
// descendants are counted (code-server, its extension host, Chromium): not another run on the same machine.
// Elsewhere than Linux, nothing is counted (undefined).
import { readFileSync, readdirSync } from 'fs';

/** Nanoseconds on a CPU per process so far, keyed "<label>#<pid>". */
export type CpuCounters = Map<string, number>;

/** What a process is, from its command line. */
export function processLabel(commandLine: string, isSelf: boolean): string {
  if (isSelf) return 'bench';
  if (/--type=extensionHost|extensionHostProcess/.test(commandLine)) return 'extension host';
  const chromium = /chrom/i.test(commandLine);
  const type = /--type=([\w-]+)/.exec(commandLine)?.[1];
  if (chromium) return type === 'renderer' ? 'renderers' : type === 'gpu-process' ? 'gpu' : type ? 'other' : 'browser';
  if (/code-server|server-main|out\/node\/entry/.test(commandLine) && !type) return 'code-server';
  return 'other';
}

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'latin1');
  } catch {
    return undefined; // the process or thread is gone
  }
}

/** The counters of this process and its descendants now; undefined where /proc has no scheduler counters. */
export function cpuCounters(): CpuCounters | undefined {
  if (process.platform !== 'linux' || read(`/proc/${process.pid}/task/${process.pid}/schedstat`) === undefined)
    return undefined;
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = read(`/proc/${entry}/stat`);
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so the fields count from the last ")".
    if (stat) parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
  }
  const isOurs = (pid: number): boolean => {
    for (let p: number | undefined = pid, depth = 0; p && depth < 32; p = parentOf.get(p), depth++)
      if (p === process.pid) return true;
    return false;
  };
  const counters: CpuCounters = new Map();
  for (const pid of parentOf.keys()) {
    if (!isOurs(pid)) continue;
    const commandLine = read(`/proc/${pid}/cmdline`)?.replace(/\0/g, ' ') ?? '';
    let ns = 0;
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) ns += Number(read(`/proc/${pid}/task/${tid}/schedstat`)?.split(' ')[0] ?? 0);
    counters.set(`${processLabel(commandLine, pid === process.pid)}#${pid}`, ns);
  }
  return counters;
}

/** Milliseconds on a CPU per kind of process between two readings (a process new since `before` counts from 0). */
export function cpuBetween(before: CpuCounters, after: CpuCounters): Record<string, number> {
  const byLabel: Record<string, number> = {};
  for (const [key, ns] of after) {
    const label = key.slice(0, key.lastIndexOf('#'));
    byLabel[label] = (byLabel[label] ?? 0) + (ns - (before.get(key) ?? 0)) / 1e6;
  }
  // Rounded once, after the sums: to 0.1 ms, finer than any figure the bench prints.
  for (const label of Object.keys(byLabel)) byLabel[label] = Math.round(byLabel[label] * 10) / 10;
  return byLabel;
}
