/**
 * The loopback limits route (`POST /api/limits`, the Node route that holds a server's in-process budgets) served
 * over real HTTP, as `next start` serves it to its own edge routes, so `LoopbackLimitStore` is tested against the
 * handler it talks to in production, from the edge runtime as well as from Node.
 */
import http from 'node:http';
import { POST } from '@/app/api/limits/route';
import { closeServer, listen, portOf, trackSockets } from './loopback-server';

export type LimitsRouteServer = { origin: string; secret: string; close(): Promise<void> };

/**
 * Starts the route on a free loopback port. It answers callers holding the secret of this process (made on the first
 * call: the route reads it from the environment, which every server started here shares).
 */
export async function startLimitsRouteServer(): Promise<LimitsRouteServer> {
  process.env.MOA_LIMITS_SECRET ??= crypto.randomUUID();
  const secret = process.env.MOA_LIMITS_SECRET;
  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers))
      if (typeof value === 'string') headers.set(name, value);
    const answer = await POST(
      new Request(`http://127.0.0.1${request.url ?? '/'}`, {
        method: request.method,
        headers,
        body: Buffer.concat(chunks),
      }),
    );
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
  const sockets = trackSockets(server);
  await listen(server);
  return {
    origin: `http://127.0.0.1:${portOf(server, 'The limits route')}`,
    secret,
    close: () => closeServer(server, sockets),
  };
}
