/** Runs once when a server instance starts. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { ignoreClientAbortsInUncaughtExceptions } = await import('./lib/server/ignore-client-aborts');
  ignoreClientAbortsInUncaughtExceptions();
  // Before the first request: the edge sandbox copies the environment when it starts, so the secret set here is
  // the one `/api/moa` (edge) signs comparison receipts with and `/api/votes` (Node) checks them with.
  const { ensureComparisonSecret } = await import('./lib/comparison/persisted-secret');
  await ensureComparisonSecret();
  // Say where rate limits live (shared through Upstash, or in this process only) and how clients are told apart;
  // without Upstash, let the edge routes count against this process's store.
  const { limitsStartupReport, shareProcessStoreWithEdgeRoutes } = await import('./lib/limits/limiter');
  shareProcessStoreWithEdgeRoutes(process.env);
  for (const line of limitsStartupReport(process.env)) console.log(line);
  const { readServerModels } = await import('./lib/models/server-models');
  for (const problem of readServerModels(process.env).problems) console.warn(`[moa-studio] ${problem}`);
  // Say how many API tokens `/v1` accepts (never the tokens), and which entries of MOA_API_TOKENS it ignores.
  const { apiTokensStartupReport } = await import('./lib/limits/api-tokens');
  for (const line of apiTokensStartupReport(process.env)) console.log(line);
  // Look for local model servers now, so the first page load already knows whether a Local preset exists.
  const { cachedLocalModels } = await import('./lib/models/local-probe');
  void cachedLocalModels(process.env);
}
