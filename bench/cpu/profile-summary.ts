import { readFileSync } from 'node:fs';

/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) that self time needs. */
type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[];
  samples: number[];
  timeDeltas: number[];
};

export type ProfileFrame = { name: string; selfMs: number; share: number };

/**
 * The functions that spent the most time themselves (not in what they called), from a `.cpuprofile`: each sample's
 * interval goes to the frame on top of the stack then. Frames of one function at one place are added together.
 */
export function topSelfFrames(file: string, limit: number): { frames: ProfileFrame[]; totalMs: number } {
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
  profile.samples.forEach((nodeId, index) => {
    const delta = profile.timeDeltas[index + 1] ?? 0;
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
