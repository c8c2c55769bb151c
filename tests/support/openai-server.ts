/**
 * A local OpenAI-compatible chat-completions server for integration tests, fault tests and
 * benchmarks. It speaks the real wire format (JSON and SSE `chat.completion.chunk` events),
 * so `@ai-sdk/openai-compatible` talks to it over loopback HTTP exactly as it would to OpenAI.
 *
 * Several test files share one server, so everything is scoped by namespace: model ids look
 * like `<namespace>/<name>`, behaviours are registered per exact model id, and the request log
 * and connection stats are read per namespace. See `openai-control.ts` for the HTTP client.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import {
  namespaceOfModel,
  type Behavior,
  type BehaviorMap,
  type ConnectionStats,
  type RecordedMessage,
  type RecordedRequest,
} from './openai-control';
import { closeServer, listen, portOf, trackSockets } from './loopback-server';

const MAX_BODY_BYTES = 5 * 1024 * 1024;
const DEFAULT_WAIT_TIMEOUT_MS = 5_000;
const MAX_WAIT_TIMEOUT_MS = 60_000;
const DEFAULT_ANSWER_QUESTION_LENGTH = 60;
const MALFORMED_SSE_LINE = 'data: {not json\n\n';
const SYSTEM_FINGERPRINT = 'fp_moa_studio_test';

/** Options for {@link startOpenAIServer}. */
export type OpenAIServerOptions = {
  /** Port on 127.0.0.1; 0 or undefined picks a free one. */
  port?: number;
};

/** A running test server, controllable in-process as well as over its HTTP control endpoints. */
export type OpenAIServer = {
  /** Origin, e.g. `http://127.0.0.1:54321`. */
  url: string;
  /** OpenAI base URL to hand to providers: `${url}/v1`. */
  baseURL: string;
  /** Same as `POST /__control/behaviors`. */
  setBehaviors(behaviors: BehaviorMap): void;
  /** Same as `GET /__control/requests`. */
  getRequests(namespace: string): RecordedRequest[];
  /** Same as `GET /__control/connections`. */
  getConnectionStats(namespace: string): ConnectionStats;
  /** Same as `POST /__control/reset`. */
  reset(namespace: string): void;
  /** Stops listening and destroys every open socket, so it never waits on hanging responses. */
  close(): Promise<void>;
};

/**
 * Starts the server on 127.0.0.1 (loopback only).
 */
export async function startOpenAIServer(options: OpenAIServerOptions = {}): Promise<OpenAIServer> {
  const state = new ServerState();
  const server = http.createServer((request, response) => {
    handleRequest(request, response, state).catch((error: unknown) => failUnexpectedly(response, error));
  });
  const sockets = trackSockets(server);
  await listen(server, options.port ?? 0);
  const url = `http://127.0.0.1:${portOf(server, 'The test server')}`;
  return {
    url,
    baseURL: `${url}/v1`,
    setBehaviors: (behaviors) => state.setBehaviors(behaviors),
    getRequests: (namespace) => state.requestsOf(namespace),
    getConnectionStats: (namespace) => state.statsOf(namespace),
    reset: (namespace) => state.reset(namespace),
    close: () => closeServer(server, sockets),
  };
}

// ---------------------------------------------------------------------------------------------
// State

type ExchangeOutcome = 'completed' | 'clientClosed' | 'serverClosed';

/** Behaviours, request log and connection accounting, shared by every namespace. */
class ServerState {
  private readonly behaviors = new Map<string, Behavior>();
  private readonly attempts = new Map<string, number>();
  private readonly requests: RecordedRequest[] = [];
  private readonly stats = new Map<string, ConnectionStats>();
  private readonly changeListeners = new Set<() => void>();
  private sequence = 0;

  setBehaviors(behaviors: BehaviorMap): void {
    for (const [modelId, behavior] of Object.entries(behaviors)) {
      this.behaviors.set(modelId, { ...behavior });
      this.attempts.delete(modelId);
    }
  }

  behaviorFor(modelId: string): Behavior {
    return this.behaviors.get(modelId) ?? {};
  }

