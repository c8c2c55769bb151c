import { describe, expect, it } from 'vitest';
import { setUpFuzzSuite } from '../support/fuzz-setup';
import { GET as getModels } from '@/app/api/models/route';
import { POST as postMoa } from '@/app/api/moa/route';
import { PROVIDERS } from '@/lib/models/providers';
import { moaRequestSchema, REQUEST_LIMITS } from '@/lib/protocol/moa-request';
import {
  byCategory,
  expected,
  malformedBodies,
  NOT_MODEL_IDS,
  raw,
  Rng,
  sendCases,
  UNAVAILABLE_MODELS,
  UNICODE_EDGES,
  type BodyModel,
  type JsonObject,
} from '../support/fuzz';
import { readChunks } from '../support/sse';

/**
 * Fuzzes the routes that need no storage, in both runtimes: `POST /api/moa` with a few thousand malformed bodies,
 * `GET /api/models` with malformed key headers and query strings. The libSQL routes are fuzzed in
 * `storage/fuzz.test.ts`.
 */

setUpFuzzSuite();

const conversation = [
  { role: 'system', content: 'Answer briefly.' },
  { role: 'user', content: 'Why is the sky blue?' },
  { role: 'assistant', content: 'Rayleigh scattering.' },
  { role: 'user', content: 'And why are sunsets red?' },
];
const agent = (model: string) => ({ model, temperature: 0.7, maxOutputTokens: 64, systemPrompt: 'Be precise.' });
const userOnly = (count: number) => Array.from({ length: count }, () => ({ role: 'user', content: 'Hi' }));

const presetBody: JsonObject = {
  messages: conversation,
  preset: 'simulated',
  seed: 7,
  compare: { model: 'simulator:qwen-72b', judge: true, judgeModel: 'simulator:judge' },
};
const configBody: JsonObject = {
  messages: [{ role: 'user', content: 'Why is the sky blue?' }],
  config: {
    layers: [{ agents: [agent('simulator:qwen-72b'), agent('simulator:dbrx')] }, { agents: [agent('simulator:qwen-72b')] }],
    aggregator: agent('simulator:qwen-110b'),
    straggler: { minResponses: 1, layerDeadlineMs: 1000 },
    agentTimeoutMs: 5000,
    maxRetries: 1,
  },
  seed: 0,
};

const moaModel: BodyModel = {
  route: { name: 'POST /api/moa', url: 'http://localhost/api/moa', maxBytes: REQUEST_LIMITS.bodyBytes, schema: moaRequestSchema },
  bases: [presetBody, configBody],
  outOfRange: {
    messages: [[], userOnly(REQUEST_LIMITS.messages + 1), [conversation[2]!], conversation.slice(0, 3), [conversation[0]!]],
    'messages.*.role': ['', 'User', 'USER', 'tool', 'function', 'developer', ' user', 'user\u0000'],
    'messages.*.content': ['', 'x'.repeat(REQUEST_LIMITS.messageChars + 1)],
    preset: ['', 'Simulated', 'moa lite', 'moa_lite', 'x'.repeat(65), '../simulated', 'simulated/', 'simulated\n'],
    seed: [-1, 2 ** 31, 1.5, 1e308, -1e308, raw('1e309'), raw('-1e309'), 2 ** 53 + 2, -(2 ** 31)],
    compare: [{ judgeModel: 'simulator:judge' }, { model: 'simulator:qwen-72b', extra: true }],
    'compare.judge': [false],
    'compare.model': NOT_MODEL_IDS,
    'compare.judgeModel': NOT_MODEL_IDS,
    'config.layers': [
      [],
      Array.from({ length: 5 }, () => ({ agents: [agent('simulator:qwen-72b')] })),
      // 4 × 7 proposers and the aggregator: 29 agents, over the 25 allowed.
      Array.from({ length: 4 }, () => ({ agents: Array.from({ length: 7 }, () => agent('simulator:qwen-72b')) })),
    ],
    'config.layers.*.agents': [[], Array.from({ length: 9 }, () => agent('simulator:qwen-72b'))],
    'config.layers.*.agents.*.model': NOT_MODEL_IDS,
    'config.aggregator.model': NOT_MODEL_IDS,
    'config.*.temperature': [-0.01, 2.01, -1, 1e308, -1e-300, raw('1e309'), raw('-1e309')],
    'config.layers.*.agents.*.temperature': [-0.01, 2.01, 1e308, raw('1e309')],
    'config.*.maxOutputTokens': [0, -1, 1.5, 4097, 1e308, 2 ** 53, raw('1e309'), raw('-0.5')],
    'config.layers.*.agents.*.maxOutputTokens': [0, 4097, 0.5],
    'config.*.systemPrompt': ['x'.repeat(8001)],
    'config.straggler.minResponses': [0, 9, 1.5, -1, 1e308],
    'config.straggler.layerDeadlineMs': [-1, 300_001, 0.5, 1e308],
    'config.agentTimeoutMs': [999, 0, raw('-0'), 300_001, 1000.5, 1e308],
    'config.maxRetries': [-1, 5, 0.5, 1e308, raw('1e309')],
  },
  // Past the schema, a body still fails when its preset or a model cannot be used here.
  semanticBreak: (body, rng) => {
    const config = body.config as JsonObject | undefined;
    if (config) {
      const aggregator = { ...(config.aggregator as JsonObject), model: rng.pick(UNAVAILABLE_MODELS) };
      return { body: { ...body, config: { ...config, aggregator } }, semantic: expected('unknown_model') };
    }
    const preset = rng.pick(['no-such-preset', 'moa', 'moa-lite', 'moa-gpt-4o', 'self-moa', 'local']);
    return { body: { ...body, preset }, semantic: expected('unknown_preset') };
  },
  wrongTypesPerPath: 8,
  combinations: 150,
  hugePaths: 3,
  deepPaths: 8,
};

