/** Runs once when a server instance starts. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { ignoreClientAbortsInUncaughtExceptions } = await import('./lib/server/ignore-client-aborts');
    ignoreClientAbortsInUncaughtExceptions();
  }
}