  modelIds(): string[] {
    return [...this.behaviors.keys()];
  }

  nextAttempt(modelId: string): number {
    const attempt = (this.attempts.get(modelId) ?? 0) + 1;
    this.attempts.set(modelId, attempt);
    return attempt;
  }

  record(request: Omit<RecordedRequest, 'sequence'>): void {
    this.sequence += 1;
    this.requests.push({ sequence: this.sequence, ...request });
    this.notifyChange();
  }

  requestsOf(namespace: string): RecordedRequest[] {
    return this.requests.filter((request) => request.namespace === namespace);
  }

  statsOf(namespace: string): ConnectionStats {
    return { ...this.mutableStatsOf(namespace) };
  }

  openExchange(namespace: string): void {
    const stats = this.mutableStatsOf(namespace);
    stats.started += 1;
    stats.open += 1;
    this.notifyChange();
  }

  closeExchange(namespace: string, outcome: ExchangeOutcome): void {
    const stats = this.mutableStatsOf(namespace);
    stats[outcome] += 1;
    stats.open -= 1;
    this.notifyChange();
  }

  reset(namespace: string): void {
    const prefix = `${namespace}/`;
    for (const modelId of [...this.behaviors.keys(), ...this.attempts.keys()]) {
      if (modelId.startsWith(prefix)) {
        this.behaviors.delete(modelId);
        this.attempts.delete(modelId);
      }
    }
    const kept = this.requests.filter((request) => request.namespace !== namespace);
    this.requests.splice(0, this.requests.length, ...kept);
    // Responses still open keep their count so `open` cannot go negative when they close.
    const open = this.stats.get(namespace)?.open ?? 0;
    this.stats.set(namespace, { ...emptyStats(), started: open, open });
  }

  /**
   * Resolves once `condition` holds, `timeoutMs` passes or `cancel` aborts, whichever is first.
   * The condition is re-checked on every state change instead of polling.
   */
  waitFor(condition: () => boolean, timeoutMs: number, cancel: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.changeListeners.delete(check);
        cancel.removeEventListener('abort', finish);
        resolve();
      };
      const check = () => {
        if (condition()) finish();
      };
      const timer = setTimeout(finish, timeoutMs);
      this.changeListeners.add(check);
      cancel.addEventListener('abort', finish, { once: true });
      if (cancel.aborted) finish();
      else check();
    });
  }

  private mutableStatsOf(namespace: string): ConnectionStats {
    let stats = this.stats.get(namespace);
    if (!stats) {
      stats = emptyStats();
      this.stats.set(namespace, stats);
    }
    return stats;
  }

  private notifyChange(): void {
    for (const listener of [...this.changeListeners]) listener();
  }
}

function emptyStats(): ConnectionStats {
  return { started: 0, completed: 0, clientClosed: 0, serverClosed: 0, open: 0 };
}

// ---------------------------------------------------------------------------------------------
// Routing

