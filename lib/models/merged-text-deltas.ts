/**
 * A `fetch` for OpenAI-compatible providers that hands the provider every chat-completion event that arrived in one
 * piece of the response body, with consecutive plain text deltas merged into one event.
 *
 * Why: the provider passes every SSE event through four stream stages, a JSON parse and a schema validation, which
 * costs far more than the token itself. A server that falls behind reads the body in pieces of dozens or hundreds of
 * events, and handling each one alone is what keeps it behind (and holds the event loop, so a client's disconnect
 * waits too). Merging changes nothing the provider reports but the number of its `text-delta` parts: the text, its
 * order, the finish, the usage and every error are as they were. Nothing is held back: what a piece of the body
 * completes goes on at once, and an event left incomplete waits for the rest of it, as the provider's parser would.
 *
 * Only the plainest events are merged: one choice whose delta carries text (besides a role or null fields), no
 * finish reason, no usage, and the same id, model and other top-level fields as the event before. Anything else
 * (reasoning, tool calls, errors, comments, `[DONE]`, a malformed line, CRLF line ends) goes on byte for byte.
 */
export function withMergedTextDeltas(baseFetch: () => typeof fetch = () => globalThis.fetch): typeof fetch {
  return async (input, init) => {
    const response = await baseFetch()(input, init);
    const contentType = response.headers.get('content-type') ?? '';
    if (!response.ok || response.body === null || !contentType.startsWith('text/event-stream')) return response;
    return new Response(mergeTextDeltaEvents(response.body), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

const encoder = new TextEncoder();
const NEWLINE = 10;

/** The body stream with the events of each piece merged where they can be (see `withMergedTextDeltas`). */
export function mergeTextDeltaEvents(source: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  // Whether the last piece ended with a whole event, so the decoder holds no part of a character.
  let clean = true;
  // Set for good once a CRLF shows up: such a stream goes on as it came.
  let passThrough = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // A `pull` that enqueues nothing is not called again: it reads until it has something to hand on.
        for (;;) {
          const { done, value } = await reader.read();
          if (done) {
            buffer += decoder.decode();
            if (buffer.length > 0) controller.enqueue(encoder.encode(buffer));
            buffer = '';
            controller.close();
            return;
          }
          // The usual piece while the server keeps up: one whole event, nothing before it. It goes on untouched.
          if (buffer.length === 0 && clean && endsWithOneEvent(value)) {
            controller.enqueue(value);
            return;
          }
          clean = endsWithBlankLine(value);
          buffer += decoder.decode(value, { stream: true });
          if (passThrough || buffer.includes('\r')) {
            passThrough = true;
            if (buffer.length === 0) continue;
            controller.enqueue(encoder.encode(buffer));
            buffer = '';
            return;
          }
          const end = buffer.lastIndexOf('\n\n');
          if (end === -1) continue;
          const complete = buffer.slice(0, end + 2);
          buffer = buffer.slice(end + 2);
          controller.enqueue(encoder.encode(mergeEvents(complete)));
          return;
        }
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}

function endsWithBlankLine(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[bytes.length - 1] === NEWLINE && bytes[bytes.length - 2] === NEWLINE;
}

/** Whether `bytes` holds exactly one event, ending at its end: a blank line there, and no other before it. */
function endsWithOneEvent(bytes: Uint8Array): boolean {
  const length = bytes.length;
  if (!endsWithBlankLine(bytes)) return false;
  let index = bytes.indexOf(NEWLINE);
  while (index !== -1 && index < length - 2) {
    if (bytes[index + 1] === NEWLINE) return false;
    index = bytes.indexOf(NEWLINE, index + 1);
  }
  return true;
}

type TextDeltaEvent = Record<string, unknown> & { choices: [Record<string, unknown> & { delta: Record<string, unknown> & { content: string } }] };

/** `text`: whole events, each ending in a blank line. Returns them with runs of plain text deltas merged. */
export function mergeEvents(text: string): string {
  let output = '';
  let pending: { event: TextDeltaEvent; text: string; merged: boolean } | undefined;
  const flush = () => {
    if (!pending) return;
    output += pending.merged ? `data: ${JSON.stringify(pending.event)}\n\n` : pending.text;
    pending = undefined;
  };
  let start = 0;
  while (start < text.length) {
    const boundary = text.indexOf('\n\n', start);
    const end = boundary === -1 ? text.length : boundary + 2;
    const eventText = text.slice(start, end);
    start = end;
    const event = textDeltaEvent(eventText);
    if (event === undefined) {
      flush();
      output += eventText;
    } else if (pending && mergeable(pending.event, event)) {
      pending.event.choices[0].delta.content += event.choices[0].delta.content;
      pending.merged = true;
    } else {
      flush();
      pending = { event, text: eventText, merged: false };
    }
  }
  flush();
  return output;
}

/** The event as a plain text delta, or undefined when it is anything else (which then goes on as it came). */
function textDeltaEvent(eventText: string): TextDeltaEvent | undefined {
  if (!eventText.startsWith('data: {') || eventText.indexOf('\n') !== eventText.length - 2) return undefined;
  let event: unknown;
  try {
    event = JSON.parse(eventText.slice(6));
  } catch {
    return undefined;
  }
  if (!isRecord(event) || event.usage != null || !Array.isArray(event.choices) || event.choices.length !== 1) return undefined;
  const choice: unknown = event.choices[0];
  if (!isRecord(choice) || !isRecord(choice.delta) || typeof choice.delta.content !== 'string') return undefined;
  for (const [key, value] of Object.entries(choice)) {
    if (key !== 'index' && key !== 'delta' && value !== null) return undefined;
  }
  for (const [key, value] of Object.entries(choice.delta)) {
    if (key !== 'content' && !(key === 'role' && typeof value === 'string') && value !== null) return undefined;
  }
  for (const [key, value] of Object.entries(event)) {
    if (key !== 'choices' && value !== null && typeof value === 'object') return undefined;
  }
  return event as TextDeltaEvent;
}

/** Per-chunk noise some providers add (random padding); the merged event keeps the first one's. */
const IGNORED_FIELDS = new Set(['obfuscation']);

function mergeable(first: TextDeltaEvent, next: TextDeltaEvent): boolean {
  const firstChoice = first.choices[0];
  const nextChoice = next.choices[0];
  if (firstChoice.index !== nextChoice.index) return false;
  const nextRole = nextChoice.delta.role;
  if (nextRole !== undefined && nextRole !== null && nextRole !== firstChoice.delta.role) return false;
  const firstKeys = Object.keys(first).filter((key) => !IGNORED_FIELDS.has(key));
  const nextKeys = Object.keys(next).filter((key) => !IGNORED_FIELDS.has(key));
  if (firstKeys.length !== nextKeys.length) return false;
  return nextKeys.every((key) => key === 'choices' || first[key] === next[key]);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
