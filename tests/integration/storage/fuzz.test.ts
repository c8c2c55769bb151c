import { beforeAll, describe, expect, it } from 'vitest';
import { setUpFuzzSuite } from '../../support/fuzz-setup';
import { POST as postJudge } from '@/app/api/judge/route';
import { DELETE as deleteShareRoute, GET as getShareRoute } from '@/app/api/shares/[id]/route';
import { POST as postShareRoute } from '@/app/api/shares/route';
import { POST as postVoteRoute } from '@/app/api/votes/route';
import { JUDGE_LIMITS, judgeRequestSchema, judgeResponseSchema } from '@/lib/protocol/judge';
import { REQUEST_LIMITS } from '@/lib/protocol/moa-request';
import { createShareRequestSchema, SHARE_LIMITS, type CreateShareResponse } from '@/lib/protocol/share';
import { RECEIPT_LIMITS } from '@/lib/protocol/comparison-receipt';
import { VOTE_LIMITS, voteRequestSchema } from '@/lib/protocol/vote';
import { getDatabase } from '@/lib/store/database';
import {
  byCategory,
  errorAnswerProblems,
  expected,
  malformedBodies,
  NOT_MODEL_IDS,
  raw,
  Rng,
  sendCases,
  UNAVAILABLE_MODELS,
  UNICODE_EDGES,
  type BodyModel,
  type Expected,
  type FuzzCase,
  type JsonObject,
} from '../../support/fuzz';
import { deleteShareResponse, getShareResponse, postShare, shareRowCount, useTemporaryDatabase } from './share-api';
import { postVote, validVote, voteRows } from './votes-api';

/**
 * Fuzzes the routes that store in libSQL (Node only): `POST /api/shares`, `GET`/`DELETE /api/shares/<id>`,
 * `POST /api/votes` and `POST /api/judge`, with a few thousand malformed requests. `/api/moa` and `/api/models`
 * are fuzzed in both runtimes by `../fuzz.test.ts`.
 */

useTemporaryDatabase();
setUpFuzzSuite();

const sentByRoute = new Map<string, number>();
const count = (route: string, sent: number) => sentByRoute.set(route, (sentByRoute.get(route) ?? 0) + sent);

// --- POST /api/shares -------------------------------------------------------------------------------------------

const agentInfo = {
  id: 'L1.1',
  layer: 1,
  role: 'proposer',
  model: 'simulator:qwen-72b',
  displayName: 'Qwen1.5-72B',
  provider: 'Simulator',
  simulated: true,
};
const shareBody: JsonObject = {
  messages: [
    { role: 'user', text: 'Why is the sky blue?' },
    {
      role: 'assistant',
      parts: [
        {
          type: 'data-run',
          id: 'run',
          data: {
            runId: 'run-1',
            preset: 'simulated',
            simulated: true,
            startedAt: 1_700_000_000_000,
            layers: [
              { layer: 1, agents: [agentInfo] },
              { layer: 2, agents: [{ ...agentInfo, id: 'L2.1', layer: 2, role: 'aggregator' }] },
            ],
            baseline: { ...agentInfo, id: 'baseline', role: 'baseline' },
          },
        },
        {
          type: 'data-agent',
          id: 'L1.1',
          data: {
            id: 'L1.1',
            layer: 1,
            role: 'proposer',
            model: 'simulator:qwen-72b',
            status: 'done',
            attempt: 1,
            text: 'Rayleigh scattering.',
            usage: { inputTokens: 10, outputTokens: 5 },
            cost: 0.001,
            timings: { startMs: 0, firstTokenMs: 100, endMs: 500, durationMs: 500, timeToFirstTokenMs: 100, tokensPerSecond: 12.5 },
            finishReason: 'stop',
          },
        },
        {
          type: 'data-agent',
          id: 'baseline',
          data: {
            id: 'baseline',
            layer: 1,
            role: 'baseline',
            model: 'simulator:qwen-72b',
            status: 'failed',
            attempt: 2,
            error: { code: 'rate_limited', message: 'Slow down.', statusCode: 429 },
          },
        },
        {
          type: 'data-layer',
          id: 'layer-1',
          data: { layer: 1, status: 'done', startMs: 0, endMs: 500, succeeded: 1, failed: 0, cut: 0, slowestKeptMs: 500 },
        },
        { type: 'text', text: 'Because blue light scatters the most.' },
        {
          type: 'data-summary',
          id: 'summary',
          data: {
            status: 'done',
            wallTimeMs: 900,
            criticalPathMs: 900,
            firstTokenMs: 100,
            answerFirstTokenMs: 600,
            usage: { inputTokens: 20, outputTokens: 10 },
            cost: 0.002,
            agents: { total: 2, done: 2, failed: 0, cut: 0 },
            layers: [{ layer: 1, status: 'done', startMs: 0, succeeded: 1, failed: 0, cut: 0 }],
          },
        },
        {
          type: 'data-judge',
          id: 'judge',
          data: {
            status: 'done',
            judgeModel: 'simulator:judge',
            simulated: true,
            verdict: 'moa',
            reason: 'Better in both orders.',
            orders: [
              { moaPosition: 'A', verdict: 'A', preferred: 'moa', reason: 'A explains it.' },
              { moaPosition: 'B', verdict: 'B', preferred: 'moa', reason: 'B explains it.' },
            ],
            moaScore: 1,
          },
        },
      ],
      comparison: { revealed: true, vote: 'moa' },
    },
  ],
};

