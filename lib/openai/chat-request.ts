import { z } from 'zod';
import { CAPS, moaConfigSchema } from '@/lib/protocol/moa-config';
import { REQUEST_LIMITS } from '@/lib/protocol/moa-request';

/**
 * The body of `POST /v1/chat/completions`, OpenAI's chat-completions format as far as a MoA can honour it. A
 * parameter the engine cannot honour (tools, several choices, images, JSON output, log probabilities, other
 * sampling settings) is refused naming it, never ignored; sent with its neutral value (`n: 1`, `top_p: 1`,
 * `logprobs: false`, …), which changes nothing, it is accepted, since many clients always send those.
 */

/** Limits of the request; beyond the byte limit it answers 413. */
export const CHAT_REQUEST_LIMITS = {
  bodyBytes: REQUEST_LIMITS.bodyBytes,
  modelChars: 64,
  userChars: 256,
  nameChars: 64,
  contentParts: 100,
} as const;


const textPartSchema = z.strictObject({ type: z.literal('text'), text: z.string() });

/** A content part the engine cannot read, and what to call it in the error. */
const UNSUPPORTED_PARTS: Record<string, string> = {
  image_url: 'images',
  input_audio: 'audio',
  file: 'files',
  refusal: 'refusal parts',
};

const contentSchema = z.union([z.string(), z.array(z.unknown()).max(CHAT_REQUEST_LIMITS.contentParts)]).nullish();

/** A message as OpenAI takes it; roles, tool fields and content parts a MoA cannot read are refused below, by name. */
const messageSchema = z.strictObject({
  role: z.string(),
  content: contentSchema,
  name: z.string().max(CHAT_REQUEST_LIMITS.nameChars).optional(),
  tool_calls: z.unknown().optional(),
  function_call: z.unknown().optional(),
  tool_call_id: z.unknown().optional(),
  refusal: z.string().nullish(),
  audio: z.unknown().optional(),
});

const neutral = <T extends z.ZodType>(schema: T) => schema.nullish();

const intOrNull = z.number().int().min(1).max(CAPS.maxOutputTokens).nullish();

