import type { MoaEvent } from '@/lib/moa/events';
import { ApiError } from '@/lib/protocol/api-error';
import { clientKey } from './client-ip';
import { describeLimits, readLimitsConfig, USAGE_CLASS_WORDS, type LimitsConfig, type LimitsEnvironment } from './config';
import { assertSameSite } from '@/lib/security/same-site';
import { RunSlots } from './run-slots';
import { SpendMeter } from './spend-meter';
import { LoopbackLimitStore } from './loopback-store';
import { processLimitStore } from './process-store';
import type { LimitStore } from './store';
import { UpstashLimitStore } from './upstash-store';
import type { PlannedUsage } from './usage';

const DAY_MS = 86_400_000;
/** Spend is counted in millionths of a dollar, so Redis can add it as integers. */
const MICROS_PER_USD = 1_000_000;

/** An admitted request: its spend reservation is settled to what it really cost once it has ended. */
export interface Admission {
  /**
   * Settles the reservation to `meteredServerUsd` (plus the unmetered part of the estimate) and frees the run's
   * slot. Call it once, however the request ends.
   */
  settle(meteredServerUsd: number): Promise<void>;
  /**
   * Runs `run` with an event handler that meters the cost of the agents on the server's keys on the way to
   * `onEvent`, and settles once the run has ended, however it ends.
   */
  metered<T>(onEvent: (event: MoaEvent) => void, run: (onEvent: (event: MoaEvent) => void) => Promise<T>): Promise<T>;
}

function admission(serverModels: ReadonlySet<string>, settle: (meteredServerUsd: number) => Promise<void>): Admission {
  let settled = false;
  const settleOnce = async (usd: number) => {
    if (settled) return;
    settled = true;
    await settle(usd);
  };
  return {
    settle: settleOnce,
    async metered(onEvent, run) {
      const meter = new SpendMeter(serverModels);
      try {
        return await run((event) => {
          meter.observe(event);
          onEvent(event);
        });
      } finally {
        await settleOnce(meter.usd);
      }
    },
  };
}

/** Who is asking, for `admitRun`. */
export interface AdmitOptions {
  /** The budget's identity when the caller proved who it is (an API token); default the client's address. */
  clientId?: string;
  /**
   * Lets a request from another website's page through: only for a route whose CORS policy admits such callers
   * and whose bodies a browser sends across sites only after a preflight.
   */
  allowCrossSite?: boolean;
}

/**
 * The gate in front of every route that costs something: a budget of model calls per client and window (by how the
 * run is paid for), a budget of writes, and one daily spend ceiling for the server's keys over all clients.
 */
export class Limiter {
  private readonly slots: RunSlots;

  constructor(
    readonly config: LimitsConfig,
    private readonly store: LimitStore,
    private readonly now: () => number = Date.now,
  ) {
    this.slots = new RunSlots(config.concurrentRuns);
  }

  /** Runs admitted and not yet settled, in this instance. */
  get runsInFlight(): number {
    return this.slots.total;
  }

  get storeKind(): LimitStore['kind'] {
    return this.store.kind;
  }

  /**
   * Refuses a request made on another website's behalf (unless `allowCrossSite`: a route with its own CORS policy),
   * takes one of the client's concurrent run slots, charges the run's model calls to its client and reserves its
   * estimated server spend; or throws a 403 or 429. The client is `clientId` when the caller proved who it is (an
   * API token), else its address.
   */
  async admitRun(headers: Headers, usage: PlannedUsage, options: AdmitOptions = {}): Promise<Admission> {
    if (!options.allowCrossSite) assertSameSite(headers, this.config.siteUrl);
    const client = options.clientId ?? clientKey(headers, this.config.clientIpHeader);
    // Without a trusted client header every visitor is the same client: only the instance's cap can apply.
    const toldApart = options.clientId !== undefined || (this.config.perClient && this.config.clientIpHeader !== undefined);
    const release = this.slots.take(toldApart ? client : undefined);
    try {
      const settle = await this.chargeRun(client, usage);
      return admission(usage.serverModels, async (meteredServerUsd) => {
        release();
        await settle(meteredServerUsd);
      });
    } catch (error) {
      release();
      throw error;
    }
  }

