import { afterEach, beforeEach, expect, vi } from 'vitest';

/** What went wrong outside the test's own awaits while a watch was on. */
export interface UnhandledErrors {
  rejections: unknown[];
  /** Arguments of every `console.error` call: where the AI SDK and stream helpers report errors nobody handled. */
  consoleErrors: unknown[][];
}

/**
 * Starts collecting unhandled rejections and `console.error` calls; `stop()` ends the watch and returns them.
 * Vitest's edge-runtime environment runs tests in Node with the edge globals installed, so `process.on` is there in
 * both projects; without it the watch throws rather than see nothing.
 */
export function watchUnhandledErrors(): { stop(): UnhandledErrors } {
  if (typeof process?.on !== 'function') throw new Error('No process.on here to watch for unhandled rejections.');
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => {
    rejections.push(reason);
  };
  process.on('unhandledRejection', onRejection);
  // Called through: anything logged still shows in the test output.
  const consoleError = vi.spyOn(console, 'error');
  return {
    stop() {
      process.off('unhandledRejection', onRejection);
      const consoleErrors = consoleError.mock.calls.map((call) => [...call]);
      consoleError.mockRestore();
      return { rejections, consoleErrors };
    },
  };
}

/** Fails every test of the calling file during which a rejection went unhandled or something was logged as an error. */
export function failOnUnhandledErrors(): void {
  let watch: ReturnType<typeof watchUnhandledErrors> | undefined;
  beforeEach(() => {
    watch = watchUnhandledErrors();
  });
  afterEach(() => {
    const seen = watch?.stop();
    watch = undefined;
    expect(seen).toEqual({ rejections: [], consoleErrors: [] });
  });
}
