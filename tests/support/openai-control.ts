/**
 * Types and a fetch-based client for the local OpenAI-compatible test server's control endpoints.
 *
 * This file uses web-standard APIs only (no `node:` imports), so tests running in the
 * `edge-runtime` environment can import it as well as tests running in `node`.
 */

/**
 * How the test server answers chat completions for one model id.
 * Every field is optional; an empty behaviour answers with the default deterministic text.
 */
export type Behavior = {
  /** Full answer text, streamed as word tokens (each word keeps its trailing whitespace). */
  text?: string;
  /** Delay in milliseconds before the response headers and first chunk are sent. */
  firstByteMs?: number;
  /** Token pacing; 0 or undefined streams as fast as possible. */
  tokensPerSecond?: number;
  /** Respond with this HTTP error status (e.g. 429, 500, 503) and an OpenAI-style error body. */
  status?: number;
  /** `Retry-After` header value sent along with `status`. */
  retryAfter?: string;
  /** The error message sent along with `status`, e.g. one that echoes the request's key back as some hosts do. */
  errorMessage?: string;
  /**
   * Apply the faults (`status`, `disconnectAfterTokens`, `malformedAfterTokens`, `empty`, `hang`) only to the
   * first N calls of this model, then answer normally.
   */
  failTimes?: number;
  /** Destroy the socket mid-response after N tokens. */
  disconnectAfterTokens?: number;
  /** Write a malformed SSE line after N tokens, then carry on streaming. */
  malformedAfterTokens?: number;
  /** Answer with empty content. */
  empty?: boolean;
  /** Accept the request and never send anything until the client closes the connection. */
  hang?: boolean;
};

/** Behaviours keyed by exact model id (`<namespace>/<name>`). */
export type BehaviorMap = Record<string, Behavior>;

/** One chat message as received on the wire. */
export type RecordedMessage = {
  role: string;
  content: unknown;
  [field: string]: unknown;
};

/** A chat-completions request as the server received it. */
export type RecordedRequest = {
  /** Position in the server-wide request log, starting at 1. */
  sequence: number;
  /** 1-based count of calls to this model id since its behaviour was last set. */
  attempt: number;
  /** Epoch milliseconds at which the server had read the request, for measuring the gaps between retries. */
  receivedAt: number;
  model: string;
  namespace: string;
  messages: RecordedMessage[];
  temperature: number | undefined;
  maxTokens: number | undefined;
  stream: boolean;
  includeUsage: boolean;
  /** The raw `Authorization` header, or null when absent. It is a test server, so keys are fake. */
  authorization: string | null;
  /** The parsed JSON body, for assertions on fields not extracted above. */
  body: Record<string, unknown>;
};

/** Connection accounting for the chat-completion requests of one namespace. */
export type ConnectionStats = {
  /** Requests whose body was parsed and whose response began. */
  started: number;
  /** Responses the server finished normally. */
  completed: number;
  /** Responses whose connection the client closed before the server finished. */
  clientClosed: number;
  /** Responses the server cut off on purpose (`disconnectAfterTokens`). */
  serverClosed: number;
  /** Responses still in progress. */
  open: number;
};

/** Options for the long-polling wait endpoints. */
export type WaitOptions = {
  /** Give up after this many milliseconds and return the current state (default 5000). */
  timeoutMs?: number;
};

/** Options for {@link waitForIdle}. */
export type WaitForIdleOptions = WaitOptions & {
  /** Also wait until at least this many requests have started (default 0). */
  minStarted?: number;
};

/**
 * Namespace of a model id: everything before the first `/`, or `''` when there is none.
 */
export function namespaceOfModel(modelId: string): string {
  const slash = modelId.indexOf('/');
  return slash === -1 ? '' : modelId.slice(0, slash);
}

/**
 * Registers behaviours, merged into those already set. Setting a model's behaviour
 * restarts its attempt count, so `failTimes` counts from registration.
 */
export async function setBehaviors(baseURL: string, behaviors: BehaviorMap): Promise<void> {
  await callControl(baseURL, '/behaviors', { method: 'POST', body: JSON.stringify(behaviors) });
}

/** Recorded chat-completion requests of a namespace, in arrival order. */
export async function getRequests(baseURL: string, namespace: string): Promise<RecordedRequest[]> {
  const result = await callControl<{ requests: RecordedRequest[] }>(baseURL, `/requests?${namespaceQuery(namespace)}`);
  return result.requests;
}

/** Current connection accounting of a namespace. */
export async function getConnectionStats(baseURL: string, namespace: string): Promise<ConnectionStats> {
  return callControl<ConnectionStats>(baseURL, `/connections?${namespaceQuery(namespace)}`);
}

/**
 * Long-polls until no response of the namespace is open (and at least `minStarted` have
 * started), or until the timeout; returns the stats at that moment either way.
 */
export async function waitForIdle(
  baseURL: string,
  namespace: string,
  options: WaitForIdleOptions = {},
): Promise<ConnectionStats> {
  const query = new URLSearchParams({
    namespace,
    timeoutMs: String(options.timeoutMs ?? 5000),
    minStarted: String(options.minStarted ?? 0),
  });
  return callControl<ConnectionStats>(baseURL, `/wait-idle?${query}`);
}

/**
 * Long-polls until the namespace has recorded at least `count` requests, or until the
 * timeout; returns the recorded requests at that moment either way.
 */
export async function waitForRequests(
  baseURL: string,
  namespace: string,
  count: number,
  options: WaitOptions = {},
): Promise<RecordedRequest[]> {
  const query = new URLSearchParams({ namespace, count: String(count), timeoutMs: String(options.timeoutMs ?? 5000) });
  const result = await callControl<{ requests: RecordedRequest[] }>(baseURL, `/wait-requests?${query}`);
  return result.requests;
}

/** Forgets the behaviours, recorded requests and connection stats of a namespace. */
export async function resetNamespace(baseURL: string, namespace: string): Promise<void> {
  await callControl(baseURL, `/reset?${namespaceQuery(namespace)}`, { method: 'POST' });
}

function namespaceQuery(namespace: string): string {
  return new URLSearchParams({ namespace }).toString();
}

/** Control endpoints live beside `/v1`, so the OpenAI base URL is accepted as-is. */
function controlUrl(baseURL: string, path: string): string {
  const origin = baseURL.replace(/\/+$/, '').replace(/\/v1$/, '');
  return `${origin}/__control${path}`;
}

async function callControl<Result = unknown>(baseURL: string, path: string, init: RequestInit = {}): Promise<Result> {
  const response = await fetch(controlUrl(baseURL, path), {
    ...init,
    headers: { 'content-type': 'application/json' },
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`Test server control call ${path} failed with ${response.status}: ${text}`);
  }
  return JSON.parse(text) as Result;
}