const moaCases = [
  ...malformedBodies(moaModel, 0x6d6f61),
  {
    category: 'an out-of-range or malformed value',
    label: 'both preset and config',
    body: JSON.stringify({ ...configBody, preset: 'simulated' }),
  },
  // Valid by the schema, but naming what this server cannot run.
  ...UNAVAILABLE_MODELS.flatMap((model) => [
    {
      category: 'an unavailable model or preset',
      label: `compare.model ${model}`,
      body: JSON.stringify({ messages: conversation, preset: 'simulated', compare: { model } }),
      semantic: expected('unknown_model'),
    },
    {
      category: 'an unavailable model or preset',
      label: `compare.judgeModel ${model}`,
      body: JSON.stringify({ messages: conversation, compare: { judge: true, judgeModel: model } }),
      semantic: expected('unknown_model'),
    },
    {
      category: 'an unavailable model or preset',
      label: `a proposer ${model}`,
      body: JSON.stringify({ ...configBody, config: { layers: [{ agents: [{ model }] }], aggregator: { model: 'simulator:qwen-72b' } } }),
      semantic: expected('unknown_model'),
    },
  ]),
];

const sentByRoute = new Map<string, number>();
const count = (route: string, sent: number) => sentByRoute.set(route, (sentByRoute.get(route) ?? 0) + sent);

describe('POST /api/moa under a barrage of malformed bodies', () => {
  for (const [category, cases] of byCategory(moaCases)) {
    it(`answers each of the ${cases.length} bodies with ${category} with its 4xx JSON error, without a stack`, async () => {
      const { sent, problems } = await sendCases(moaModel.route, postMoa, cases);
      count('POST /api/moa', sent);
      expect(problems).toEqual([]);
      expect(sent).toBe(cases.length);
    }, 30_000);
  }
});

/** Whether the models route must take a `x-moa-key-*` value as a key: 1 to 512 printable ASCII characters. */
function isKey(value: string): boolean {
  const trimmed = value.trim();
  return trimmed.length > 0 && trimmed.length <= 512 && /^[\x21-\x7e]+$/.test(trimmed);
}

type ModelsCase = { label: string; query: string; keys: Record<string, string> };

