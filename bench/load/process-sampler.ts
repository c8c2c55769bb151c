import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** What a process (and its descendants) used over one phase of the benchmark. */
export type ProcessUsage = {
  durationMs: number;
  samples: number;
  /** Highest resident set size seen, summed over the process tree. */
  peakRssBytes: number;
  /** Highest CPU use over one sampling interval, in % of one core (200 % = both cores of a 2-core machine). */
  peakCpuPercent: number;
  /** CPU time over the whole phase ÷ its duration, in % of one core. */
  meanCpuPercent: number;
  /** User + system CPU time over the phase, in seconds. */
  cpuSeconds: number;
};

export type ProcessSampler = { stop(): ProcessUsage };

/** Clock ticks per second of the `/proc/<pid>/stat` times (USER_HZ, 100 on every common Linux). */
const CLOCK_TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

type Reading = { at: number; rssBytes: number; cpuTicks: number };

/**
 * Samples a process every `intervalMs` from `/proc/<pid>/stat` (CPU: utime + stime, plus cutime + cstime for
 * children it has reaped) and `/proc/<pid>/status` (VmRSS), with every live descendant added in when
 * `includeDescendants` is set. Linux only. A process that has exited reads as nothing.
 */
export function startProcessSampler(pid: number, options: { intervalMs?: number; includeDescendants?: boolean } = {}): ProcessSampler {
  const intervalMs = options.intervalMs ?? 250;
  const read = (): Reading => {
    const pids = options.includeDescendants ? [pid, ...descendantsOf(pid)] : [pid];
    let rssBytes = 0;
    let cpuTicks = 0;
    for (const member of pids) {
      rssBytes += residentBytes(member);
      cpuTicks += cpuTicksOf(member);
    }
    return { at: performance.now(), rssBytes, cpuTicks };
  };

  const first = read();
  let previous = first;
  let peakRssBytes = first.rssBytes;
  let peakCpuPercent = 0;
  let samples = 1;
  const take = () => {
    const current = read();
    samples += 1;
    peakRssBytes = Math.max(peakRssBytes, current.rssBytes);
    const elapsedSeconds = (current.at - previous.at) / 1000;
    if (elapsedSeconds > 0) peakCpuPercent = Math.max(peakCpuPercent, cpuPercent(current.cpuTicks - previous.cpuTicks, elapsedSeconds));
    previous = current;
  };
  const timer = setInterval(take, intervalMs);

  return {
    stop() {
      clearInterval(timer);
      take();
      const durationMs = previous.at - first.at;
      const cpuSeconds = (previous.cpuTicks - first.cpuTicks) / CLOCK_TICKS_PER_SECOND;
      return {
        durationMs,
        samples,
        peakRssBytes,
        peakCpuPercent,
        meanCpuPercent: durationMs > 0 ? cpuPercent(previous.cpuTicks - first.cpuTicks, durationMs / 1000) : 0,
        cpuSeconds,
      };
    },
  };
}

function cpuPercent(ticks: number, seconds: number): number {
  return (ticks / CLOCK_TICKS_PER_SECOND / seconds) * 100;
}

/** The fields of `/proc/<pid>/stat` after the command name (which may hold spaces and parentheses). */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** utime + stime + cutime + cstime: fields 14 to 17 of stat, at 11 to 14 in what `statFields` returns. */
function cpuTicksOf(pid: number): number {
  const fields = statFields(pid);
  if (!fields) return 0;
  return [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index] ?? 0), 0);
}

function residentBytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Every live descendant of `pid`, from the parent pid (field 4) of each `/proc/<pid>/stat`. */
function descendantsOf(pid: number): number[] {
  const childrenByParent = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = Number(statFields(Number(entry))?.[1]);
    if (!Number.isFinite(parent)) continue;
    const children = childrenByParent.get(parent) ?? [];
    children.push(Number(entry));
    childrenByParent.set(parent, children);
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of childrenByParent.get(queue.shift() as number) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}
