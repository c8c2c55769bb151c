/**
 * A local stand-in for Upstash Redis's REST API, backed by a real `redis-server`, so the shared
 * rate limiter (`@upstash/ratelimit` over `@upstash/redis`) runs for real in tests, offline.
 *
 * It speaks what `@upstash/redis` 1.39 sends and decodes:
 * - `POST /` with one command as a JSON array (`["SET", "key", "value"]`) → `{ result }`, or HTTP 400 `{ error }`;
 * - `POST /pipeline` with an array of commands → `[{ result } | { error }, …]`, always HTTP 200;
 * - `POST /multi-exec` with an array of commands, run in MULTI/EXEC → the same array, or HTTP 400 `{ error }` when
 *   Redis discarded the transaction (EXECABORT);
 * - `Authorization: Bearer <token>`, else HTTP 401 `{ error: "WRONGPASS …" }`;
 * - with `Upstash-Encoding: base64` (the client's default) every string in a result is base64 of its bytes, except a
 *   top-level `OK` status, which the client expects verbatim; integers and nulls stay JSON numbers and nulls.
 * Redis errors pass through with their Redis text (`NOSCRIPT …`), which is what the client's EVALSHA → EVAL
 * fallback looks for. Path-style commands (`GET /get/key`) and `upstash-sync-token` are not implemented: the client
 * does not need them, and one Redis node always reads its own writes.
 */