const userTurns = (count: number) => Array.from({ length: count }, () => ({ role: 'user', text: 'Hi' }));
const data = (field: string) => `messages.*.parts.*.data.${field}`;

const shareModel: BodyModel = {
  route: {
    name: 'POST /api/shares',
    url: 'http://localhost/api/shares',
    maxBytes: SHARE_LIMITS.bodyBytes,
    schema: createShareRequestSchema,
    // A conversation the schema accepts is still refused when it takes over 1 MB as stored.
    afterSchema: (parsed) => {
      const stored = JSON.stringify({ version: 1, ...(parsed as object) });
      return new TextEncoder().encode(stored).byteLength > SHARE_LIMITS.snapshotBytes ? expected('payload_too_large') : undefined;
    },
  },
  bases: [shareBody],
  outOfRange: {
    messages: [[], userTurns(SHARE_LIMITS.messages + 1)],
    'messages.*.role': ['', 'system', 'User', 'tool'],
    'messages.*.text': ['', 'x'.repeat(REQUEST_LIMITS.messageChars + 1)],
    'messages.*.parts': [Array.from({ length: SHARE_LIMITS.partsPerMessage + 1 }, () => ({ type: 'text', text: 'x' }))],
    'messages.*.parts.*.type': ['', 'data-agent-delta', 'Text', 'data-unknown', 'reasoning', 'data-run '],
    'messages.*.parts.*.id': ['x'.repeat(65)],
    'messages.*.parts.*.text': ['x'.repeat(REQUEST_LIMITS.messageChars * 4 + 1)],
    'messages.*.comparison.vote': ['maybe', '', 'MOA'],
    [data('status')]: ['', 'asleep', 'DONE'],
    [data('layer')]: [0, -1, 1.5, raw('1e309')],
    [data('attempt')]: [0, -1, 1.5],
    [data('cost')]: [-0.01, raw('1e309'), -1e308],
    [data('usage.inputTokens')]: [-1, 1.5],
    [data('usage.outputTokens')]: [-1, 0.5, raw('-1e309')],
    [data('moaScore')]: [1.01, -0.01, raw('1e309')],
    [data('orders.*.moaPosition')]: ['C', 'a'],
    [data('error.code')]: ['nope', 'RATE_LIMITED'],
    [data('error.statusCode')]: [429.5],
    [data('agents.total')]: [1.5],
    [data('wallTimeMs')]: [raw('1e309'), raw('-1e309')],
    [data('layers.*.layer')]: [0, 1.5],
    [data('layers.*.agents.*.role')]: ['judge', ''],
  },
  wrongTypesPerPath: 4,
  combinations: 200,
  hugePaths: 3,
  deepPaths: 10,
};
const shareCases = malformedBodies(shareModel, 0x736861);

describe('POST /api/shares under a barrage of malformed bodies', () => {
  let rowsBefore: number;
  beforeAll(async () => {
    rowsBefore = await shareRowCount();
  });

  for (const [category, cases] of byCategory(shareCases)) {
    it(`answers each of the ${cases.length} bodies with ${category} with its 4xx JSON error, without a stack`, async () => {
      const { sent, problems } = await sendCases(shareModel.route, postShareRoute, cases);
      count('POST /api/shares', sent);
      expect(problems).toEqual([]);
      expect(sent).toBe(cases.length);
    }, 30_000);
  }

  it('has stored none of them', async () => {
    expect(await shareRowCount()).toBe(rowsBefore);
  });
});

// --- GET and DELETE /api/shares/<id> ----------------------------------------------------------------------------