async function handleRequest(request: IncomingMessage, response: ServerResponse, state: ServerState): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const route = `${request.method ?? 'GET'} ${url.pathname.replace(/\/+$/, '')}`;
  switch (route) {
    case 'POST /v1/chat/completions':
      return handleChatCompletion(request, response, state);
    case 'GET /v1/models':
      // A key with "rejected" in it stands for one the provider does not know, for the key check.
      if (/rejected/.test(headerValue(request, 'authorization') ?? '')) {
        return sendJson(response, 401, { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' } });
      }
      return sendJson(response, 200, listModels(state));
    case 'POST /__control/behaviors':
      return handleSetBehaviors(request, response, state);
    case 'GET /__control/requests':
      return withNamespace(url, response, (namespace) =>
        sendJson(response, 200, { requests: state.requestsOf(namespace) }),
      );
    case 'GET /__control/connections':
      return withNamespace(url, response, (namespace) => sendJson(response, 200, state.statsOf(namespace)));
    case 'GET /__control/wait-idle':
      return withNamespace(url, response, (namespace) => handleWaitIdle(url, response, state, namespace));
    case 'GET /__control/wait-requests':
      return withNamespace(url, response, (namespace) => handleWaitRequests(url, response, state, namespace));
    case 'POST /__control/reset':
      return withNamespace(url, response, (namespace) => {
        state.reset(namespace);
        sendJson(response, 200, { ok: true });
      });
    default:
      return sendOpenAIError(response, 404, `No route for ${route}.`, 'invalid_request_error');
  }
}

function listModels(state: ServerState) {
  return {
    object: 'list',
    data: state.modelIds().map((id) => ({ id, object: 'model', created: 0, owned_by: 'moa-studio-test-server' })),
  };
}

/** Namespaced control endpoints require `?namespace=` so one test cannot read or reset another's data. */
async function withNamespace(
  url: URL,
  response: ServerResponse,
  handle: (namespace: string) => void | Promise<void>,
): Promise<void> {
  const namespace = url.searchParams.get('namespace');
  if (namespace === null) {
    return sendOpenAIError(response, 400, 'The namespace query parameter is required.', 'invalid_request_error');
  }
  await handle(namespace);
}

// ---------------------------------------------------------------------------------------------
// Control endpoints

async function handleSetBehaviors(request: IncomingMessage, response: ServerResponse, state: ServerState) {
  const body = await readJsonBody(request, response);
  if (body === undefined) return;
  const problem = describeInvalidBehaviors(body);
  if (problem) return sendOpenAIError(response, 400, problem, 'invalid_request_error');
  state.setBehaviors(body as BehaviorMap);
  sendJson(response, 200, { ok: true, models: Object.keys(body as BehaviorMap) });
}

const BEHAVIOR_FIELD_TYPES: Record<keyof Behavior, 'number' | 'string' | 'boolean'> = {
  text: 'string',
  firstByteMs: 'number',
  tokensPerSecond: 'number',
  status: 'number',
  retryAfter: 'string',
  errorMessage: 'string',
  failTimes: 'number',
  disconnectAfterTokens: 'number',
  malformedAfterTokens: 'number',
  empty: 'boolean',
  hang: 'boolean',
};

/** Rejects unknown fields and wrong types, so a typo in a test fails loudly instead of being ignored. */
function describeInvalidBehaviors(body: unknown): string | undefined {
  if (!isRecord(body)) return 'Expected a JSON object mapping model ids to behaviours.';
  for (const [modelId, behavior] of Object.entries(body)) {
    if (!isRecord(behavior)) return `Behaviour for ${modelId} must be an object.`;
    for (const [field, value] of Object.entries(behavior)) {
      if (!Object.hasOwn(BEHAVIOR_FIELD_TYPES, field)) return `Unknown behaviour field ${field} for ${modelId}.`;
      const expected = BEHAVIOR_FIELD_TYPES[field as keyof Behavior];
      if (value !== undefined && typeof value !== expected) {
        return `Behaviour field ${field} for ${modelId} must be a ${expected}.`;
      }
      if (typeof value === 'number' && !(Number.isFinite(value) && value >= 0)) {
        return `Behaviour field ${field} for ${modelId} must be a non-negative number.`;
      }
    }
  }
  return undefined;
}

async function handleWaitIdle(url: URL, response: ServerResponse, state: ServerState, namespace: string) {
  const minStarted = readNumberParameter(url, 'minStarted', 0);
  await state.waitFor(
    () => {
      const stats = state.statsOf(namespace);
      return stats.open === 0 && stats.started >= minStarted;
    },
    readTimeout(url),
    signalForResponseClose(response),
  );
  sendJson(response, 200, state.statsOf(namespace));
}

async function handleWaitRequests(url: URL, response: ServerResponse, state: ServerState, namespace: string) {
  const count = readNumberParameter(url, 'count', 1);
  await state.waitFor(
    () => state.requestsOf(namespace).length >= count,
    readTimeout(url),
    signalForResponseClose(response),
  );
  sendJson(response, 200, { requests: state.requestsOf(namespace) });
}

function readTimeout(url: URL): number {
  return Math.min(readNumberParameter(url, 'timeoutMs', DEFAULT_WAIT_TIMEOUT_MS), MAX_WAIT_TIMEOUT_MS);
}

function readNumberParameter(url: URL, name: string, fallback: number): number {
  const value = Number(url.searchParams.get(name) ?? Number.NaN);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

// ---------------------------------------------------------------------------------------------
// Chat completions

type ChatRequest = {
  model: string;
  messages: RecordedMessage[];
  stream: boolean;
  includeUsage: boolean;
  temperature: number | undefined;
  maxTokens: number | undefined;
};

/** Lets a response's writers learn that its connection closed, and lets the server cut it off. */
type Exchange = {
  /** Aborted when the response closes for any reason. */
  closed: AbortSignal;
  /** Destroys the connection mid-response, counted as `serverClosed`. */
  disconnect(): void;
};

async function handleChatCompletion(request: IncomingMessage, response: ServerResponse, state: ServerState) {
  const body = await readJsonBody(request, response);
  if (body === undefined) return;
  const chatRequest = parseChatRequest(body);
  if (typeof chatRequest === 'string') return sendOpenAIError(response, 400, chatRequest, 'invalid_request_error');

  const namespace = namespaceOfModel(chatRequest.model);
  const attempt = state.nextAttempt(chatRequest.model);
  state.record({
    attempt,
    receivedAt: Date.now(),
    namespace,
    ...chatRequest,
    authorization: headerValue(request, 'authorization'),
    body: body as Record<string, unknown>,
  });
  const exchange = trackExchange(response, state, namespace);
  await respondToChat(response, exchange, chatRequest, state.behaviorFor(chatRequest.model), attempt);
}

function parseChatRequest(body: unknown): ChatRequest | string {
  if (!isRecord(body)) return 'The request body must be a JSON object.';
  const { model, messages, stream, stream_options: streamOptions, temperature, max_tokens: maxTokens } = body;
  if (typeof model !== 'string' || model.length === 0) return 'model is required and must be a string.';
  if (!Array.isArray(messages) || !messages.every(isMessage)) {
    return 'messages must be an array of objects with a string role.';
  }
  return {
    model,
    messages,
    stream: stream === true,
    includeUsage: isRecord(streamOptions) && streamOptions.include_usage === true,
    temperature: typeof temperature === 'number' ? temperature : undefined,
    maxTokens: typeof maxTokens === 'number' ? maxTokens : undefined,
  };
}

function isMessage(value: unknown): value is RecordedMessage {
  return isRecord(value) && typeof value.role === 'string';
}

function trackExchange(response: ServerResponse, state: ServerState, namespace: string): Exchange {
  const closed = new AbortController();
  let disconnectedByServer = false;
  state.openExchange(namespace);
  response.once('close', () => {
    // 'close' fires both after a normal finish and when the connection drops first.
    const outcome: ExchangeOutcome = disconnectedByServer
      ? 'serverClosed'
      : response.writableFinished
        ? 'completed'
        : 'clientClosed';
    state.closeExchange(namespace, outcome);
    closed.abort();
  });
  return {
    closed: closed.signal,
    disconnect() {
      disconnectedByServer = true;
      response.destroy();
    },
  };
}

async function respondToChat(
  response: ServerResponse,
  exchange: Exchange,
  request: ChatRequest,
  registered: Behavior,
  attempt: number,
): Promise<void> {
  const behavior = faultsApply(registered, attempt) ? registered : withoutFaults(registered);
  // A hanging response ends only when the client (or server shutdown) closes the connection.
  if (behavior.hang) return;
  if (!(await pause(behavior.firstByteMs ?? 0, exchange.closed))) return;
  if (behavior.status !== undefined) return sendSimulatedError(response, behavior);

  const tokens = behavior.empty ? [] : splitIntoTokens(behavior.text ?? defaultAnswer(request));
  const usage = usageFor(request.messages, tokens);
  if (request.stream) return streamCompletion(response, exchange, request, behavior, tokens, usage);
  return sendCompletion(response, exchange, request, behavior, tokens, usage);
}

function faultsApply(behavior: Behavior, attempt: number): boolean {
  return behavior.failTimes === undefined || attempt <= behavior.failTimes;
}

/** The behaviour past `failTimes`: same text and pacing, no fault. */
function withoutFaults(behavior: Behavior): Behavior {
  const { status, retryAfter, errorMessage, disconnectAfterTokens, malformedAfterTokens, empty, hang, ...healthy } = behavior;
  return healthy;
}

function sendSimulatedError(response: ServerResponse, { status = 500, retryAfter, errorMessage }: Behavior): void {
  const { type, code } = errorKindFor(status);
  const headers: Record<string, string> = retryAfter === undefined ? {} : { 'retry-after': retryAfter };
  sendOpenAIError(response, status, errorMessage ?? `Simulated ${status} from the test server.`, type, code, headers);
}

/** Mirrors the `type`/`code` pairs OpenAI sends, for code that inspects them. */
function errorKindFor(status: number): { type: string; code: string | null } {
  if (status === 429) return { type: 'requests', code: 'rate_limit_exceeded' };
  if (status === 401) return { type: 'invalid_request_error', code: 'invalid_api_key' };
  if (status >= 500) return { type: 'server_error', code: null };
  return { type: 'invalid_request_error', code: null };
}

// ---------------------------------------------------------------------------------------------
// Completion bodies

type Usage = { prompt_tokens: number; completion_tokens: number; total_tokens: number };

/** Splits before each word that follows whitespace, so the tokens join back to the exact text. */
function splitIntoTokens(text: string): string[] {
  return text.length === 0 ? [] : text.split(/(?<=\s)(?=\S)/);
}

function defaultAnswer(request: ChatRequest): string {
  const question = lastUserText(request.messages).slice(0, DEFAULT_ANSWER_QUESTION_LENGTH);
  return `Answer from ${request.model} to: ${question}`;
}

function lastUserText(messages: RecordedMessage[]): string {
  const lastUser = [...messages].reverse().find((message) => message.role === 'user');
  return lastUser ? textOf(lastUser.content) : '';
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) => (isRecord(part) && part.type === 'text' && typeof part.text === 'string' ? part.text : ''))
    .join('');
}

