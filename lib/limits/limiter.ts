import type { MoaEvent } from '@/lib/moa/events';
import { ApiError } from '@/lib/protocol/api-error';
import { clientKey } from './client-ip';
import { describeLimits, readLimitsConfig, type LimitsConfig, type LimitsEnvironment, type UsageClass } from './config';
import { SpendMeter } from './spend-meter';
import { MemoryLimitStore, type LimitStore } from './store';
import { UpstashLimitStore } from './upstash-store';
import type { PlannedUsage } from './usage';

const DAY_MS = 86_400_000;
/** Spend is counted in millionths of a dollar, so Redis can add it as integers. */
const MICROS_PER_USD = 1_000_000;

/** An admitted request: its spend reservation is settled to what it really cost once it has ended. */
export interface Admission {
  /** Settles the reservation to `meteredServerUsd` (plus the unmetered part of the estimate). */
  settle(meteredServerUsd: number): Promise<void>;
  /**
   * Runs `run` with an event handler that meters the cost of the agents on the server's keys on the way to
   * `onEvent`, and settles once the run has ended, however it ends.
   */
  metered<T>(onEvent: (event: MoaEvent) => void, run: (onEvent: (event: MoaEvent) => void) => Promise<T>): Promise<T>;
}

function admission(serverModels: ReadonlySet<string>, settle: (meteredServerUsd: number) => Promise<void>): Admission {
  return {
    settle,
    async metered(onEvent, run) {
      const meter = new SpendMeter(serverModels);
      try {
        return await run((event) => {
          meter.observe(event);
          onEvent(event);
        });
      } finally {
        await settle(meter.usd);
      }
    },
  };
}

const CLASS_WORDS: Record<UsageClass, string> = {
  server: "on this demo's keys",
  byo: 'on your own keys',
  simulated: 'with simulated models',
};

/**
 * The gate in front of every route that costs something: a budget of model calls per client and window (by how the
 * run is paid for), a budget of writes, and one daily spend ceiling for the server's keys over all clients.
 */
export class Limiter {
  constructor(
    readonly config: LimitsConfig,
    private readonly store: LimitStore,
    private readonly now: () => number = Date.now,
  ) {}

  get storeKind(): LimitStore['kind'] {
    return this.store.kind;
  }

  /**
   * Charges a run's model calls to its client and reserves its estimated server spend, or throws a 429. The client
   * is `clientId` when the caller proved who it is (an API token), else its address.
   */
  async admitRun(headers: Headers, usage: PlannedUsage, clientId?: string): Promise<Admission> {
    const bucket = `calls:${usage.usageClass}:${clientId ?? clientKey(headers, this.config.clientIpHeader)}`;
    const capacity = this.config.budgets[usage.usageClass];
    const windowMs = this.config.windowSeconds * 1000;
    if (this.config.perClient) {
      const scope = `${CLASS_WORDS[usage.usageClass]} per ${describeWindow(this.config.windowSeconds)}`;
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
    if (micros === 0 || !Number.isFinite(this.config.dailySpendUsd)) return admission(usage.serverModels, async () => {});
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
    return admission(usage.serverModels, (meteredServerUsd) =>
      this.store.adjust(counter, Math.round(meteredServerUsd * MICROS_PER_USD) + unmetered - micros, 2 * DAY_MS),
    );
  }

  /** Charges one write (a share, a vote) to its client, or throws a 429. */
  async admitWrite(headers: Headers): Promise<void> {
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
 * its store). Each runtime of a `next start` process (Node, edge) holds its own in-process store.
 */
export function limiterFor(env: LimitsEnvironment): Limiter {
  const { config, problems } = readLimitsConfig(env);
  const key = JSON.stringify(config);
  if (current?.key !== key) {
    for (const problem of problems) console.warn(`[moa-studio] ${problem}`);
    const store = config.upstash ? new UpstashLimitStore(config.upstash) : new MemoryLimitStore();
    current = { key, limiter: new Limiter(config, store) };
  }
  return current.limiter;
}

/** The startup log line (and any configuration problems) for this environment. */
export function limitsStartupReport(env: LimitsEnvironment): string[] {
  const { config, problems } = readLimitsConfig(env);
  return [describeLimits(config), ...problems.map((problem) => `[moa-studio] ${problem}`)];
}
