/** A linear map from a data interval onto a drawing interval; a zero-width domain maps to the range's start. */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const width = d1 - d0;
  return (value) => (width === 0 ? r0 : r0 + ((value - d0) / width) * (r1 - r0));
}

/**
 * Round tick values covering [0, max] with about `count` steps of 1, 2 or 5 × 10ⁿ, so an axis of seconds or dollars
 * reads 0, 0.5, 1, 1.5 rather than 0, 0.37, 0.74. A max of 0 (nothing measured yet) gives [0, 1].
 */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let index = 0; index * step < max + step * 1e-9; index++) ticks.push(Number((index * step).toPrecision(12)));
  if ((ticks.at(-1) ?? 0) < max) ticks.push(Number((ticks.length * step).toPrecision(12)));
  return ticks;
}

/** A label cut to `max` characters (by code point) with an ellipsis, so a long id cannot run off a drawing; tables keep it whole. */
export function clipLabel(text: string, max: number): string {
  const characters = [...text];
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join('')}…`;
}
