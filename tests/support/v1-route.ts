import OpenAI from 'openai';
import { OPTIONS as chatOptions, POST as chatPost } from '@/app/v1/chat/completions/route';
import { POST as otherPost } from '@/app/v1/[...path]/route';
import { readOpenAIEvents } from './sse';
import { GET as modelsGet } from '@/app/v1/models/route';

/**
 * The `/v1` route handlers behind a `fetch`, so the official `openai` client calls them in-process, in either
 * vitest runtime, exactly as it would call a server.
 */
export async function v1Fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  const { pathname } = new URL(request.url);
  if (pathname === '/v1/chat/completions') return request.method === 'OPTIONS' ? chatOptions() : chatPost(request);
  if (pathname === '/v1/models') return modelsGet(request);
  return otherPost(request);
}

/** The official client over the in-process routes; `apiKey` is what it sends as `Authorization: Bearer`. */
export function v1Client(options: { apiKey?: string; headers?: Record<string, string> } = {}): OpenAI {
  return new OpenAI({
    baseURL: 'http://localhost/v1',
    apiKey: options.apiKey ?? 'any-key',
    maxRetries: 0,
    defaultHeaders: options.headers,
    fetch: v1Fetch,
  });
}

/** Posts a raw body to the chat route. */
export function postChat(body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
  return chatPost(
    new Request('http://localhost/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      signal,
    }),
  );
}

/** The `data:` events of a chat-completions SSE response, in order (`[DONE]` as the string). */
export async function readEvents(response: Response): Promise<{ events: (Record<string, any> | '[DONE]')[] }> {
  return { events: await readOpenAIEvents(response.body!) };
}
