/** How a run is paid for, which decides its per-client budget and its caps. */
export type UsageClass = 'server' | 'byo' | 'simulated';

/** How messages name a class: "the 6 allowed on this server's keys", "the 30 model calls allowed with simulated models". */
export const USAGE_CLASS_WORDS: Record<UsageClass, string> = {
  server: "on this server's keys",
  byo: 'on your own keys',
  simulated: 'with simulated models',
};

export interface LimitsConfig {
  /** Per-client budgets on or off (`RATE_LIMITS=off`); the daily spend ceiling holds either way. */
  perClient: boolean;
  windowSeconds: number;
  /** Model calls per client per window, by how the run is paid for; and writes (shares, votes) per window. */
  budgets: Record<UsageClass | 'writes', number>;
  /** US dollars the server's own keys may spend per UTC day, over all clients; `Infinity` when off. */
  dailySpendUsd: number;
  /** The header a trusted proxy sets to the client's address; without one, every client shares one budget. */
  clientIpHeader?: string;
  upstash?: { url: string; token: string };
  /** Runs in flight at once in one instance, per client and in all. */
  concurrentRuns: { perClient: number; perInstance: number };
  /** The public origin (`SITE_URL`): requests whose `Origin` names it are the site's own. */
  siteUrl?: string;
}

export type LimitsEnvironment = Record<string, string | undefined>;

export const LIMIT_DEFAULTS = {
  windowSeconds: 3_600,
  // A paper-sized MoA run is 13 model calls: about seven an hour on the server's keys.
  server: 100,
  byo: 1_000,
  simulated: 2_000,
  writes: 300,
  dailySpendUsd: 20,
  concurrentRunsPerClient: 4,
  // A simulated 3×6 run holds about 7.5 MB while it streams (153 at once took 1.1 GB more): 200 stay near 1.5 GB.
  concurrentRuns: 200,
} as const;

function positiveNumber(env: LimitsEnvironment, name: string, fallback: number, problems: string[]): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (Number.isFinite(value) && value >= 0) return value;
  problems.push(`${name}=${raw} is not a non-negative number; using ${fallback}`);
  return fallback;
}

/**
 * Reads the limits from the environment. Bad values fall back to the defaults and are reported in `problems`, so a
 * typo never turns the limits off.
 */
export function readLimitsConfig(env: LimitsEnvironment): { config: LimitsConfig; problems: string[] } {
  const problems: string[] = [];
  const number = (name: string, fallback: number) => positiveNumber(env, name, fallback, problems);
  const spend = env.DAILY_SPEND_LIMIT_USD?.trim().toLowerCase();
  let upstashUrl = env.UPSTASH_REDIS_REST_URL || env.KV_REST_API_URL;
  if (upstashUrl && !URL.canParse(upstashUrl)) {
    problems.push('UPSTASH_REDIS_REST_URL is not a URL; limits stay in-process');
    upstashUrl = undefined;
  }
  const upstashToken = env.UPSTASH_REDIS_REST_TOKEN || env.KV_REST_API_TOKEN;
  // Vercel sets `x-real-ip` itself and overwrites what a client sends; anywhere else the operator names the header.
  const clientIpHeader = env.CLIENT_IP_HEADER?.trim().toLowerCase() || (env.VERCEL === '1' ? 'x-real-ip' : undefined);
  const config: LimitsConfig = {
    perClient: env.RATE_LIMITS?.trim().toLowerCase() !== 'off',
    windowSeconds: Math.max(1, number('RATE_LIMIT_WINDOW_SECONDS', LIMIT_DEFAULTS.windowSeconds)),
    budgets: {
      server: number('RATE_LIMIT_SERVER_CALLS', LIMIT_DEFAULTS.server),
      byo: number('RATE_LIMIT_BYO_CALLS', LIMIT_DEFAULTS.byo),
      simulated: number('RATE_LIMIT_SIMULATED_CALLS', LIMIT_DEFAULTS.simulated),
      writes: number('RATE_LIMIT_WRITES', LIMIT_DEFAULTS.writes),
    },
    dailySpendUsd: spend === 'off' ? Infinity : number('DAILY_SPEND_LIMIT_USD', LIMIT_DEFAULTS.dailySpendUsd),
    concurrentRuns: {
      perClient: Math.max(1, number('MAX_CONCURRENT_RUNS_PER_CLIENT', LIMIT_DEFAULTS.concurrentRunsPerClient)),
      perInstance: Math.max(1, number('MAX_CONCURRENT_RUNS', LIMIT_DEFAULTS.concurrentRuns)),
    },
    ...(env.SITE_URL && URL.canParse(env.SITE_URL) ? { siteUrl: env.SITE_URL } : {}),
    ...(clientIpHeader ? { clientIpHeader } : {}),
    ...(upstashUrl && upstashToken ? { upstash: { url: upstashUrl, token: upstashToken } } : {}),
  };
  if (Boolean(upstashUrl) !== Boolean(upstashToken)) {
    problems.push('UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN must be set together; limits stay in-process');
  }
  return { config, problems };
}

/** One line for the server log at startup: where the limits live and how clients are told apart. */
export function describeLimits(config: LimitsConfig): string {
  const store = config.upstash
    ? `shared through Upstash Redis (${new URL(config.upstash.url).host})`
    : 'in-process (one store and one spend ceiling for this server process, its edge routes included; every other instance counts its own: set UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN to share them)';
  const clients = config.clientIpHeader
    ? `clients told apart by the ${config.clientIpHeader} header`
    : 'no CLIENT_IP_HEADER, so all clients share one budget';
  const budgets = config.perClient
    ? `${config.budgets.server}/${config.budgets.byo}/${config.budgets.simulated} model calls (server keys/own keys/simulated) and ${config.budgets.writes} writes per ${config.windowSeconds} s`
    : 'per-client budgets off';
  const spend = Number.isFinite(config.dailySpendUsd) ? `$${config.dailySpendUsd}/day on server keys` : 'no daily spend ceiling';
  return `[moa-studio] rate limits ${store}; ${clients}; ${budgets}; ${spend}`;
}
