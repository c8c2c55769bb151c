import { loadFollowingInterval } from '@/lib/stream/load-interval';

/**
 * A `fetch` for OpenAI-compatible providers that hands the provider every chat-completion event that arrived in one
 * piece of the response body, with consecutive plain text deltas merged into one event.
 *
 * Why: the provider passes every SSE event through four stream stages, a JSON parse and a schema validation, which
 * costs far more than the token itself. A server that falls behind reads the body in pieces of dozens or hundreds of
 * events, and handling each one alone is what keeps it behind (and holds the event loop, so a client's disconnect
 * waits too). Merging changes nothing the provider reports but the number of its `text-delta` parts: the text, its
 * order, the finish, the usage and every error are as they were. Only text waits, a short hold that grows with the
 * load (`textHoldMs`), for more text to merge with; everything else goes on as soon as a piece of the body completes
 * it, and an event left incomplete waits for the rest of it, as the provider's parser would.
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
/**
 * Read once: in the edge sandbox `Array` is a proxy (for `instanceof` across realms), so every `Array.isArray` of a
 * per-token check would go through its trap.
 */
const { isArray } = Array;

/**
 * The shortest time text may wait for more text: while a model streams, its deltas go on at most this often. The
 * first after a pause goes at once, so no agent's first token waits; 20 updates a second read as smoothly as more.
 */
export const TEXT_HOLD_MS = 50;
/** The longest, reached under load: four updates a second still show an answer growing. */
export const MAX_TEXT_HOLD_MS = 250;
/**
 * Pieces of text a second that this realm hands its providers, over all its streams, before the hold grows. Each
 * piece costs a provider far more than its size (see above), so a server streaming many answers at once would
 * spend most of its time on pieces nobody sees apart: a page draws an agent's text at most 20 times a second. One
 * run's six proposers stay near the shortest hold (60 ms); from about four runs at once, each agent's text goes on
 * four times a second.
 */
const PIECES_PER_SECOND = 100;

/** Streams merging in this realm now: what the hold of each grows with. */
let openStreams = 0;
/**
 * A stream dropped without being read to its end or cancelled stops counting once it is collected, so no such leak
 * lengthens every hold for good.
 */
const abandoned = new FinalizationRegistry<{ open: boolean }>((state) => {
  if (!state.open) return;
  state.open = false;
  openStreams -= 1;
});

/**
 * How long text may wait for more while `open` streams merge at once: `TEXT_HOLD_MS` while they fit in
 * `PIECES_PER_SECOND`, growing with them up to `MAX_TEXT_HOLD_MS`.
 */
export function textHoldMs(open: number): number {
  return loadFollowingInterval(open, {
    minMs: TEXT_HOLD_MS,
    maxMs: MAX_TEXT_HOLD_MS,
    piecesPerSecond: PIECES_PER_SECOND,
  });
}