import { createHash, randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { z } from 'zod';
import { startRedisServer } from './redis-process';
import { RespConnection, type RespReply } from './resp-client';
import { closeServer, listen, portOf, trackSockets } from './loopback-server';

const MAX_BODY_BYTES = 16 * 1024 * 1024;
const UNAUTHORIZED = 'WRONGPASS invalid or missing auth token';

/** Options for {@link startUpstashServer}. */
export type UpstashServerOptions = {
  /** Bearer token clients must send; a random one by default. */
  token?: string;
  /** The Redis executable; `redis-server` from `PATH` by default. */
  redisServer?: string;
};

/** A running stand-in: hand `url` and `token` to `new Redis({ url, token })`. */
export type UpstashServer = {
  /** Origin of the REST API, e.g. `http://127.0.0.1:54321`. */
  url: string;
  token: string;
  /** Port of the `redis-server` behind it on 127.0.0.1, for diagnostics with `redis-cli -p`. */
  redisPort: number;
  /** Stops the HTTP server and the Redis child process; resolves once both are gone. Safe to call twice. */
  close(): Promise<void>;
};

/** Starts `redis-server` on a free port and the REST API in front of it, both on 127.0.0.1. */
export async function startUpstashServer(options: UpstashServerOptions = {}): Promise<UpstashServer> {
  const redis = await startRedisServer(options.redisServer);
  const token = options.token ?? randomBytes(24).toString('base64url');
  const context: HandlerContext = { redisPort: redis.port, token, scripts: new ScriptRegistry() };
  const server = http.createServer((request, response) => {
    handleRequest(request, response, context).catch((error: unknown) => {
      sendJson(response, 500, { error: `ERR stand-in failure: ${error instanceof Error ? error.message : String(error)}` });
    });
  });
  const sockets = trackSockets(server);
  try {
    await listen(server);
  } catch (error) {
    await redis.stop();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${portOf(server, 'The Upstash stand-in')}`,
    token,
    redisPort: redis.port,
    close: () => (closing ??= closeServer(server, sockets).then(() => redis.stop())),
  };
}

// ---------------------------------------------------------------------------------------------
// Requests

type HandlerContext = { redisPort: number; token: string; scripts: ScriptRegistry };

/** JSON scalars become Redis arguments the way Upstash takes them: `1` → `"1"`, `true` → `"true"`. */
const commandSchema = z.array(z.union([z.string(), z.number(), z.boolean()]).transform(String)).min(1);
const commandListSchema = z.array(commandSchema).min(1);

type Command = z.infer<typeof commandSchema>;
type Encoding = 'base64' | 'utf8';
type ItemResult = { result: unknown } | { error: string };

async function handleRequest(request: IncomingMessage, response: ServerResponse, context: HandlerContext) {
  if (request.headers.authorization !== `Bearer ${context.token}`) return sendJson(response, 401, { error: UNAUTHORIZED });
  const path = new URL(request.url ?? '/', 'http://stand-in').pathname;
  if (path !== '/' && path !== '/pipeline' && path !== '/multi-exec') {
    return sendJson(response, 404, { error: `ERR the stand-in serves POST /, /pipeline and /multi-exec, not ${path}` });
  }
  if (request.method !== 'POST') return sendJson(response, 405, { error: 'ERR use POST' }, { Allow: 'POST' });

  const body = await readJsonBody(request);
  const encoding: Encoding = String(request.headers['upstash-encoding']).toLowerCase() === 'base64' ? 'base64' : 'utf8';
  if (path === '/') {
    const command = commandSchema.safeParse(body);
    if (!command.success) return sendJson(response, 400, { error: 'ERR failed to parse command: expected a JSON array' });
    const [item = { error: 'ERR Redis sent no reply' }] = await runPipeline([command.data], context, encoding);
    return sendJson(response, 'error' in item ? 400 : 200, item);
  }
  const commands = commandListSchema.safeParse(body);
  if (!commands.success) return sendJson(response, 400, { error: 'ERR failed to parse commands: expected an array of arrays' });
  if (path === '/pipeline') return sendJson(response, 200, await runPipeline(commands.data, context, encoding));
  const transaction = await runTransaction(commands.data, context, encoding);
  return 'error' in transaction ? sendJson(response, 400, transaction) : sendJson(response, 200, transaction.items);
}

async function runPipeline(commands: Command[], context: HandlerContext, encoding: Encoding): Promise<ItemResult[]> {
  const replies = await sendToRedis(context.redisPort, commands.map((command) => context.scripts.toRedis(command)));
  return replies.map((reply, index) => toItem(context.scripts.toClient(commands[index] ?? [], reply), encoding));
}

async function runTransaction(
  commands: Command[],
  context: HandlerContext,
  encoding: Encoding,
): Promise<{ items: ItemResult[] } | { error: string }> {
  const replies = await sendToRedis(context.redisPort, [
    ['MULTI'],
    ...commands.map((command) => context.scripts.toRedis(command)),
    ['EXEC'],
  ]);
  const exec = replies.at(-1);
  if (exec?.type !== 'array') {
    const discarded = exec?.type === 'error' ? exec.message : 'ERR the transaction did not run';
    // EXECABORT names no culprit; the first command Redis refused to queue is the one to fix.
    const refused = replies.slice(1, -1).map(errorMessageOf).find((message) => message !== undefined);
    return { error: refused === undefined ? discarded : `${discarded} First refused command: ${refused}` };
  }
  const items = exec.items.map((reply, index) => toItem(context.scripts.toClient(commands[index] ?? [], reply), encoding));
  return { items };
}

/** One connection per request, like Upstash: no state (SELECT, WATCH, a stray MULTI) outlives it. */
async function sendToRedis(port: number, commands: readonly (readonly string[])[]): Promise<RespReply[]> {
  const connection = await RespConnection.connect(port);
  try {
    return await connection.send(commands);
  } finally {
    connection.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Replies

function errorMessageOf(reply: RespReply): string | undefined {
  return reply.type === 'error' ? reply.message : undefined;
}

function toItem(reply: RespReply, encoding: Encoding): ItemResult {
  return reply.type === 'error' ? { error: reply.message } : { result: toJson(reply, encoding, true) };
}

/**
 * Mirrors `decode` in `@upstash/redis`: a top-level string is base64 unless it is exactly `OK`, strings inside
 * arrays (at any depth) are always base64, numbers and nulls pass through.
 */
function toJson(reply: RespReply, encoding: Encoding, topLevel: boolean): unknown {
  switch (reply.type) {
    case 'integer':
      return reply.value;
    case 'null':
      return null;
    case 'array':
      return reply.items.map((item) => toJson(item, encoding, false));
    case 'bulk':
      return encoding === 'base64' ? reply.value.toString('base64') : reply.value.toString('utf8');
    case 'simple':
    case 'error': {
      // An error nested in an array (a script can return one) reads as its message, like a status.
      const text = reply.type === 'simple' ? reply.value : reply.message;
      const verbatim = encoding === 'utf8' || (topLevel && text === 'OK');
      return verbatim ? text : Buffer.from(text, 'utf8').toString('base64');
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Scripts

/**
 * Upstash accepts Lua shebang flags such as `#!lua flags=allow-key-locking` that Redis 7.0 refuses
 * ("Unexpected flag in script shebang"), so scripts lose their shebang line on the way in. That changes their SHA1:
 * this registry maps the SHA1 the client computed (of the script it sent) to the one Redis knows (of the stripped
 * script), so EVALSHA with the client's hash finds the script once EVAL or SCRIPT LOAD has brought it in.
 */
class ScriptRegistry {
  private readonly redisShaByClientSha = new Map<string, string>();

  /** Rewrites a command for Redis: strips shebangs for EVAL and SCRIPT LOAD, translates hashes for EVALSHA and SCRIPT EXISTS. */
  toRedis(command: Command): string[] {
    const [name = '', first = '', ...rest] = command;
    switch (name.toLowerCase()) {
      case 'eval':
      case 'eval_ro':
        return [name, this.register(first), ...rest];
      case 'evalsha':
      case 'evalsha_ro':
        return [name, this.redisSha(first), ...rest];
      case 'script': {
        const subcommand = first.toLowerCase();
        if (subcommand === 'load' && rest[0] !== undefined) return [name, first, this.register(rest[0]), ...rest.slice(1)];
        if (subcommand === 'exists') return [name, first, ...rest.map((sha) => this.redisSha(sha))];
        return [...command];
      }
      default:
        return [...command];
    }
  }

  /** Rewrites a reply for the client: SCRIPT LOAD answers with the hash of the script the client sent. */
  toClient(command: Command, reply: RespReply): RespReply {
    const [name = '', subcommand = '', script] = command;
    const isScriptLoad = name.toLowerCase() === 'script' && subcommand.toLowerCase() === 'load';
    return isScriptLoad && script !== undefined && reply.type === 'bulk'
      ? { type: 'bulk', value: Buffer.from(sha1(script)) }
      : reply;
  }

  /** Returns the script Redis should run, remembering its hash under the client's hash when they differ. */
  private register(script: string): string {
    const runnable = withoutShebang(script);
    if (runnable !== script) this.redisShaByClientSha.set(sha1(script), sha1(runnable));
    return runnable;
  }

  private redisSha(clientSha: string): string {
    return this.redisShaByClientSha.get(clientSha.toLowerCase()) ?? clientSha;
  }
}

/** Blanks a `#!lua …` first line but keeps its newline, so Redis's error line numbers match the client's script. */
function withoutShebang(script: string): string {
  if (!script.startsWith('#!lua')) return script;
  const newline = script.indexOf('\n');
  return newline === -1 ? '' : script.slice(newline);
}

function sha1(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

// ---------------------------------------------------------------------------------------------
// HTTP plumbing

const INVALID_BODY = Symbol('invalid body');

/** Reads and parses the body; a body that is too large or not JSON becomes a marker the schemas reject. */
async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Keep reading past the cap (without keeping it) so the client still gets its 400.
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  if (size > MAX_BODY_BYTES) return INVALID_BODY;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return INVALID_BODY;
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

