import { describe, expect, it } from 'vitest';
import { setUpFuzzSuite } from '../support/fuzz-setup';
import { POST } from '@/app/v1/chat/completions/route';
import { CHAT_REQUEST_LIMITS, chatRequestSchema, type ChatRequest } from '@/lib/openai/chat-request';
import { openAIErrorBodySchema } from '@/lib/openai/openai-error';
import { toMoaRequest } from '@/lib/openai/to-moa-request';
import { ApiError } from '@/lib/protocol/api-error';
import {
  buildRequest,
  byCategory,
  expectedAnswer,
  malformedBodies,
  NOT_MODEL_IDS,
  raw,
  UNAVAILABLE_MODELS,
  type BodyModel,
  type Expected,
  type FuzzCase,
  type JsonObject,
} from '../support/fuzz';

/**
 * Fuzzes `POST /v1/chat/completions` in both runtimes with a few thousand malformed bodies (the generator of
 * `tests/support/fuzz.ts`): each must get a 4xx in OpenAI's error shape, with the status the route's contract
 * gives it, and nothing internal in it. No body reaches a model.
 */

setUpFuzzSuite();

const agent = (model: string) => ({ model, temperature: 0.7, maxOutputTokens: 64, systemPrompt: 'Be precise.' });

const presetBody: JsonObject = {
  model: 'simulated',
  messages: [
    { role: 'developer', content: 'Answer briefly.' },
    { role: 'user', content: [{ type: 'text', text: 'Why is the sky blue?' }] },
    { role: 'assistant', content: 'Rayleigh scattering.', name: 'moa' },
    { role: 'user', content: 'And why are sunsets red?', name: 'someone' },
  ],
  temperature: 0.5,
  max_tokens: 100,
  seed: 7,
  user: 'end-user-1',
  n: 1,
  top_p: 1,
  stream: false,
};
const configBody: JsonObject = {
  model: 'moa',
  messages: [{ role: 'user', content: 'Why is the sky blue?' }],
  max_completion_tokens: 50,
  stream: true,
  stream_options: { include_usage: true },
  moa: {
    config: {
      layers: [{ agents: [agent('simulator:qwen-72b'), agent('simulator:dbrx')] }],
      aggregator: agent('simulator:qwen-110b'),
      maxRetries: 1,
    },
    progress: true,
  },
};

/** The status the route answers for a body its own schema accepts, decided by the conversion to a MoA request. */
function afterSchema(data: unknown): Expected | undefined {
  try {
    toMoaRequest(data as ChatRequest);
    return undefined;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { status: error.code === 'unknown_preset' ? 404 : error.status, code: error.code };
  }
}

const chatModel: BodyModel = {
  route: { name: 'POST /v1/chat/completions', url: 'http://localhost/v1/chat/completions', maxBytes: CHAT_REQUEST_LIMITS.bodyBytes, schema: chatRequestSchema, afterSchema },
  bases: [presetBody, configBody],
  outOfRange: {
    model: ['', 'x'.repeat(65), 'Simulated', 'moa lite', '../simulated'],
    messages: [[], Array.from({ length: 101 }, () => ({ role: 'user', content: 'Hi' })), [{ role: 'assistant', content: 'Hi' }]],
    'messages.*.role': ['', 'User', 'tool', 'function', ' user', 'user\u0000'],
    'messages.*.content': ['', 'x'.repeat(32_001), [], [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }], [{ type: 'text' }], [{ type: 'input_audio' }]],
    'messages.*.content.*.type': ['image_url', 'file', 'refusal', ''],
    'messages.*.name': ['x'.repeat(65)],
    temperature: [-0.01, 2.01, raw('1e309')],
    max_tokens: [0, 4097, 1.5, -1],
    max_completion_tokens: [0, 4097, 0.5],
    seed: [1.5, 2 ** 53 + 2, raw('1e309')],
    user: ['x'.repeat(257)],
    n: [2, 0],
    top_p: [0.5],
    stream_options: [{ include_usage: true, extra: 1 }],
    'stream_options.include_usage': ['yes'],
    'moa.progress': ['yes'],
    'moa.config.layers': [[]],
    'moa.config.aggregator.model': NOT_MODEL_IDS,
    'moa.config.maxRetries': [5, -1],
  },
  // Past the schema, a body still fails when its preset or a model cannot be used here.
  semanticBreak: (body, rng) => {
    const moa = body.moa as JsonObject | undefined;
    const config = moa?.config as JsonObject | undefined;
    if (moa && config) {
      const aggregator = { ...(config.aggregator as JsonObject), model: rng.pick(UNAVAILABLE_MODELS) };
      return { body: { ...body, moa: { ...moa, config: { ...config, aggregator } } }, semantic: { status: 400, code: 'unknown_model' } };
    }
    const model = rng.pick(['no-such-preset', 'moa', 'moa-lite', 'moa-gpt-4o', 'self-moa', 'local']);
    return { body: { ...body, model }, semantic: { status: 404, code: 'unknown_preset' } };
  },
  wrongTypesPerPath: 6,
  combinations: 120,
  hugePaths: 3,
  deepPaths: 8,
};

