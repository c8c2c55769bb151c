/**
 * Vitest global setup: runs in Node for each project (including `edge-runtime`, which has no
 * `node:http`), starts the local OpenAI-compatible server and hands its base URL to tests via
 * `inject('openaiBaseUrl')`.
 */
import type { TestProject } from 'vitest/node';
import { startOpenAIServer } from './openai-server';

/** Starts the shared test server and returns its teardown. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startOpenAIServer();
  project.provide('openaiBaseUrl', server.baseURL);
  return () => server.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL (ending in `/v1`) of the local OpenAI-compatible test server. */
    openaiBaseUrl: string;
  }
}
