import { describe, expect, it } from 'vitest';
import { describeLimits, LIMIT_DEFAULTS, readLimitsConfig } from '@/lib/limits/config';

describe('readLimitsConfig', () => {
  it('has defaults with a smaller budget on server keys than on own keys', () => {
    const { config, problems } = readLimitsConfig({});
    expect(problems).toEqual([]);
    expect(config.perClient).toBe(true);
    expect(config.budgets.server).toBeLessThan(config.budgets.byo);
    expect(config.dailySpendUsd).toBe(LIMIT_DEFAULTS.dailySpendUsd);
    expect(config.upstash).toBeUndefined();
    expect(config.clientIpHeader).toBeUndefined();
  });

  it('reads every budget from the environment', () => {
    const { config } = readLimitsConfig({
      RATE_LIMIT_WINDOW_SECONDS: '60',
      RATE_LIMIT_SERVER_CALLS: '10',
      RATE_LIMIT_BYO_CALLS: '20',
      RATE_LIMIT_SIMULATED_CALLS: '30',
      RATE_LIMIT_WRITES: '5',
      DAILY_SPEND_LIMIT_USD: '2.5',
      CLIENT_IP_HEADER: 'X-Real-IP',
      UPSTASH_REDIS_REST_URL: 'https://eu1-example.upstash.io',
      UPSTASH_REDIS_REST_TOKEN: 'token',
    });
    expect(config).toMatchObject({
      windowSeconds: 60,
      budgets: { server: 10, byo: 20, simulated: 30, writes: 5 },
      dailySpendUsd: 2.5,
      clientIpHeader: 'x-real-ip',
      upstash: { url: 'https://eu1-example.upstash.io', token: 'token' },
    });
  });

  it('keeps the defaults for bad values and says so, so a typo never lifts a limit', () => {
    const { config, problems } = readLimitsConfig({ RATE_LIMIT_SERVER_CALLS: 'lots', DAILY_SPEND_LIMIT_USD: '-3' });
    expect(config.budgets.server).toBe(LIMIT_DEFAULTS.server);
    expect(config.dailySpendUsd).toBe(LIMIT_DEFAULTS.dailySpendUsd);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('RATE_LIMIT_SERVER_CALLS');
  });

  it('turns per-client budgets and the spend ceiling off only when told to', () => {
    const { config } = readLimitsConfig({ RATE_LIMITS: 'off', DAILY_SPEND_LIMIT_USD: 'off' });
    expect(config.perClient).toBe(false);
    expect(config.dailySpendUsd).toBe(Infinity);
  });

  it('needs both Upstash variables, and accepts the names Vercel’s integration sets', () => {
    const half = readLimitsConfig({ UPSTASH_REDIS_REST_URL: 'https://x.upstash.io' });
    expect(half.config.upstash).toBeUndefined();
    expect(half.problems.join()).toContain('together');
    const vercel = readLimitsConfig({ KV_REST_API_URL: 'https://x.upstash.io', KV_REST_API_TOKEN: 't' });
    expect(vercel.config.upstash?.url).toBe('https://x.upstash.io');
    expect(readLimitsConfig({ VERCEL: '1' }).config.clientIpHeader).toBe('x-real-ip');
  });

  it('describes where the limits live without printing the token', () => {
    const shared = describeLimits(
      readLimitsConfig({ UPSTASH_REDIS_REST_URL: 'https://eu1-x.upstash.io', UPSTASH_REDIS_REST_TOKEN: 'secret-token' }).config,
    );
    expect(shared).toContain('Upstash Redis (eu1-x.upstash.io)');
    expect(shared).not.toContain('secret-token');
    const local = describeLimits(readLimitsConfig({}).config);
    expect(local).toContain('in-process');
    expect(local).toContain('all clients share one budget');
  });
});