/** Parameters the engine cannot honour, each of which must be refused by name. */
const unsupported: [string, unknown][] = [
  ['tools', [{ type: 'function', function: { name: 'f', parameters: {} } }]],
  ['tool_choice', 'auto'],
  ['functions', [{ name: 'f' }]],
  ['function_call', 'auto'],
  ['response_format', { type: 'json_object' }],
  ['logprobs', true],
  ['top_logprobs', 2],
  ['stop', ['\n']],
  ['frequency_penalty', 0.5],
  ['presence_penalty', -1],
  ['logit_bias', { '50256': -100 }],
  ['modalities', ['text', 'audio']],
  ['audio', { voice: 'alloy', format: 'mp3' }],
  ['prediction', { type: 'content', content: 'x' }],
  ['store', true],
];

const cases: FuzzCase[] = [
  ...malformedBodies(chatModel, 0x6f6169),
  ...unsupported.map(([name, value]): FuzzCase => ({
    category: 'a parameter a MoA cannot honour',
    label: name,
    body: JSON.stringify({ ...presetBody, [name]: value }),
  })),
];

/** Everything wrong with an answer: not the expected 4xx, not OpenAI's error shape, or leaking internals. */
async function problemsOf(response: Response, want: Expected): Promise<string[]> {
  const problems: string[] = [];
  if (response.status !== want.status) problems.push(`status ${response.status}, expected ${want.status}`);
  const text = await response.text();
  if (/\n\s+at\s|node_modules|\.(?:ts|js|mjs):\d+|\b(?:TypeError|RangeError|SyntaxError|ZodError)\b/.test(text)) problems.push(`leaks: ${text.slice(0, 200)}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [...problems, `body is not JSON: ${text.slice(0, 80)}`];
  }
  const parsed = openAIErrorBodySchema.safeParse(body);
  if (!parsed.success) problems.push(`not OpenAI's error shape: ${text.slice(0, 200)}`);
  else if (parsed.data.error.message === '') problems.push('empty message');
  return problems;
}

async function send(fuzzCases: FuzzCase[]): Promise<{ sent: number; problems: string[] }> {
  const problems: string[] = [];
  let sent = 0;
  for (const fuzzCase of fuzzCases) {
    let request = buildRequest(chatModel.route.url, fuzzCase);
    let want: Expected;
    try {
      want = expectedAnswer(chatModel.route, fuzzCase, request);
    } catch {
      // OpenAI's format takes `null` for most optional parameters, so a "wrong type" may be a valid body: an
      // unknown key makes it one the route must refuse.
      const body = { ...(JSON.parse(fuzzCase.body as string) as JsonObject), fuzzUnknownKey: 1 };
      request = buildRequest(chatModel.route.url, { ...fuzzCase, body: JSON.stringify(body) });
      want = { status: 400, code: 'invalid_request' };
    }
    sent += 1;
    const found = await problemsOf(await POST(request), want);
    if (found.length > 0) problems.push(`${fuzzCase.category}: ${fuzzCase.label} → ${found.join('; ')}`);
    if (problems.length >= 25) break;
  }
  return { sent, problems };
}

describe('POST /v1/chat/completions under a barrage of malformed bodies', () => {
  for (const [category, group] of byCategory(cases)) {
    it(`answers each of the ${group.length} bodies with ${category} with an OpenAI-shaped 4xx, without a stack`, async () => {
      const { sent, problems } = await send(group);
      expect(problems).toEqual([]);
      expect(sent).toBe(group.length);
    }, 60_000);
  }
});
