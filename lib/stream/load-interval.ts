/**
 * How long to gather output into one piece while `open` streams of this realm each send pieces: `minMs` while all of
 * them together send no more than `piecesPerSecond`, growing with their number up to `maxMs`. A piece costs far more
 * than its size (a provider's parse and validation, a socket write), so a busy server sends fewer, larger ones.
 */
export function loadFollowingInterval(
  open: number,
  { minMs, maxMs, piecesPerSecond }: { minMs: number; maxMs: number; piecesPerSecond: number },
): number {
  return Math.min(maxMs, Math.max(minMs, (open * 1000) / piecesPerSecond));
}
