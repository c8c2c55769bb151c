import { AGGREGATE_AND_SYNTHESIZE_PROMPT } from '@/lib/moa/prompt';
import { readChunks } from '@/tests/support/sse';
import type { BehaviorMap } from '@/tests/support/openai-control';
import { AGGREGATOR_PROFILE, PROPOSER_PROFILES, upstreamText, type ModelProfile } from '../load/upstream';

/**
 * The runs `npm run bench:cpu` measures: 3×6 MoAs (two layers of the six proposers, then the aggregator) over the
 * local OpenAI-compatible server, with the load benchmark's latencies (first byte 150–600 ms, 40–120 tokens/s)
 * and every answer `ANSWER_TOKENS` long.
 */
export const ANSWER_TOKENS = 300;
const NAMESPACE = 'cpu';
const MAX_OUTPUT_TOKENS = 1024;
const QUESTION = 'How should a small team choose between a monolith and microservices?';

const upstreamId = (profile: ModelProfile) => `${NAMESPACE}/${profile.name}`;
const layers = () => [PROPOSER_PROFILES, PROPOSER_PROFILES, [AGGREGATOR_PROFILE]];

/** Upstream tokens one run streams: every agent's answer. */
export const TOKENS_PER_RUN = layers().flat().length * ANSWER_TOKENS;

export function upstreamBehaviors(): BehaviorMap {
  const behaviors: BehaviorMap = {};
  for (const profile of [...PROPOSER_PROFILES, AGGREGATOR_PROFILE]) {
    behaviors[upstreamId(profile)] = {
      text: upstreamText(profile.name, ANSWER_TOKENS),
      firstByteMs: profile.firstByteMs,
      tokensPerSecond: profile.tokensPerSecond,
    };
  }
  return behaviors;
}

/** `SERVER_MODELS` for the route: the upstream models on the server's (fake) Together key, priced at nothing. */
export function serverModels(): string {
  return [...PROPOSER_PROFILES, AGGREGATOR_PROFILE].map((profile) => `together:${upstreamId(profile)}=0/0`).join(',');
}

const EXPECTED_ANSWER = upstreamText(AGGREGATOR_PROFILE.name, ANSWER_TOKENS);

/** One run through `POST /api/moa`, read to its end; throws unless it completed with the aggregator's text. */
export async function routeRun(baseUrl: string): Promise<void> {
  const agent = (profile: ModelProfile) => ({ model: `together:${upstreamId(profile)}`, maxOutputTokens: MAX_OUTPUT_TOKENS });
  const response = await fetch(`${baseUrl}/api/moa`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      messages: [{ role: 'user', content: QUESTION }],
      config: {
        layers: [{ agents: PROPOSER_PROFILES.map(agent) }, { agents: PROPOSER_PROFILES.map(agent) }],
        aggregator: agent(AGGREGATOR_PROFILE),
      },
    }),
  });
  if (response.status !== 200) throw new Error(`POST /api/moa answered ${response.status}: ${await response.text()}`);
  const { chunks } = await readChunks(response);
  const summary = chunks.findLast((chunk) => chunk.type === 'data-summary')?.data;
  const answer = chunks.filter((chunk) => chunk.type === 'text-delta').map((chunk) => chunk.delta).join('');
  if (summary?.status !== 'done' || answer !== EXPECTED_ANSWER) {
    throw new Error(`The run did not complete: summary ${JSON.stringify(summary)?.slice(0, 200)}`);
  }
}

/** One run through the floor server (`floor-server.mjs`), read to its end; throws unless every token came back. */
export async function floorRun(baseUrl: string): Promise<void> {
  const response = await fetch(`${baseUrl}/run`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      question: QUESTION,
      referencesPrompt: AGGREGATE_AND_SYNTHESIZE_PROMPT,
      layers: layers().map((profiles) => profiles.map(upstreamId)),
      maxTokens: MAX_OUTPUT_TOKENS,
    }),
  });
  const body = await response.text();
  const events = body.split('\n\n').filter((event) => event.startsWith('data: {')).length;
  if (response.status !== 200 || events !== TOKENS_PER_RUN) {
    throw new Error(`The floor run streamed ${events} tokens of ${TOKENS_PER_RUN} (HTTP ${response.status})`);
  }
}
