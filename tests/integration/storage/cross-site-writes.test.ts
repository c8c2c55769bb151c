import { describe, expect, it } from 'vitest';
import { RUN_BOUNDS } from '@/lib/protocol/run-parts';
import { simulatedSnapshot } from '../../support/share-fixtures';
import { postShare, shareRowCount, useTemporaryDatabase } from './share-api';
import { postVote, validVote, voteRows } from './votes-api';

useTemporaryDatabase();

describe('writes from other websites', () => {
  it.each([
    ['an Origin of another site', { 'content-type': 'application/json', origin: 'https://evil.example' }],
    ['Sec-Fetch-Site: cross-site', { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }],
  ])('refuses a vote sent with %s, storing nothing', async (_case, headers) => {
    const before = (await voteRows()).length;
    const response = await postVote(await validVote(), headers);
    expect(response.status).toBe(403);
    expect((await response.json()).code).toBe('cross_site');
    expect(await voteRows()).toHaveLength(before);
  });

  it('refuses a vote sent as text/plain, which a page on any site can send without asking', async () => {
    const before = (await voteRows()).length;
    const response = await postVote(await validVote(), { 'content-type': 'text/plain; application/json' });
    expect(response.status).toBe(415);
    expect(await voteRows()).toHaveLength(before);
  });

  it('refuses a share from another site, and takes one from the site itself', async () => {
    const { messages } = await simulatedSnapshot();
    const before = await shareRowCount();
    const refused = await postShare({ messages }, { origin: 'https://evil.example', host: 'moa.example.com' });
    expect(refused.status).toBe(403);
    expect(await shareRowCount()).toBe(before);
    const own = await postShare({ messages }, { origin: 'https://moa.example.com', host: 'moa.example.com' });
    expect(own.status).toBe(201);
  });
});

describe('shared runs are bounded by what a run can hold', () => {
  it('refuses a run plan that lists more agents than a run can have, naming the field', async () => {
    const { messages } = await simulatedSnapshot();
    const assistant = messages.find((message) => message.role === 'assistant');
    if (assistant?.role !== 'assistant') throw new Error('the fixture has no run');
    const run = assistant.parts.find((part) => part.type === 'data-run');
    if (run?.type !== 'data-run') throw new Error('the fixture run has no plan');
    const agent = run.data.layers[0]!.agents[0]!;
    const crowded = (layers: number, perLayer: number) => ({
      ...run,
      data: {
        ...run.data,
        layers: Array.from({ length: layers }, (_, layer) => ({
          layer: layer + 1,
          agents: Array.from({ length: perLayer }, (_, index) => ({ ...agent, id: `L${layer + 1}.${index + 1}`, layer: layer + 1 })),
        })),
      },
    });
    const before = await shareRowCount();
    for (const [layers, perLayer] of [
      [1, 9_000],
      [RUN_BOUNDS.layers + 1, 1],
      [RUN_BOUNDS.layers, RUN_BOUNDS.agentsPerLayer],
    ]) {
      const parts = assistant.parts.map((part) => (part.type === 'data-run' ? crowded(layers!, perLayer!) : part));
      const response = await postShare({ messages: messages.map((message) => (message === assistant ? { ...assistant, parts } : message)) });
      expect(response.status).toBe(400);
      expect((await response.json()).field).toMatch(/^messages\.1\.parts\.\d+\.data\.layers/);
    }
    expect(await shareRowCount()).toBe(before);
  });
});
