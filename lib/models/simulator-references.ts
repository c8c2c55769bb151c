/** A point made in one or more of the answers a prompt passes on: its bold label, the whole line, how many made it. */
export interface ReferencePoint {
  label: string;
  text: string;
  count: number;
}

const POINT_LINE = /^\s*(?:[-*]|\d+\.)\s+(\*\*([^*]+)\*\*.*)$/gm;

/**
 * The bold-led list items ("- **Keep it simple.** …", "2. **Test it.** …") of the answers quoted in the system
 * instructions, each once, the most repeated first. An agent that is shown other answers builds on the points they
 * share, the way a real model folds several drafts into one; an agent shown none gets an empty list.
 */
export function readReferencePoints(system: string): ReferencePoint[] {
  const points = new Map<string, ReferencePoint>();
  for (const match of system.matchAll(POINT_LINE)) {
    const [, text, label] = match;
    if (text === undefined || label === undefined) continue;
    const known = points.get(label);
    if (known) known.count += 1;
    else points.set(label, { label, text: text.trim(), count: 1 });
  }
  // A stable sort keeps first-seen order among equally repeated points.
  return [...points.values()].sort((first, second) => second.count - first.count);
}

/** The bold label of a phrase from the pools, to match it against the points of other answers. */
export function labelOf(line: string): string | undefined {
  return /^\*\*([^*]+)\*\*/.exec(line)?.[1];
}
