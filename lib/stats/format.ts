import type { Interval } from './wilson';

/** `0.643` → `64%`. */
export function formatPercent(proportion: number): string {
  return `${Math.round(proportion * 100)}%`;
}

/** `{ lower: 0.397, upper: 0.892 }` → `40–89%`. */
export function formatInterval({ lower, upper }: Interval): string {
  return `${Math.round(lower * 100)}–${Math.round(upper * 100)}%`;
}

/** `2.84` → `2.8×`, `12.4` → `12×`, `0.456` → `0.46×`; `null` (no ratio) → `–`. */
export function formatRatio(ratio: number | null): string {
  if (ratio === null) return '–';
  if (ratio >= 10) return `${Math.round(ratio)}×`;
  if (ratio >= 1) return `${ratio.toFixed(1)}×`;
  // Two significant digits, so that a small ratio does not read as 0.0×.
  return `${Number(ratio.toPrecision(2))}×`;
}