describe('GET and DELETE /api/shares/<id> under malformed ids and tokens', () => {
  let live: CreateShareResponse;
  let other: CreateShareResponse;
  let deleted: CreateShareResponse;
  beforeAll(async () => {
    const create = async () => (await (await postShare({ messages: [{ role: 'user', text: 'Keep me.' }] })).json()) as CreateShareResponse;
    [live, other, deleted] = [await create(), await create(), await create()];
    expect((await deleteShareResponse(deleted.id, deleted.deleteToken)).status).toBe(204);
  });

  /** Strings that are not share ids (22 base64url characters), many of them near one. */
  function malformedIds(valid: string): string[] {
    const rng = new Rng(0x696473);
    const paths = [
      '', ' ', '.', '..', '/', '//', '../etc/passwd', '..\\..\\windows', 'a/b', '..%2f..%2f', '%2e%2e', '%00', '\u0000', '?', '#',
      '~', 'C:\\Windows', 'file:///etc/passwd', "' OR '1'='1", "A'; DROP TABLE shares; --", '*', '%', '_', 'null', 'undefined',
      '__proto__', 'constructor', 'prototype', 'x'.repeat(100_000),
    ];
    const near = [
      `${valid}/`, `/${valid}`, `${valid}/..`, `../${valid}`, `${valid}%00`, `${valid}\u0000`, ` ${valid}`, `${valid} `, `${valid}\n`,
      `${valid}?x=1`, `${valid}#x`, valid.slice(1), valid.slice(0, -1), `${valid}A`, `${valid}${valid}`, encodeURIComponent(`${valid}/`),
      ...['+', '/', '=', '.', '~', ' ', '\u00e9', '😀', '\ud800', '\u202e', '\u0000', '%'].map((char) => `${valid.slice(0, 11)}${char}${valid.slice(12)}`),
    ];
    const alphabet = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', '/', '.', '%', '\\', ' ', '\u0000', '😀', '\ud800'];
    const random = Array.from({ length: 120 }, () => Array.from({ length: rng.int(45) }, () => rng.pick(alphabet)).join(''));
    // Well-formed ids no share has: read from the database and found missing.
    const base64url = alphabet.slice(0, 64);
    const unknown = Array.from({ length: 30 }, () => Array.from({ length: 22 }, () => rng.pick(base64url)).join(''));
    return [...paths, ...UNICODE_EDGES, ...near, ...random, ...unknown];
  }

  function request(id: string, init: RequestInit = {}): [Request, { params: Promise<{ id: string }> }] {
    return [new Request(`http://localhost/api/shares/${encodeURIComponent(id.toWellFormed())}`, init), { params: Promise.resolve({ id }) }];
  }

  async function check(response: Response, want: Expected, label: string, problems: string[]) {
    const found = await errorAnswerProblems(response, want);
    if (found.length > 0) problems.push(`${label} → ${found.join('; ')}`);
  }

  it('answers GET of every malformed or unknown id with 404 not_found, and of a deleted share with 404 deleted', async () => {
    const ids = malformedIds(live.id).filter((id) => id !== live.id && id !== other.id && id !== deleted.id);
    const problems: string[] = [];
    for (const id of ids) await check(await getShareRoute(...request(id)), expected('not_found'), `GET ${JSON.stringify(id.slice(0, 40))}`, problems);
    await check(await getShareRoute(...request(deleted.id)), expected('deleted'), 'GET the deleted share', problems);
    count('GET /api/shares/<id>', ids.length + 1);
    expect(problems).toEqual([]);
  }, 30_000);

  it('answers DELETE of every malformed or unknown id with 404 not_found, whatever the token', async () => {
    const ids = [...malformedIds(live.id).filter((id) => id !== live.id && id !== other.id), deleted.id];
    const tokens = [undefined, live.deleteToken, deleted.deleteToken, 'A'.repeat(43)];
    const problems: string[] = [];
    for (const [index, id] of ids.entries()) {
      const token = tokens[index % tokens.length];
      const init: RequestInit = { method: 'DELETE', headers: token === undefined ? {} : { authorization: `Bearer ${token}` } };
      await check(await deleteShareRoute(...request(id, init)), expected('not_found'), `DELETE ${JSON.stringify(id.slice(0, 40))}`, problems);
    }
    count('DELETE /api/shares/<id>', ids.length);
    expect(problems).toEqual([]);
  }, 30_000);

  it('answers DELETE of a live share with 403 forbidden for every wrong, malformed or missing token, and keeps it', async () => {
    const rng = new Rng(0x746f6b);
    const token = live.deleteToken;
    const printable = Array.from({ length: 0x7e - 0x21 + 1 }, (_, index) => String.fromCharCode(0x21 + index));
    // None of these can read as `Bearer <the token>`: the real token only ever comes altered or without the scheme.
    const authorizations: (string | undefined)[] = [
      undefined, '', 'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', `Bearer ${'A'.repeat(43)}`, `Bearer ${other.deleteToken}`,
      `Bearer ${deleted.deleteToken}`, `Bearer ${token.slice(0, -1)}`, `Bearer ${token}x`, `Bearer x${token}`, `Bearer ${token} extra`,
      `Bearer ${token.slice(0, 21)} ${token.slice(21)}`, `Token ${token}`, token, `${token} Bearer`, `Bearer ../../etc/passwd`,
      `Bearer ${'x'.repeat(10_000)}`, 'Bearer caf\u00e9', 'Bearer \u00ff\u00fe', `Bearer ${token.slice(0, 11)}\u00e9${token.slice(12)}`,
      'Bearer __proto__', 'Bearer null', 'Bearer undefined',
      ...Array.from({ length: 80 }, () => `Bearer ${Array.from({ length: 1 + rng.int(60) }, () => rng.pick(printable)).join('')}`),
    ];
    const problems: string[] = [];
    for (const authorization of authorizations) {
      const init: RequestInit = { method: 'DELETE', headers: authorization === undefined ? {} : { authorization } };
      await check(await deleteShareRoute(...request(live.id, init)), expected('forbidden'), `DELETE with ${JSON.stringify(authorization?.slice(0, 40))}`, problems);
    }
    count('DELETE /api/shares/<id>', authorizations.length);
    expect(problems).toEqual([]);
    expect((await getShareResponse(live.id)).status).toBe(200);
  }, 30_000);
});

