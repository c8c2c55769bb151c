/**
 * Vitest global setup: runs in Node for each project (including `edge-runtime`, which has no
 * `node:http`), starts the local test servers and hands their addresses to tests via `inject(…)`:
 * the OpenAI-compatible server (`openaiBaseUrl`), a base URL where nothing listens (`refusedBaseUrl`),
 * the Upstash REST stand-in in front of a throwaway `redis-server` (`upstashUrl`, `upstashToken`), and the
 * loopback limits route (`limitsRoute`).
 */
import net from 'node:net';
import type { TestProject } from 'vitest/node';
import { startLimitsRouteServer } from './limits-route-server';
import { startOpenAIServer } from './openai-server';
import { startUpstashServer } from './upstash-server';

/** Starts the shared test servers and returns their teardown. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const openai = await startOpenAIServer();
  const upstash = await startUpstashServer().catch(async (error: unknown) => {
    await openai.close();
    throw error;
  });
  project.provide('openaiBaseUrl', openai.baseURL);
  project.provide('upstashUrl', upstash.url);
  project.provide('upstashToken', upstash.token);
  const limits = await startLimitsRouteServer();
  project.provide('limitsRoute', { origin: limits.origin, secret: limits.secret });
  project.provide('refusedBaseUrl', `http://127.0.0.1:${await closedPort()}/v1`);
  return async () => {
    await Promise.all([openai.close(), upstash.close(), limits.close()]);
  };
}

/**
 * A loopback port that was free a moment ago and is closed again, so connecting to it is refused. (A fixed low
 * port will not do: fetch blocks ports such as 1 as "bad ports" before it even tries to connect.)
 */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL (ending in `/v1`) of the local OpenAI-compatible test server. */
    openaiBaseUrl: string;
    /** REST URL of the local Upstash stand-in, for `new Redis({ url, token })`. */
    upstashUrl: string;
    /** Bearer token of the local Upstash stand-in. */
    upstashToken: string;
    /** Base URL (ending in `/v1`) of a loopback port nothing listens on: every connection is refused. */
    refusedBaseUrl: string;
    /** Where `POST /api/limits` is served (in the setup's own process, with its own store) and its secret. */
    limitsRoute: { origin: string; secret: string };
  }
}