/** Deterministic word counts stand in for a tokenizer. */
function usageFor(messages: RecordedMessage[], completionTokens: string[]): Usage {
  const promptTokens = messages.reduce((total, message) => total + countWords(textOf(message.content)), 0);
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens.length,
    total_tokens: promptTokens + completionTokens.length,
  };
}

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function completionId(): string {
  return `chatcmpl-${crypto.randomUUID().replaceAll('-', '')}`;
}

function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function millisecondsPerToken(behavior: Behavior): number {
  const tokensPerSecond = behavior.tokensPerSecond ?? 0;
  return tokensPerSecond > 0 ? 1000 / tokensPerSecond : 0;
}

async function sendCompletion(
  response: ServerResponse,
  exchange: Exchange,
  request: ChatRequest,
  behavior: Behavior,
  tokens: string[],
  usage: Usage,
): Promise<void> {
  if (!(await pause(tokens.length * millisecondsPerToken(behavior), exchange.closed))) return;
  if (behavior.disconnectAfterTokens !== undefined) return exchange.disconnect();
  if (behavior.malformedAfterTokens !== undefined) {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{not json');
    return;
  }
  sendJson(response, 200, {
    id: completionId(),
    object: 'chat.completion',
    created: nowInSeconds(),
    model: request.model,
    system_fingerprint: SYSTEM_FINGERPRINT,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: tokens.join(''), refusal: null },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage,
  });
}