// --- POST /api/votes --------------------------------------------------------------------------------------------

/** The vote already cast in this database: any valid vote on this comparison gets 409. */
const castVote = await validVote({ claims: { comparisonId: '6f1d3b2a-0c4e-4d7a-9b8e-1f2a3b4c5d6e' } });
const voteBody: JsonObject = { comparisonId: castVote.comparisonId, receipt: castVote.receipt, vote: castVote.vote };

const voteModel: BodyModel = {
  route: { name: 'POST /api/votes', url: 'http://localhost/api/votes', maxBytes: VOTE_LIMITS.bodyBytes, schema: voteRequestSchema },
  bases: [voteBody],
  outOfRange: {
    comparisonId: [
      '', 'run-1', 'not-a-uuid', '6f1d3b2a0c4e4d7a9b8e1f2a3b4c5d6e', '6f1d3b2a-0c4e-4d7a-9b8e-1f2a3b4c5d6', '{6f1d3b2a-0c4e-4d7a-9b8e-1f2a3b4c5d6e}',
      'zzzzzzzz-zzzz-4zzz-9zzz-zzzzzzzzzzzz', '6f1d3b2a-0c4e-4d7a-9b8e-1f2a3b4c5d6e ', '../6f1d3b2a-0c4e-4d7a-9b8e-1f2a3b4c5d6e',
    ],
    receipt: ['', 'no-dot', 'a.b.c', '.', 'has spaces.in it', `${'x'.repeat(RECEIPT_LIMITS.tokenChars)}.y`],
    vote: ['', 'maybe', 'MOA', 'both bad', 'both_bad', 'a', 'b'],
  },
  // Past the schema, a vote on the comparison that already has one gets 409.
  semanticBreak: (body, rng) => ({
    body: {
      ...body,
      receipt: castVote.receipt,
      comparisonId: rng.int(2) === 0 ? castVote.comparisonId : castVote.comparisonId.toUpperCase(),
    },
    semantic: expected('already_voted'),
  }),
  combinations: 200,
  hugePaths: 3,
  deepPaths: 10,
};
const voteCases = malformedBodies(voteModel, 0x766f74);

describe('POST /api/votes under a barrage of malformed bodies', () => {
  beforeAll(async () => {
    expect((await postVote(voteBody)).status).toBe(201);
  });

  for (const [category, cases] of byCategory(voteCases)) {
    it(`answers each of the ${cases.length} bodies with ${category} with its 4xx JSON error, without a stack`, async () => {
      const { sent, problems } = await sendCases(voteModel.route, postVoteRoute, cases);
      count('POST /api/votes', sent);
      expect(problems).toEqual([]);
      expect(sent).toBe(cases.length);
    }, 30_000);
  }

  it('has stored none of them: the one vote cast before stands alone', async () => {
    expect((await voteRows()).map((row) => [row.comparison_id, row.vote])).toEqual([[castVote.comparisonId, 'moa']]);
  });
});

