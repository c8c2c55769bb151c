/**
 * Vitest global setup: runs in Node for each project (including `edge-runtime`, which has no
 * `node:http`), starts the local test servers and hands their addresses to tests via `inject(…)`:
 * the OpenAI-compatible server (`openaiBaseUrl`) and the Upstash REST stand-in in front of a
 * throwaway `redis-server` (`upstashUrl`, `upstashToken`).
 */
import type { TestProject } from 'vitest/node';
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
  return async () => {
    await Promise.all([openai.close(), upstash.close()]);
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL (ending in `/v1`) of the local OpenAI-compatible test server. */
    openaiBaseUrl: string;
    /** REST URL of the local Upstash stand-in, for `new Redis({ url, token })`. */
    upstashUrl: string;
    /** Bearer token of the local Upstash stand-in. */
    upstashToken: string;
  }
}
