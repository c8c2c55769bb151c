import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { printTable } from '../load/report';

/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) that self time needs. */
type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[];
  /** Microseconds on the system's monotonic clock, the one `process.hrtime` reads. */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
};

export type ProfileFrame = { name: string; selfMs: number; share: number };

/** A stretch of time, in microseconds of the monotonic clock (`process.hrtime.bigint() / 1000n`). */
export type ProfileWindow = { fromMicroseconds: number; toMicroseconds: number };

/** Now on the clock the profile's timestamps use. */
export function monotonicMicroseconds(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/**
 * The functions that spent the most time themselves (not in what they called), from a `.cpuprofile`: each sample's
 * interval goes to the frame on top of the stack then. Frames of one function at one place are added together.
 * With `window`, only the samples taken within it count.
 */
export function topSelfFrames(
  file: string,
  limit: number,
  window?: ProfileWindow,
): { frames: ProfileFrame[]; totalMs: number } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nameOf = new Map(
    profile.nodes.map((node) => {
      const { functionName, url, lineNumber } = node.callFrame;
      const where = url ? `${url.replace(/^.*\/(node_modules|\.next)\//, '$1/')}:${lineNumber + 1}` : '';
      return [node.id, `${functionName || '(anonymous)'}${where ? ` ${where}` : ''}`];
    }),
  );
  const selfMicroseconds = new Map<string, number>();
  let total = 0;
  let at = profile.startTime;
  profile.samples.forEach((nodeId, index) => {
    at += profile.timeDeltas[index] ?? 0;
    const delta = profile.timeDeltas[index + 1] ?? 0;
    if (window && (at < window.fromMicroseconds || at > window.toMicroseconds)) return;
    const name = nameOf.get(nodeId) ?? '?';
    // Idle time is not CPU time.
    if (name.startsWith('(idle)')) return;
    selfMicroseconds.set(name, (selfMicroseconds.get(name) ?? 0) + delta);
    total += delta;
  });
  const frames = [...selfMicroseconds.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, microseconds]) => ({ name, selfMs: microseconds / 1000, share: microseconds / total }));
  return { frames, totalMs: total / 1000 };
}

/** The newest `.cpuprofile` in `directory`, or undefined when there is none. */
export function newestProfile(directory: string): string | undefined {
  return readdirSync(directory)
    .filter((file) => file.endsWith('.cpuprofile'))
    .map((file) => path.join(directory, file))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

/**
 * Prints the top frames by self time of the newest profile in `directory` (only its samples within `window`, if
 * given), under the line `heading` makes of the profile's file and the CPU time sampled.
 */
export function printTopFrames(
  directory: string,
  options: { limit: number; window?: ProfileWindow; heading: (file: string, sampledMs: number) => string },
): void {
  const file = newestProfile(directory);
  if (!file) {
    console.log(`No .cpuprofile was written to ${directory}.`);
    return;
  }
  const { frames, totalMs } = topSelfFrames(file, options.limit, options.window);
  console.log(`\n${options.heading(file, totalMs)}; top frames by self time:`);
  printTable(
    ['self time', 'share', 'frame'],
    frames.map((frame) => [`${frame.selfMs.toFixed(0)} ms`, `${(frame.share * 100).toFixed(1)}%`, frame.name]),
  );
}
