import type { Interval } from '@/lib/stats/wilson';

/**
 * How the report's views write numbers. A number that does not exist yet (a run still going, nothing judged) is
 * "not yet", so a partial report never shows NaN or a misleading 0.
 */
export const NOT_YET = 'not yet';

export const percentText = (value: number | null | undefined) =>
  value === null || value === undefined || !Number.isFinite(value) ? NOT_YET : `${Math.round(value * 100)}%`;

export const intervalText = (interval: Interval | null | undefined, percent: boolean) => {
  if (!interval) return NOT_YET;
  return percent
    ? `${Math.round(interval.lower * 100)}–${Math.round(interval.upper * 100)}%`
    : `${interval.lower.toFixed(1)}–${interval.upper.toFixed(1)}`;
};

export const gradeText = (value: number | null | undefined) =>
  value === null || value === undefined ? NOT_YET : value.toFixed(1);

export const secondsText = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? NOT_YET : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

/** Dollars with enough digits that a fraction of a cent still shows: `$0.00042`, `$0.012`, `$3.40`. */
export const dollarsText = (usd: number | null | undefined) => {
  if (usd === null || usd === undefined) return NOT_YET;
  if (usd === 0) return '$0';
  if (usd < 0.01) return `$${Number(usd.toPrecision(2))}`;
  return usd < 1 ? `$${usd.toFixed(3)}` : `$${usd.toFixed(2)}`;
};

export const countText = (value: number | null | undefined) =>
  value === null || value === undefined ? NOT_YET : String(Math.round(value));