export const chatRequestSchema = z
  .strictObject({
    model: z.string().min(1).max(CHAT_REQUEST_LIMITS.modelChars),
    messages: z.array(messageSchema).min(1).max(REQUEST_LIMITS.messages),
    temperature: z.number().min(0).max(2).nullish(),
    max_tokens: intOrNull,
    max_completion_tokens: intOrNull,
    stream: z.boolean().nullish(),
    stream_options: z.strictObject({ include_usage: z.boolean().optional() }).nullish(),
    seed: z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER).nullish(),
    user: z.string().max(CHAT_REQUEST_LIMITS.userChars).optional(),
    /** The MoA extension: a config of your own with `model: "moa"`, and progress chunks when streaming. */
    moa: z.strictObject({ config: moaConfigSchema.optional(), progress: z.boolean().optional() }).optional(),
    // Accepted at their neutral values only (checked below).
    n: neutral(z.number()),
    top_p: neutral(z.number()),
    frequency_penalty: neutral(z.number()),
    presence_penalty: neutral(z.number()),
    logprobs: neutral(z.boolean()),
    top_logprobs: neutral(z.number()),
    stop: neutral(z.union([z.string(), z.array(z.string())])),
    logit_bias: neutral(z.record(z.string(), z.number())),
    tools: neutral(z.array(z.unknown())),
    tool_choice: neutral(z.unknown()),
    parallel_tool_calls: neutral(z.boolean()),
    functions: neutral(z.array(z.unknown())),
    function_call: neutral(z.unknown()),
    response_format: neutral(z.looseObject({ type: z.string() })),
    modalities: neutral(z.array(z.string())),
    audio: neutral(z.unknown()),
    prediction: neutral(z.unknown()),
    reasoning_effort: neutral(z.unknown()),
    web_search_options: neutral(z.unknown()),
    store: neutral(z.boolean()),
    metadata: neutral(z.record(z.string(), z.string())),
    service_tier: neutral(z.string()),
  })
  .superRefine((body, context) => {
    const refuse = (path: (string | number)[], message: string, code: 'unsupported_parameter' | 'unsupported_value') =>
      context.addIssue({ code: 'custom', path, message, params: { openaiCode: code } });
    const unsupported = (name: keyof typeof body, what: string) =>
      refuse([name], `${what} is not supported: a Mixture-of-Agents answers in text and calls no tools.`, 'unsupported_parameter');
    const onlyValue = (name: keyof typeof body, allowed: (value: unknown) => boolean, what: string) => {
      if (body[name] !== undefined && body[name] !== null && !allowed(body[name])) refuse([name], what, 'unsupported_value');
    };

    onlyValue('n', (value) => value === 1, 'Only one choice (n: 1) is supported: a MoA run gives one answer.');
    onlyValue('top_p', (value) => value === 1, 'top_p is not supported: the agents sample with temperature only.');
    onlyValue('frequency_penalty', (value) => value === 0, 'frequency_penalty is not supported by a MoA.');
    onlyValue('presence_penalty', (value) => value === 0, 'presence_penalty is not supported by a MoA.');
    onlyValue('logprobs', (value) => value === false, 'logprobs are not supported: the answer is synthesized from several models.');
    if (body.top_logprobs !== undefined && body.top_logprobs !== null) {
      refuse(['top_logprobs'], 'top_logprobs is not supported: the answer is synthesized from several models.', 'unsupported_parameter');
    }
    onlyValue('stop', (value) => Array.isArray(value) && value.length === 0, 'Stop sequences are not supported by a MoA.');
    onlyValue('logit_bias', (value) => Object.keys(value as object).length === 0, 'logit_bias is not supported by a MoA.');
    if (body.tools && body.tools.length > 0) unsupported('tools', 'Tool calling');
    onlyValue('tool_choice', (value) => value === 'none', 'tool_choice other than "none" is not supported: a MoA calls no tools.');
    if (body.functions && body.functions.length > 0) unsupported('functions', 'Function calling');
    onlyValue('function_call', (value) => value === 'none', 'function_call other than "none" is not supported.');
    onlyValue('response_format', (value) => (value as { type: string }).type === 'text', 'Only response_format {"type": "text"} is supported.');
    onlyValue('modalities', (value) => (value as string[]).every((modality) => modality === 'text'), 'Only the text modality is supported.');
    for (const name of ['audio', 'prediction', 'reasoning_effort', 'web_search_options'] as const) {
      if (body[name] !== undefined && body[name] !== null) refuse([name], `${name} is not supported by a MoA.`, 'unsupported_parameter');
    }
    onlyValue('store', (value) => value === false, 'Stored completions are not supported.');
    onlyValue('service_tier', (value) => value === 'auto' || value === 'default', 'Only the default service tier is supported.');
    if (body.stream_options && body.stream !== true) {
      refuse(['stream_options'], 'stream_options is only allowed when stream is true.', 'unsupported_value');
    }
    if (body.max_tokens != null && body.max_completion_tokens != null && body.max_tokens !== body.max_completion_tokens) {
      refuse(['max_completion_tokens'], 'max_tokens and max_completion_tokens disagree; send one of them.', 'unsupported_value');
    }
    if (body.moa?.config && body.model !== 'moa') {
      refuse(['moa', 'config'], 'A config of your own runs as model "moa".', 'unsupported_value');
    }
    if (body.moa?.progress && body.stream !== true) {
      refuse(['moa', 'progress'], 'Progress chunks need stream: true.', 'unsupported_value');
    }

    for (const [index, message] of body.messages.entries()) checkMessage(message, index, refuse);
  });

export type ChatRequest = z.infer<typeof chatRequestSchema>;
type ChatMessage = z.infer<typeof messageSchema>;

/** Roles a MoA conversation holds; `developer` is OpenAI's newer name for the system role. */
const ROLES = new Set(['system', 'developer', 'user', 'assistant']);

function checkMessage(
  message: ChatMessage,
  index: number,
  refuse: (path: (string | number)[], message: string, code: 'unsupported_parameter' | 'unsupported_value') => void,
): void {
  const at = ['messages', index];
  if (!ROLES.has(message.role)) {
    const why = message.role === 'tool' || message.role === 'function' ? ': a MoA calls no tools' : '';
    refuse([...at, 'role'], `Messages with role "${message.role.slice(0, 32)}" are not supported${why}.`, 'unsupported_value');
    return;
  }
  for (const field of ['tool_calls', 'function_call', 'tool_call_id', 'audio'] as const) {
    if (message[field] !== undefined && message[field] !== null) {
      refuse([...at, field], `${field} is not supported: a MoA answers in text and calls no tools.`, 'unsupported_parameter');
    }
  }
  if (!Array.isArray(message.content)) return;
  for (const [partIndex, part] of message.content.entries()) {
    const type = typeof part === 'object' && part !== null && 'type' in part ? String(part.type) : undefined;
    const what = type === undefined ? undefined : UNSUPPORTED_PARTS[type];
    if (what) refuse([...at, 'content', partIndex], `${what[0]?.toUpperCase()}${what.slice(1)} are not supported: every agent of a MoA reads text only.`, 'unsupported_value');
    else if (!textPartSchema.safeParse(part).success) refuse([...at, 'content', partIndex], 'must be a text part: {"type": "text", "text": "…"}.', 'unsupported_value');
  }
}

/** A message's text: its string content, or its text parts joined by newlines. */
export function messageText(content: ChatMessage['content']): string {
  if (typeof content === 'string') return content;
  return (content ?? []).map((part) => textPartSchema.parse(part).text).join('\n');
}
