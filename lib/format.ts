/** Formatting shared by the views. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '–';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function formatCost(dollars: number | undefined): string {
  if (dollars === undefined) return '–';
  if (dollars === 0) return '$0';
  return dollars < 0.01 ? `$${dollars.toFixed(5)}` : `$${dollars.toFixed(3)}`;
}

/**
 * `12345` → `12,345`. Without Intl: the first Intl call in a page costs tens of milliseconds, and the first call
 * would land in the frame where a run's totals appear.
 */
export function formatCount(value: number): string {
  return Math.round(value)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A wait in whole seconds, as a person reads it: "45 s", "12 min 5 s", "3 h 20 min". */
export function formatWait(seconds: number): string {
  const total = Math.max(0, Math.ceil(seconds));
  if (total < 60) return `${total} s`;
  if (total < 3600) return `${Math.floor(total / 60)} min${total % 60 ? ` ${total % 60} s` : ''}`;
  const minutes = Math.floor((total % 3600) / 60);
  return `${Math.floor(total / 3600)} h${minutes ? ` ${minutes} min` : ''}`;
}
