import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { POST as postJudgeRoute } from '@/app/api/judge/route';
import { POST as postShareRoute } from '@/app/api/shares/route';
import { simulatedSnapshot } from '../../support/share-fixtures';
import { useTemporaryDatabase } from './share-api';
import { postVote, validVote, voteRows } from './votes-api';

useTemporaryDatabase();
let snapshot: Awaited<ReturnType<typeof simulatedSnapshot>>;
// Made before the limits below are switched on: it runs a simulated MoA through the route.
beforeAll(async () => {
  snapshot = await simulatedSnapshot();
});

const CLIENT_HEADER = 'x-test-write-client';
let clientNumber = 0;
const newClient = () => `192.0.2.${++clientNumber}`;

beforeEach(() => {
  vi.stubEnv('RATE_LIMITS', 'on');
  vi.stubEnv('CLIENT_IP_HEADER', CLIENT_HEADER);
  vi.stubEnv('RATE_LIMIT_WRITES', '3');
  vi.stubEnv('RATE_LIMIT_SIMULATED_CALLS', '4');
});

function postShare(body: unknown, client: string) {
  return postShareRoute(
    new Request('http://localhost/api/shares', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CLIENT_HEADER]: client },
      body: JSON.stringify(body),
    }),
  );
}

describe('write budgets on /api/shares and /api/votes', () => {
  it('shares one budget of writes per client and refuses past it without storing anything', async () => {
    const client = newClient();
    expect((await postShare({ messages: snapshot.messages }, client)).status).toBe(201);
    expect((await postVote(await validVote(), { [CLIENT_HEADER]: client })).status).toBe(201);
    expect((await postVote(await validVote(), { [CLIENT_HEADER]: client })).status).toBe(201);
    const votesBefore = (await voteRows()).length;

    const refusedVote = await postVote(await validVote(), { [CLIENT_HEADER]: client });
    expect(refusedVote.status).toBe(429);
    expect(Number(refusedVote.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refusedVote.json()).toMatchObject({ code: 'rate_limited' });
    expect((await postShare({ messages: snapshot.messages }, client)).status).toBe(429);
    expect((await voteRows()).length).toBe(votesBefore);

    expect((await postVote(await validVote(), { [CLIENT_HEADER]: newClient() })).status).toBe(201);
  });
});

describe('model-call budgets on /api/judge', () => {
  it('charges a judgment as two model calls', async () => {
    const client = newClient();
    const judge = () =>
      postJudgeRoute(
        new Request('http://localhost/api/judge', {
          method: 'POST',
          headers: { 'content-type': 'application/json', [CLIENT_HEADER]: client },
          body: JSON.stringify({ question: 'Why?', moaAnswer: 'Because of Rayleigh scattering.', baselineAnswer: 'Because.' }),
        }),
      );
    expect((await judge()).status).toBe(200);
    expect((await judge()).status).toBe(200);
    const refused = await judge();
    expect(refused.status).toBe(429);
    expect((await refused.json()).message).toContain('the 4 model calls allowed with simulated models per hour');
  });
});
