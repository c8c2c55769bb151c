/**
 * The local OpenAI-compatible test server in a process of its own (started by `npm run bench:cancel` through
 * jiti): it is the benchmark's instrument, so the load it measures must not slow its own bookkeeping. Controlled
 * over its HTTP control endpoints; prints `listening <url>` once it listens.
 */
import { startOpenAIServer } from '../../tests/support/openai-server';

const server = await startOpenAIServer();
console.log(`listening ${server.url}`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
