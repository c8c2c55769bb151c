import { beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { POST as answerPOST } from '@/app/api/eval/answer/route';
import { POST as gradePOST } from '@/app/api/eval/grade/route';
import { POST as judgePOST } from '@/app/api/judge/route';
import { POST as moaPOST } from '@/app/api/moa/route';
import { GET as modelsGET } from '@/app/api/models/route';
import { answerTurnSchema } from '@/lib/eval/run/eval-records';
import { EVAL_REQUEST_HEADER, evalGradeResponseSchema } from '@/lib/protocol/eval-api';
import { getRequests, setBehaviors } from '../support/openai-control';

/**
 * The routes an evaluation in the browser calls, through the real handlers and the local OpenAI-compatible server:
 * a single model answers with the conversation so far, a grade reads the reference, and no evaluation call spends
 * the server's own keys unless the operator allows it.
 */
const baseURL = inject('openaiBaseUrl');
const SERVER_MODEL = 'together:Qwen/Qwen2.5-72B-Instruct-Turbo';
const EVAL = { [EVAL_REQUEST_HEADER]: '1' };
const OWN_KEY = { 'x-moa-key-together': 'sk-own-key-for-evals' };

function post(handler: (request: Request) => Promise<Response>, path: string, body: unknown, headers: Record<string, string> = {}) {
  return handler(
    new Request(`http://localhost${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }),
  );
}

const conversation = [
  { role: 'user', content: 'Name a prime number above 10.' },
  { role: 'assistant', content: '11 is one.' },
  { role: 'user', content: 'Now one above 100.' },
];

beforeEach(() => {
  vi.stubEnv('LOCAL_MODELS', 'off');
  vi.stubEnv('RATE_LIMITS', 'off');
  vi.stubEnv('SIMULATOR_SPEED', '1000');
  vi.stubEnv('TOGETHER_API_KEY', 'sk-server-test-key');
  vi.stubEnv('TOGETHER_BASE_URL', baseURL);
  vi.stubEnv('EVAL_ON_SERVER_KEYS', '');
});

describe('POST /api/eval/answer', () => {
  it('answers the last turn with the whole conversation before it, and reports its times, tokens and cost', async () => {
    const model = 'together:eval-answer/single';
    await setBehaviors(baseURL, { 'eval-answer/single': { text: '101 is prime.' } });
    const response = await post(answerPOST, '/api/eval/answer', { messages: conversation, model, seed: 7 }, { ...EVAL, ...OWN_KEY });
    expect(response.status).toBe(200);
    const turn = answerTurnSchema.parse(await response.json());
    expect(turn).toMatchObject({ status: 'done', text: '101 is prime.' });
    expect(turn.totalMs).toBeGreaterThanOrEqual(0);
    expect(turn.outputTokens).toBeGreaterThan(0);
    const [upstream] = await getRequests(baseURL, 'eval-answer');
    expect(upstream?.messages.map((message) => [message.role, message.content])).toEqual(conversation.map((message) => [message.role, message.content]));
    expect(upstream?.temperature).toBe(0.7);
  });

  it('reports a model that failed as a failed turn, not as an error of the call', async () => {
    await setBehaviors(baseURL, { 'eval-answer/broken': { status: 400, errorMessage: 'bad model' } });
    const response = await post(answerPOST, '/api/eval/answer', { messages: conversation, model: 'together:eval-answer/broken' }, OWN_KEY);
    expect(response.status).toBe(200);
    expect(answerTurnSchema.parse(await response.json())).toMatchObject({ status: 'failed', error: { code: 'bad_request' } });
  });

  it('refuses the server’s own key unless the operator allows evaluations on it, before any upstream call', async () => {
    const before = (await getRequests(baseURL, 'Qwen')).length;
    const refused = await post(answerPOST, '/api/eval/answer', { messages: conversation, model: SERVER_MODEL }, EVAL);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'eval_not_allowed', field: 'model' });
    expect((await getRequests(baseURL, 'Qwen')).length).toBe(before);

    vi.stubEnv('EVAL_ON_SERVER_KEYS', 'on');
    const allowed = await post(answerPOST, '/api/eval/answer', { messages: conversation, model: SERVER_MODEL }, EVAL);
    expect(allowed.status).toBe(200);
    expect((await getRequests(baseURL, 'Qwen')).length).toBe(before + 1);
  });

  it('names the field of a bad body and takes only JSON', async () => {
    const endsWithAnswer = await post(answerPOST, '/api/eval/answer', { messages: conversation.slice(0, 2), model: 'simulator:gpt-4o' });
    expect(endsWithAnswer.status).toBe(400);
    expect(await endsWithAnswer.json()).toMatchObject({ code: 'invalid_request', field: 'messages' });
    const plain = await answerPOST(new Request('http://localhost/api/eval/answer', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' }));
    expect(plain.status).toBe(415);
  });
});

describe('POST /api/eval/grade', () => {
  it('grades with the simulated judge when nothing else is there', async () => {
    vi.stubEnv('TOGETHER_API_KEY', '');
    const response = await post(gradePOST, '/api/eval/grade', { earlierTurns: [], question: 'What is 2 + 2?', answer: '4', seed: 3 }, EVAL);
    expect(response.status).toBe(200);
    const grade = evalGradeResponseSchema.parse(await response.json());
    expect(grade).toMatchObject({ judgeModel: 'simulator:judge', simulated: true, costUsd: 0 });
    expect(grade.score).toBeGreaterThanOrEqual(1);
  });

  it('reads the earlier turns and the reference answer, and takes the rating line', async () => {
    await setBehaviors(baseURL, { 'eval-grade/judge': { text: 'Correct and complete.\nRating: 9' } });
    const body = {
      earlierTurns: [{ question: 'Name a prime above 10.', answer: '11.' }],
      question: 'Now one above 100.',
      answer: '101.',
      reference: 'REFERENCE-101',
      judgeModel: 'together:eval-grade/judge',
    };
    const response = await post(gradePOST, '/api/eval/grade', body, { ...EVAL, ...OWN_KEY });
    expect(await response.json()).toMatchObject({ score: 9, reason: 'Correct and complete.', simulated: false });
    const [upstream] = await getRequests(baseURL, 'eval-grade');
    const prompt = JSON.stringify(upstream?.messages);
    for (const text of ['Name a prime above 10.', '11.', 'Now one above 100.', 'REFERENCE-101']) expect(prompt).toContain(text);
  });

  it('refuses a judge on the server’s own key for evaluations, and an empty answer', async () => {
    const refused = await post(gradePOST, '/api/eval/grade', { earlierTurns: [], question: 'q', answer: 'a', judgeModel: SERVER_MODEL });
    expect(await refused.json()).toMatchObject({ code: 'eval_not_allowed', field: 'judgeModel' });
    const empty = await post(gradePOST, '/api/eval/grade', { earlierTurns: [], question: 'q', answer: '' });
    expect(await empty.json()).toMatchObject({ code: 'invalid_request', field: 'answer' });
  });
});

describe('evaluation calls through /api/moa and /api/judge', () => {
  const serverConfig = { layers: [{ agents: [{ model: SERVER_MODEL }] }], aggregator: { model: SERVER_MODEL } };

  it('are refused on the server’s own keys when they say they are an evaluation, and chats are not', async () => {
    const asEval = await post(moaPOST, '/api/moa', { messages: conversation, config: serverConfig }, EVAL);
    expect(asEval.status).toBe(403);
    expect(await asEval.json()).toMatchObject({ code: 'eval_not_allowed', field: 'config.layers.0.agents.0.model' });
    const chat = await post(moaPOST, '/api/moa', { messages: conversation, config: serverConfig });
    expect(chat.status).toBe(200);
    await chat.body?.cancel();

    const judged = await post(judgePOST, '/api/judge', { question: 'q', moaAnswer: 'a', baselineAnswer: 'b', judgeModel: SERVER_MODEL }, EVAL);
    expect(await judged.json()).toMatchObject({ code: 'eval_not_allowed', field: 'judgeModel' });
  });

  it('tell the page through /api/models whether evaluations may spend the server’s keys', async () => {
    const read = async () => (await (await modelsGET(new Request('http://localhost/api/models'))).json()).evalOnServerKeys;
    expect(await read()).toBe(false);
    vi.stubEnv('EVAL_ON_SERVER_KEYS', 'on');
    expect(await read()).toBe(true);
  });
});
