import 'server-only';

/** Node's error for a request whose client went away mid-response. */
export function isClientAbortError(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error as NodeJS.ErrnoException).code === 'ECONNRESET' &&
    error.message === 'aborted'
  );
}

/**
 * Works around next.js#56529: under `next start`, when a client disconnects from an edge route that is still
 * streaming, Next's sandbox has swapped the request's stream internals for a listener-less copy, so Node's
 * `aborted` error surfaces as an uncaughtException and is logged as such (the fix, next.js#94658, is not
 * released). A disconnect is normal for a streaming API, and the run is already aborted through the response
 * stream's cancel, so this one error is dropped; every other uncaught exception still reaches Next's handlers.
 */
export function ignoreClientAbortsInUncaughtExceptions(): void {
  const marker = Symbol.for('moa-studio.ignore-client-aborts');
  const processWithMarker = process as NodeJS.Process & { [marker]?: boolean };
  if (processWithMarker[marker]) return;
  processWithMarker[marker] = true;
  const emit = process.emit.bind(process) as (event: string | symbol, ...args: unknown[]) => boolean;
  process.emit = function emitUnlessClientAbort(event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'uncaughtException' && isClientAbortError(args[0])) return true;
    return emit(event, ...args);
  } as typeof process.emit;
}
