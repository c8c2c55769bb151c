import { describe, expect, inject, it } from 'vitest';
import { probeLocalModels } from '@/lib/models/local-probe';
import { setBehaviors } from '../support/openai-control';

const baseURL = inject('openaiBaseUrl');

describe('probeLocalModels', () => {
  it('adds the models of a configured OpenAI-compatible local server', async () => {
    const namespace = crypto.randomUUID();
    await setBehaviors(baseURL, { [`${namespace}/local-model`]: { text: 'hi' } });
    const models = await probeLocalModels({ VLLM_BASE_URL: baseURL, OLLAMA_BASE_URL: 'http://127.0.0.1:9' });
    expect(models.map((model) => model.id)).toContain(`vllm:${namespace}/local-model`);
    expect(models.every((model) => model.inputPricePerMillion === 0)).toBe(true);
  });

  it('is silent when nothing answers', async () => {
    expect(await probeLocalModels({ OLLAMA_BASE_URL: 'http://127.0.0.1:9' })).toEqual([]);
  });

  it('does not probe at all when LOCAL_MODELS is off', async () => {
    let calls = 0;
    const fetcher = (async () => {
      calls += 1;
      return new Response('{}');
    }) as unknown as typeof fetch;
    expect(await probeLocalModels({ LOCAL_MODELS: 'off' }, fetcher)).toEqual([]);
    expect(calls).toBe(0);
  });

  it('gives up on a server that does not answer within its time limit', async () => {
    const fetcher = ((_url: string, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      })) as unknown as typeof fetch;
    expect(await probeLocalModels({}, fetcher)).toEqual([]);
  });
});