async function streamCompletion(
  response: ServerResponse,
  exchange: Exchange,
  request: ChatRequest,
  behavior: Behavior,
  tokens: string[],
  usage: Usage,
): Promise<void> {
  const makeChunk = chunkFactory(request);
  const send = (payload: unknown) => writeOrClosed(response, `data: ${JSON.stringify(payload)}\n\n`, exchange.closed);
  // Past the end means "after the last token, before the finish chunk".
  const disconnectAt = clampToTokens(behavior.disconnectAfterTokens, tokens);
  const malformedAt = clampToTokens(behavior.malformedAfterTokens, tokens);
  const interval = millisecondsPerToken(behavior);

  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'x-request-id': completionId(),
  });
  if (!(await send(makeChunk({ role: 'assistant', content: '' }, null)))) return;

  for (let sent = 0; ; sent += 1) {
    if (sent === disconnectAt) return exchange.disconnect();
    if (sent === malformedAt && !(await writeOrClosed(response, MALFORMED_SSE_LINE, exchange.closed))) return;
    const token = tokens[sent];
    if (token === undefined) break;
    if (sent > 0 && !(await pause(interval, exchange.closed))) return;
    if (!(await send(makeChunk({ content: token }, null)))) return;
  }

  if (!(await send(makeChunk({}, 'stop')))) return;
  if (request.includeUsage && !(await send(makeChunk(undefined, null, usage)))) return;
  if (!(await writeOrClosed(response, 'data: [DONE]\n\n', exchange.closed))) return;
  response.end();
}