/** The body stream with its text deltas merged where they can be (see `withMergedTextDeltas`). */
export function mergeTextDeltaEvents(
  source: ReadableStream<Uint8Array>,
  /** `holdMs`: a fixed hold instead of one that follows the load (`textHoldMs`). */
  options: { holdMs?: number; now?: () => number } = {},
): ReadableStream<Uint8Array> {
  // Worked out again only when the number of open streams changes: this is asked for every piece.
  let cachedFor = -1;
  let cachedHold = TEXT_HOLD_MS;
  const holdMs = () => {
    if (options.holdMs !== undefined) return options.holdMs;
    if (cachedFor !== openStreams) {
      cachedFor = openStreams;
      cachedHold = textHoldMs(openStreams);
    }
    return cachedHold;
  };
  const now = options.now ?? (() => performance.now());
  const reader = source.getReader();
  const decoder = new TextDecoder();
  const merger = new EventMerger();
  let buffer = '';
  // Whether the last piece ended with a whole event, so the decoder holds no part of a character.
  let clean = true;
  // Set for good once a CRLF shows up: such a stream goes on as it came.
  let passThrough = false;
  let handedOnAt = Number.NEGATIVE_INFINITY;
  // Counts what was handed on, so a `pull` knows whether anything went out while it waited for the body.
  let handedOn = 0;
  const state = { open: true };
  openStreams += 1;
  // However the stream ends (its end, an error, a cancel), once.
  const close = () => {
    if (!state.open) return;
    state.open = false;
    openStreams -= 1;
  };
  // One timer per hold, however many pieces arrive during it; it hands the held text on itself.
  let holdTimer: ReturnType<typeof setTimeout> | undefined;
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;

  const handOn = (piece: Uint8Array | string, at = now()) => {
    clearTimeout(holdTimer);
    holdTimer = undefined;
    handedOnAt = at;
    handedOn += 1;
    controller?.enqueue(typeof piece === 'string' ? encoder.encode(piece) : piece);
  };
  const hold = (at: number) => {
    holdTimer ??= setTimeout(
      () => {
        holdTimer = undefined;
        if (state.open && merger.holding) handOn(merger.release());
      },
      Math.max(0, handedOnAt + holdMs() - at),
    );
  };

  const merged = new ReadableStream<Uint8Array>(
    {
      start: (started) => {
        controller = started;
      },
      async pull() {
        const handedOnBefore = handedOn;
        // A `pull` that hands nothing on is not called again: it reads until something went out, from here or from
        // the hold's timer while it waited.
        for (;;) {
          let result: ReadableStreamReadResult<Uint8Array>;
          try {
            result = await reader.read();
          } catch (error) {
            // What was held goes on before the error, as it would have without the hold.
            if (merger.holding) handOn(merger.release());
            close();
            throw error;
          }
          if (result.done) {
            const rest = merger.release() + buffer + decoder.decode();
            buffer = '';
            if (rest.length > 0) handOn(rest);
            close();
            controller?.close();
            return;
          }
          const piece = result.value;
          // One reading of the clock per piece, for the check and the hand-on alike.
          const at = now();
          const due = at - handedOnAt >= holdMs();
          // The usual piece after a pause: one whole event, nothing before it or held. It goes on untouched.
          if (due && !merger.holding && buffer.length === 0 && clean && endsWithOneEvent(piece)) {
            handOn(piece, at);
            return;
          }
          clean = endsWithBlankLine(piece);
          buffer += decoder.decode(piece, { stream: true });
          if (passThrough || buffer.includes('\r')) {
            passThrough = true;
            const text = merger.release() + buffer;
            buffer = '';
            if (text.length > 0) handOn(text, at);
          } else {
            const end = buffer.lastIndexOf('\n\n');
            let output = '';
            if (end !== -1) {
              output = merger.take(buffer.slice(0, end + 2));
              buffer = buffer.slice(end + 2);
            }
            if (due || output.length > 0) output += merger.release();
            if (output.length > 0) handOn(output, at);
            else if (merger.holding) hold(at);
          }
          if (handedOn !== handedOnBefore) return;
        }
      },
      cancel: (reason) => {
        close();
        clearTimeout(holdTimer);
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  abandoned.register(merged, state);
  return merged;
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

type TextDeltaEvent = Record<string, unknown> & {
  choices: [Record<string, unknown> & { delta: Record<string, unknown> & { content: string } }];
};

/** The run of text deltas held: the first one's event and text, and the content of all of them. */
type Pending = {
  event: TextDeltaEvent;
  template: Template | undefined;
  text: string;
  content: string;
  merged: boolean;
};

/**
 * Merges runs of plain text deltas. `take` returns the events it was given, merged, except the run at their end,
 * which it holds, since the next events may add to it; `release` returns what it holds.
 */
class EventMerger {
  private pending: Pending | undefined;
  /**
   * The text around the content of the last plain text delta read whole: a model's deltas differ in their content
   * alone, so the next ones are read from their content alone, without parsing and checking the whole event again.
   */
  private template: Template | undefined;

  get holding(): boolean {
    return this.pending !== undefined;
  }

  /** `text`: whole events, each ending in a blank line. */
  take(text: string): string {
    let output = '';
    let start = 0;
    while (start < text.length) {
      const boundary = text.indexOf('\n\n', start);
      const end = boundary === -1 ? text.length : boundary + 2;
      const eventText = text.slice(start, end);
      start = end;
      const byTemplate = this.contentByTemplate(eventText);
      if (byTemplate !== undefined) {
        const template = this.template as Template;
        output += this.add(template.event, template, eventText, byTemplate);
        continue;
      }
      const event = textDeltaEvent(eventText);
      if (event === undefined) {
        output += this.release() + eventText;
        continue;
      }
      this.template = templateOf(eventText, event);
      output += this.add(event, this.template, eventText, event.choices[0].delta.content);
    }
    return output;
  }

  release(): string {
    const pending = this.pending;
    this.pending = undefined;
    if (!pending) return '';
    if (!pending.merged) return pending.text;
    // The first event's own text with the run's content in place of its own: only the content's JSON string changes.
    if (pending.template) return pending.template.prefix + JSON.stringify(pending.content) + pending.template.suffix;
    pending.event.choices[0].delta.content = pending.content;
    return `data: ${JSON.stringify(pending.event)}\n\n`;
  }

  /** Adds a plain text delta to the run held, or holds it as a new run; returns what that releases. */
  private add(event: TextDeltaEvent, template: Template | undefined, text: string, content: string): string {
    const pending = this.pending;
    // Two events read through one template differ in their content alone, so they merge without another check.
    if (pending && ((template !== undefined && pending.template === template) || mergeable(pending.event, event))) {
      pending.content += content;
      pending.merged = true;
      return '';
    }
    const released = this.release();
    this.pending = { event, template, text, content, merged: false };
    return released;
  }

  /**
   * The content of an event that is the template's event with another content, or undefined. Swapping one JSON
   * string for another leaves everything else as it was, so such an event is as plain as the template's.
   */
  private contentByTemplate(eventText: string): string | undefined {
    const template = this.template;
    if (
      !template ||
      eventText.length <= template.prefix.length + template.suffix.length ||
      !eventText.startsWith(template.prefix) ||
      !eventText.endsWith(template.suffix)
    ) {
      return undefined;
    }
    const literal = eventText.slice(template.prefix.length, eventText.length - template.suffix.length);
    if (literal.charCodeAt(0) !== QUOTE || literal.charCodeAt(literal.length - 1) !== QUOTE) return undefined;
    // Most tokens are plain words: a JSON string without an escape, a quote or a control character is its content.
    const inner = literal.slice(1, -1);
    if (!NEEDS_PARSING.test(inner)) return inner;
    try {
      const content: unknown = JSON.parse(literal);
      return typeof content === 'string' ? content : undefined;
    } catch {
      return undefined;
    }
  }
}

const QUOTE = 34;
/** What makes the text between a JSON string's quotes other than its value: an escape, a quote, a control character. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for.
const NEEDS_PARSING = /["\\\u0000-\u001f]/;

/** A plain text delta's text before and after its content's JSON string, and the event it was read from. */
type Template = { prefix: string; suffix: string; event: TextDeltaEvent };

/**
 * Where a plain text delta's content sits in its text, when it can be told for sure: its key and value written as
 * `JSON.stringify` writes them, once. Otherwise (spaces, other escapes) its deltas are read whole every time.
 */
function templateOf(eventText: string, event: TextDeltaEvent): Template | undefined {
  const needle = `"content":${JSON.stringify(event.choices[0].delta.content)}`;
  const at = eventText.indexOf(needle);
  if (at === -1 || eventText.indexOf(needle, at + 1) !== -1) return undefined;
  const valueAt = at + '"content":'.length;
  return { prefix: eventText.slice(0, valueAt), suffix: eventText.slice(at + needle.length), event };
}

/** `text`: whole events, each ending in a blank line. Returns them with runs of plain text deltas merged. */
export function mergeEvents(text: string): string {
  const merger = new EventMerger();
  return merger.take(text) + merger.release();
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
  if (!isRecord(event) || event.usage != null || !isArray(event.choices) || event.choices.length !== 1)
    return undefined;
  const choice: unknown = event.choices[0];
  if (!isRecord(choice) || !isRecord(choice.delta) || typeof choice.delta.content !== 'string') return undefined;
  // Plain loops rather than `Object.entries`: this runs for every token, and allocates nothing this way.
  for (const key in choice) {
    if (key !== 'index' && key !== 'delta' && choice[key] !== null) return undefined;
  }
  const delta = choice.delta;
  for (const key in delta) {
    if (key !== 'content' && !(key === 'role' && typeof delta[key] === 'string') && delta[key] !== null)
      return undefined;
  }
  for (const key in event) {
    const value = event[key];
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
  let firstCount = 0;
  for (const key in first) if (!IGNORED_FIELDS.has(key)) firstCount += 1;
  let nextCount = 0;
  for (const key in next) {
    if (IGNORED_FIELDS.has(key)) continue;
    if (key !== 'choices' && first[key] !== next[key]) return false;
    nextCount += 1;
  }
  return firstCount === nextCount;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !isArray(value);
}