  private async chargeRun(client: string, usage: PlannedUsage): Promise<(meteredServerUsd: number) => Promise<void>> {
    const bucket = `calls:${usage.usageClass}:${client}`;
    const capacity = this.config.budgets[usage.usageClass];
    const windowMs = this.config.windowSeconds * 1000;
    if (this.config.perClient) {
      const scope = `${USAGE_CLASS_WORDS[usage.usageClass]} per ${describeWindow(this.config.windowSeconds)}`;
      if (usage.calls > capacity) {
        throw new ApiError('rate_limited', `This request needs ${usage.calls} model calls, more than the ${capacity} allowed ${scope}. Use fewer agents.`);
      }
      const taken = await this.store.take(bucket, usage.calls, capacity, windowMs);
      if (!taken.ok) {
        const seconds = Math.ceil(taken.retryAfterMs / 1000);
        const hint = usage.usageClass === 'server' ? ' Your own API key has a larger budget.' : '';
        throw new ApiError('rate_limited', `You have used the ${capacity} model calls allowed ${scope}.${hint}`, undefined, seconds);
      }
    }

    const micros = Math.ceil(usage.estimatedServerUsd * MICROS_PER_USD);
    if (micros === 0 || !Number.isFinite(this.config.dailySpendUsd)) return async () => {};
    const now = this.now();
    const counter = `spend:${new Date(now).toISOString().slice(0, 10)}`;
    const ceiling = Math.floor(this.config.dailySpendUsd * MICROS_PER_USD);
    let reserved: { ok: boolean };
    try {
      reserved = await this.store.addWithin(counter, micros, ceiling, 2 * DAY_MS);
    } catch {
      reserved = { ok: false };
    }
    if (!reserved.ok) {
      if (this.config.perClient) await this.store.giveBack(bucket, usage.calls, capacity, windowMs);
      throw new ApiError(
        'budget_exhausted',
        "This demo's own API keys have reached today's spending limit. Add your own key under “API keys”, or pick the Simulated preset in Settings; the limit resets at 00:00 UTC.",
        undefined,
        (DAY_MS - (now % DAY_MS)) / 1000,
      );
    }
    const unmetered = Math.ceil(usage.unmeteredServerUsd * MICROS_PER_USD);
    return (meteredServerUsd) =>
      this.store.adjust(counter, Math.round(meteredServerUsd * MICROS_PER_USD) + unmetered - micros, 2 * DAY_MS);
  }

  /** Refuses a write made on another website's behalf, and charges one write (a share, a vote) to its client. */
  async admitWrite(headers: Headers): Promise<void> {
    assertSameSite(headers, this.config.siteUrl);
    if (!this.config.perClient) return;
    const capacity = this.config.budgets.writes;
    const taken = await this.store.take(`writes:${clientKey(headers, this.config.clientIpHeader)}`, 1, capacity, this.config.windowSeconds * 1000);
    if (!taken.ok) {
      throw new ApiError(
        'rate_limited',
        `You have saved ${capacity} shares and votes in the last ${describeWindow(this.config.windowSeconds)}, the most allowed.`,
        undefined,
        Math.ceil(taken.retryAfterMs / 1000),
      );
    }
  }
}

function describeWindow(seconds: number): string {
  if (seconds % 3600 === 0) return seconds === 3600 ? 'hour' : `${seconds / 3600} hours`;
  if (seconds % 60 === 0) return seconds === 60 ? 'minute' : `${seconds / 60} minutes`;
  return `${seconds} seconds`;
}

let current: { key: string; limiter: Limiter } | undefined;

/**
 * The limiter for this environment, built once and kept while the configuration stays the same (budgets live in
 * its store): Upstash when configured; otherwise the server process's own store, which its edge routes reach over
 * loopback when the server set that up at startup (`instrumentation.ts`), so one `next start` has one daily ceiling.
 */
export function limiterFor(env: LimitsEnvironment): Limiter {
  const { config, problems } = readLimitsConfig(env);
  const key = JSON.stringify(config);
  if (current?.key !== key) {
    for (const problem of problems) console.warn(`[moa-studio] ${problem}`);
    current = { key, limiter: new Limiter(config, storeFor(config, env)) };
  }
  return current.limiter;
}

function storeFor(config: LimitsConfig, env: LimitsEnvironment): LimitStore {
  if (config.upstash) return new UpstashLimitStore(config.upstash);
  if (env.NEXT_RUNTIME === 'edge' && env.MOA_LIMITS_SECRET && env.MOA_LIMITS_ORIGIN) {
    return new LoopbackLimitStore({ origin: env.MOA_LIMITS_ORIGIN, secret: env.MOA_LIMITS_SECRET });
  }
  return processLimitStore();
}

/**
 * Lets this server's edge routes share its Node routes' in-process store: a secret for the loopback route and the
 * origin to reach it at. Call at startup in the Node realm, before any edge route runs (each edge sandbox copies
 * the environment when it is made). Does nothing when Upstash holds the limits.
 */
export function shareProcessStoreWithEdgeRoutes(env: LimitsEnvironment): void {
  if (readLimitsConfig(env).config.upstash || !env.PORT) return;
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  env.MOA_LIMITS_SECRET = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  env.MOA_LIMITS_ORIGIN = `http://127.0.0.1:${env.PORT}`;
}

/** The startup log lines (and any configuration problems) for this environment. */
export function limitsStartupReport(env: LimitsEnvironment): string[] {
  const { config, problems } = readLimitsConfig(env);
  const lines = [describeLimits(config)];
  if (!config.upstash && env.VERCEL === '1' && Number.isFinite(config.dailySpendUsd)) {
    lines.push(
      `[moa-studio] WARNING: without Upstash every serverless instance counts its own $${config.dailySpendUsd} daily spend ceiling, so the deployment as a whole can spend several times it. Set UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN for one ceiling.`,
    );
  }
  return [...lines, ...problems.map((problem) => `[moa-studio] ${problem}`)];
}
