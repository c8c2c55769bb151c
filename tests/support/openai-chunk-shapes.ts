/**
 * A streamed chat completion as OpenAI's API sends it with `stream_options: { include_usage: true }`: the role
 * chunk, a content chunk, the finish chunk, the usage chunk. Ids, times and numbers are made up; the keys and the
 * types of their values are what clients parse, and what `shapeOf` compares.
 */
const identity = { id: 'chatcmpl-Ax0', object: 'chat.completion.chunk', created: 1_733_150_000, model: 'gpt-4o-mini-2024-07-18', service_tier: 'default', system_fingerprint: 'fp_0aa8d3e20b' };
const choice = (delta: Record<string, unknown>, finishReason: string | null) => ({ index: 0, delta, logprobs: null, finish_reason: finishReason });

export const OPENAI_STREAM = {
  role: { ...identity, choices: [choice({ role: 'assistant', content: '', refusal: null }, null)], usage: null, obfuscation: 'x1' },
  content: { ...identity, choices: [choice({ content: 'Hello' }, null)], usage: null, obfuscation: 'x2' },
  finish: { ...identity, choices: [choice({}, 'stop')], usage: null, obfuscation: 'x3' },
  usage: {
    ...identity,
    choices: [],
    usage: {
      prompt_tokens: 9,
      completion_tokens: 2,
      total_tokens: 11,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    },
    obfuscation: 'x4',
  },
} as const;

/** Keys OpenAI may send that a compatible server may leave out (all optional in the `openai` package's types). */
export const OPTIONAL_KEYS = new Set(['service_tier', 'system_fingerprint', 'obfuscation', 'refusal', 'prompt_tokens_details', 'completion_tokens_details']);

/** The skeleton of a JSON value: its type, and for objects and arrays the skeletons inside. */
export function shapeOf(value: unknown, ignore: ReadonlySet<string> = new Set()): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.map((item) => shapeOf(item, ignore));
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !ignore.has(key))
        .sort(([left], [right]) => left.localeCompare(right))
        .map(([key, inner]) => [key, shapeOf(inner, ignore)]),
    );
  }
  return typeof value;
}