// --- POST /api/judge --------------------------------------------------------------------------------------------

const judgeBody: JsonObject = {
  question: 'Why is the sky blue?',
  moaAnswer: 'Sunlight scatters off air molecules, and blue light scatters the most.',
  baselineAnswer: 'Because it reflects the ocean.',
  judgeModel: 'simulator:judge',
};

const judgeModel: BodyModel = {
  route: { name: 'POST /api/judge', url: 'http://localhost/api/judge', maxBytes: JUDGE_LIMITS.bodyBytes, schema: judgeRequestSchema },
  bases: [judgeBody],
  outOfRange: {
    question: ['', 'x'.repeat(JUDGE_LIMITS.questionChars + 1)],
    moaAnswer: ['', 'x'.repeat(JUDGE_LIMITS.answerChars + 1)],
    // zod counts code points: one 4-byte character over the limit.
    baselineAnswer: ['', '😀'.repeat(JUDGE_LIMITS.answerChars + 1)],
    judgeModel: NOT_MODEL_IDS,
    receipt: ['', 'no-dot', 'a.b.c'],
  },
  // Past the schema, a judge model this server cannot use gets 400 before anything is judged or stored.
  semanticBreak: (body, rng) => ({ body: { ...body, judgeModel: rng.pick(UNAVAILABLE_MODELS) }, semantic: expected('unknown_model') }),
  combinations: 200,
  hugePaths: 3,
  deepPaths: 8,
};
const judgeCases: FuzzCase[] = [
  ...malformedBodies(judgeModel, 0x6a7564),
  ...UNAVAILABLE_MODELS.map((model) => ({
    category: 'an unavailable judge model',
    label: model,
    body: JSON.stringify({ ...judgeBody, judgeModel: model }),
    semantic: expected('unknown_model'),
  })),
];

async function judgmentCount(): Promise<number> {
  const { rows } = await (await getDatabase()).execute('SELECT count(*) AS count FROM comparison_judgments');
  return Number(rows[0]?.count);
}

describe('POST /api/judge under a barrage of malformed bodies', () => {
  for (const [category, cases] of byCategory(judgeCases)) {
    it(`answers each of the ${cases.length} bodies with ${category} with its 4xx JSON error, without a stack`, async () => {
      const { sent, problems } = await sendCases(judgeModel.route, postJudge, cases);
      count('POST /api/judge', sent);
      expect(problems).toEqual([]);
      expect(sent).toBe(cases.length);
    }, 30_000);
  }

  it('has stored no judgment', async () => {
    expect(await judgmentCount()).toBe(0);
  });
});

// --- Still up ---------------------------------------------------------------------------------------------------

describe('after the barrage the routes still work', () => {
  it('creates a share, reads it back and deletes it with its token', async () => {
    const messages = [{ role: 'user', text: `Still there? ${UNICODE_EDGES.join(' ')}` }];
    const created = await postShare({ messages });
    expect(created.status).toBe(201);
    const { id, deleteToken } = (await created.json()) as CreateShareResponse;
    const read = await getShareResponse(id);
    expect(read.status).toBe(200);
    expect(((await read.json()) as { snapshot: unknown }).snapshot).toEqual({ version: 1, messages });
    expect((await deleteShareResponse(id, deleteToken)).status).toBe(204);
    expect((await getShareResponse(id)).status).toBe(404);
  });

  it('records a new vote', async () => {
    const response = await postVote(await validVote());
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ recorded: true });
  });

  it('judges a pair with the simulated judge, and stores nothing for texts no receipt covers', async () => {
    const response = await postJudge(
      new Request('http://localhost/api/judge', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(judgeBody) }),
    );
    expect(response.status).toBe(200);
    expect(judgeResponseSchema.parse(await response.json())).toMatchObject({ judgeModel: 'simulator:judge', simulated: true, counted: false });
    expect(await judgmentCount()).toBe(0);
  });

  it('was sent a request per generated case', () => {
    expect(sentByRoute.get('POST /api/shares')).toBe(shareCases.length);
    expect(sentByRoute.get('POST /api/votes')).toBe(voteCases.length);
    expect(sentByRoute.get('POST /api/judge')).toBe(judgeCases.length);
    expect(sentByRoute.get('GET /api/shares/<id>')).toBeGreaterThan(200);
    expect(sentByRoute.get('DELETE /api/shares/<id>')).toBeGreaterThan(300);
  });
});
