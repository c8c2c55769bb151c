/**
 * Vitest global setup: runs in Node for each project (including `edge-runtime`, which has no
 * `node:http`), starts the local OpenAI-compatible server and hands its base URL to tests via
 * `inject('openaiBaseUrl')`, along with a base URL where nothing listens (`inject('refusedBaseUrl')`).
 */
import net from 'node:net';
import type { TestProject } from 'vitest/node';
import { startOpenAIServer } from './openai-server';

/** Starts the shared test server and returns its teardown. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startOpenAIServer();
  project.provide('openaiBaseUrl', server.baseURL);
  project.provide('refusedBaseUrl', `http://127.0.0.1:${await closedPort()}/v1`);
  return () => server.close();
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
    /** Base URL (ending in `/v1`) of a loopback port nothing listens on: every connection is refused. */
    refusedBaseUrl: string;
  }
}