function modelsCases(seed: number): ModelsCase[] {
  const rng = new Rng(seed);
  const keyed = PROVIDERS.filter((provider) => provider.keyEnv).map((provider) => provider.id);
  const printable = Array.from({ length: 0x7e - 0x21 + 1 }, (_, index) => String.fromCharCode(0x21 + index));
  const latin1 = Array.from({ length: 0xff - 0x80 + 1 }, (_, index) => String.fromCharCode(0x80 + index));
  const token = (length: number, alphabet: string[]) => Array.from({ length }, () => rng.pick(alphabet)).join('');
  const values = [
    '',
    ' ',
    'sk test key',
    'sk-\tkey',
    `sk-${'x'.repeat(510)}`,
    `sk-${'x'.repeat(509)}`,
    '  sk-padded-key-value  ',
    'sk-caf\u00e9-key',
    '\u00ff\u00fe',
    'sk-\u0001\u007f',
    '"quoted-key-value"',
    'Bearer sk-bearer-value',
    '../../etc/passwd',
    '__proto__',
  ];
  const cases: ModelsCase[] = [];
  for (const provider of keyed) {
    for (const value of values) cases.push({ label: `${provider}: ${JSON.stringify(value)}`, query: '', keys: { [provider]: value } });
  }
  for (let index = 0; index < 60; index += 1) {
    const keys: Record<string, string> = {};
    for (const provider of rng.sample(keyed, 1 + rng.int(3))) {
      const alphabet = rng.int(3) === 0 ? [...printable, ...latin1, ' '] : printable;
      keys[provider] = `fz-${token(8 + rng.int(rng.int(4) === 0 ? 600 : 60), alphabet)}`;
    }
    cases.push({ label: `random keys #${index + 1}`, query: '', keys });
  }
  const queries = [
    '?provider=../../etc/passwd',
    '?__proto__[polluted]=yes',
    '?constructor[prototype][polluted]=yes',
    '?a=%00&b=%ff&c=%ud800',
    `?q=${'x'.repeat(100_000)}`,
    '?models=%F0%9F%98%80',
    '?%E2%80%AE=1',
  ];
  for (const query of queries) cases.push({ label: `query ${query.slice(0, 40)}`, query, keys: {} });
  for (const name of ['unknown', '__proto__', 'constructor', 'simulator', 'ollama']) {
    cases.push({ label: `a key for ${name}`, query: '', keys: { [name]: 'sk-not-a-provider-key' } });
  }
  return cases;
}

const modelsCasesList = modelsCases(0x6d6f64);

describe('GET /api/models under malformed key headers and query strings', () => {
  it(`answers each of the ${modelsCasesList.length} requests with the catalog, ignoring what is not a key and echoing none`, async () => {
    const problems: string[] = [];
    for (const { label, query, keys } of modelsCasesList) {
      const headers = Object.fromEntries(Object.entries(keys).map(([provider, value]) => [`x-moa-key-${provider}`, value]));
      const response = await getModels(new Request(`http://localhost/api/models${query}`, { headers }));
      const text = await response.text();
      const found: string[] = [];
      if (response.status !== 200) found.push(`status ${response.status}`);
      if (/node_modules|\n\s+at\s/.test(text)) found.push('leaks a stack');
      let view: { providers?: { id: string; available: boolean }[]; presets?: unknown[] } = {};
      try {
        view = JSON.parse(text) as typeof view;
      } catch {
        found.push(`not JSON: ${text.slice(0, 80)}`);
      }
      for (const [provider, value] of Object.entries(keys)) {
        if (value.trim().length >= 6 && text.includes(value.trim())) found.push(`echoes the ${provider} key`);
        const listed = view.providers?.find((candidate) => candidate.id === provider);
        if (listed && PROVIDERS.find((candidate) => candidate.id === provider)?.keyEnv && listed.available !== isKey(value)) {
          found.push(`${provider} available: ${listed.available}`);
        }
      }
      if (!Array.isArray(view.presets) || view.presets.length === 0) found.push('no presets');
      if (found.length > 0) problems.push(`${label} → ${found.join('; ')}`);
    }
    count('GET /api/models', modelsCasesList.length);
    expect(problems).toEqual([]);
  }, 30_000);
});

describe('after the barrage the routes still work', () => {
  it('runs a simulated MoA to its summary', async () => {
    const response = await postMoa(
      new Request('http://localhost/api/moa', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ role: 'user', content: `Still there? ${UNICODE_EDGES.join(' ')}` }], preset: 'simulated' }),
      }),
    );
    expect(response.status).toBe(200);
    const { chunks } = await readChunks(response);
    expect(chunks.find((chunk) => chunk.type === 'data-summary')?.data).toMatchObject({ status: 'done', agents: { total: 13, done: 13 } });
    expect(chunks.at(-1)?.type).toBe('finish');
  });

  it('lists the simulated preset', async () => {
    const response = await getModels(new Request('http://localhost/api/models'));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ defaultPresetId: 'simulated' });
  });

  it('was sent a request per generated case', () => {
    expect(Object.fromEntries(sentByRoute)).toEqual({
      'POST /api/moa': moaCases.length,
      'GET /api/models': modelsCasesList.length,
    });
  });
});
