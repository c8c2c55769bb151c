/**
 * Aborts `target` with `reason()` when `source` aborts (at once if it already has).
 * Returns a function that removes the link, so long-lived signals do not collect listeners.
 */
export function linkAbort(source: AbortSignal, target: AbortController, reason: () => unknown): () => void {
  if (source.aborted) {
    target.abort(reason());
    return () => undefined;
  }
  const onAbort = () => target.abort(reason());
  source.addEventListener('abort', onAbort, { once: true });
  return () => source.removeEventListener('abort', onAbort);
}