function clampToTokens(afterTokens: number | undefined, tokens: string[]): number | undefined {
  return afterTokens === undefined ? undefined : Math.min(Math.floor(afterTokens), tokens.length);
}

/** Builds `chat.completion.chunk` payloads sharing one id; `delta === undefined` makes the usage-only chunk. */
function chunkFactory(request: ChatRequest) {
  const id = completionId();
  const created = nowInSeconds();
  return (delta: Record<string, unknown> | undefined, finishReason: string | null, usage?: Usage) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model: request.model,
    system_fingerprint: SYSTEM_FINGERPRINT,
    choices: delta === undefined ? [] : [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(request.includeUsage ? { usage: usage ?? null } : {}),
  });
}

// ---------------------------------------------------------------------------------------------
// HTTP helpers

/** Resolves false instead of waiting when the connection closed first. */
async function pause(milliseconds: number, closed: AbortSignal): Promise<boolean> {
  if (closed.aborted) return false;
  if (milliseconds <= 0) return true;
  try {
    await delay(milliseconds, undefined, { signal: closed });
    return true;
  } catch {
    return false;
  }
}

/**
 * Resolves once the data reached the socket (true) or the connection closed (false). Waiting
 * for the flush gives backpressure, and lets a following `disconnect()` cut the stream after
 * the client has the tokens rather than discarding them from a corked buffer.
 */
function writeOrClosed(response: ServerResponse, data: string, closed: AbortSignal): Promise<boolean> {
  if (closed.aborted || response.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onClose = () => resolve(false);
    closed.addEventListener('abort', onClose, { once: true });
    response.write(data, (error) => {
      closed.removeEventListener('abort', onClose);
      resolve(!error && !closed.aborted);
    });
  });
}

function signalForResponseClose(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  response.once('close', () => controller.abort());
  return controller.signal;
}

const BODY_TOO_LARGE = Symbol('body too large');

function readBody(request: IncomingMessage): Promise<string | typeof BODY_TOO_LARGE> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Drain the rest without keeping it; the 413 closes the connection afterwards.
        request.removeAllListeners('data');
        request.resume();
        resolve(BODY_TOO_LARGE);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** Reads and parses a JSON body, answering 413/400 itself and returning undefined on failure. */
async function readJsonBody(request: IncomingMessage, response: ServerResponse): Promise<unknown> {
  const text = await readBody(request);
  if (text === BODY_TOO_LARGE) {
    sendOpenAIError(response, 413, `Request body exceeds ${MAX_BODY_BYTES} bytes.`, 'invalid_request_error', null, {
      connection: 'close',
    });
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    sendOpenAIError(response, 400, 'The request body is not valid JSON.', 'invalid_request_error');
    return undefined;
  }
}

function headerValue(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return typeof value === 'string' ? value : null;
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (response.destroyed) return;
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

function sendOpenAIError(
  response: ServerResponse,
  status: number,
  message: string,
  type: string,
  code: string | null = null,
  headers: Record<string, string> = {},
): void {
  sendJson(response, status, { error: { message, type, param: null, code } }, headers);
}

function failUnexpectedly(response: ServerResponse, error: unknown): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  sendOpenAIError(response, 500, `Test server failure: ${message}`, 'server_error');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
