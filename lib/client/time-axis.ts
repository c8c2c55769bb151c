/** Steps between ticks, in milliseconds: round numbers of seconds a reader can add up at a glance. */
const STEPS = [100, 200, 250, 500, 1_000, 2_000, 2_500, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000];

/**
 * Ticks of a time axis from 0 to `totalMs`: the smallest round step that needs no more than `maxTicks` ticks, so a
 * short run still gets a readable scale and a long one does not crowd its labels.
 */
export function timeAxisTicks(totalMs: number, maxTicks = 6): { step: number; ticks: number[] } {
  const total = Math.max(0, totalMs);
  const step = STEPS.find((candidate) => Math.floor(total / candidate) + 1 <= maxTicks) ?? STEPS.at(-1)!;
  const ticks: number[] = [];
  for (let tick = 0; tick <= total + 1e-6; tick += step) ticks.push(tick);
  return { step, ticks };
}

/** A tick's label in seconds, with a decimal only when the step needs one: "0 s", "0.5 s", "12 s". */
export function tickLabel(ms: number, step: number): string {
  const seconds = ms / 1000;
  if (ms === 0 || step % 1000 === 0) return `${seconds.toFixed(0)} s`;
  return `${seconds.toFixed(step % 100 === 0 ? 1 : 2)} s`;
}
