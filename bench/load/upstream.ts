import type { MoaRequestInput } from '@/lib/protocol/moa-request';
import { mixSeed, mulberry32 } from '@/lib/random';
import type { BehaviorMap } from '@/tests/support/openai-control';

/** How one upstream model answers on the local OpenAI-compatible server (a token there is one word). */
export type ModelProfile = { name: string; firstByteMs: number; tokensPerSecond: number; answerTokens: number };

/**
 * The six proposers, used in both proposer layers as in the paper's 3-layer MoA: from a fast small model to a slow
 * large one. Hosted models answer in this range: first byte 150–600 ms, 40–120 tokens/s, a few hundred tokens.
 */
export const PROPOSER_PROFILES: readonly ModelProfile[] = [
  { name: 'p1', firstByteMs: 150, tokensPerSecond: 120, answerTokens: 320 },
  { name: 'p2', firstByteMs: 220, tokensPerSecond: 100, answerTokens: 260 },
  { name: 'p3', firstByteMs: 300, tokensPerSecond: 85, answerTokens: 300 },
  { name: 'p4', firstByteMs: 380, tokensPerSecond: 70, answerTokens: 220 },
  { name: 'p5', firstByteMs: 470, tokensPerSecond: 55, answerTokens: 240 },
  { name: 'p6', firstByteMs: 600, tokensPerSecond: 40, answerTokens: 200 },
];
export const AGGREGATOR_PROFILE: ModelProfile = { name: 'agg', firstByteMs: 250, tokensPerSecond: 75, answerTokens: 350 };

/** Each run gets its own copy of every model with first byte and tokens/s scaled by a factor in [1 − x, 1 + x]. */
export const RUN_VARIATION = 0.2;
const SEED = 20_261_127;
const NAMESPACE = 'load';
const MAX_OUTPUT_TOKENS = 1024;

const WORDS = [
  'the', 'team', 'service', 'latency', 'budget', 'deploy', 'schema', 'request', 'cache', 'model', 'layer', 'answer',
  'tradeoff', 'simple', 'measure', 'first', 'because', 'when', 'should', 'usually', 'data', 'risk', 'cost', 'scale',
  'monolith', 'boundary', 'module', 'test', 'release', 'owner', 'clear', 'small', 'often', 'then', 'with', 'and',
];

/** `tokens` words of deterministic prose in sentences and paragraphs, the same for the same name. */
export function upstreamText(name: string, tokens: number): string {
  const random = mulberry32(mixSeed(SEED, name));
  const pick = () => WORDS[Math.floor(random() * WORDS.length)] as string;
  let text = '';
  let sentenceLength = 0;
  let sentences = 0;
  for (let word = 0; word < tokens; word += 1) {
    const first = sentenceLength === 0;
    const next = pick();
    text += first ? next[0]?.toUpperCase() + next.slice(1) : next;
    sentenceLength += 1;
    const last = word === tokens - 1;
    if (last || sentenceLength >= 8 + Math.floor(random() * 9)) {
      sentences += 1;
      sentenceLength = 0;
      text += last ? '.' : sentences % 4 === 0 ? '.\n\n' : '. ';
    } else {
      text += ' ';
    }
  }
  return text;
}

/** The upstream model id of `profile` in run `run`, as the test server knows it. */
function upstreamModelId(run: number, profile: ModelProfile): string {
  return `${NAMESPACE}/r${run}-${profile.name}`;
}

/** Behaviours of every model of runs `0` to `runs - 1` on the local OpenAI-compatible server. */
export function upstreamBehaviors(runs: number): BehaviorMap {
  const behaviors: BehaviorMap = {};
  for (let run = 0; run < runs; run += 1) {
    for (const profile of [...PROPOSER_PROFILES, AGGREGATOR_PROFILE]) {
      const modelId = upstreamModelId(run, profile);
      const random = mulberry32(mixSeed(SEED, modelId));
      const vary = () => 1 - RUN_VARIATION + 2 * RUN_VARIATION * random();
      behaviors[modelId] = {
        text: upstreamText(profile.name, profile.answerTokens),
        firstByteMs: Math.round(profile.firstByteMs * vary()),
        tokensPerSecond: Math.round(profile.tokensPerSecond * vary()),
      };
    }
  }
  return behaviors;
}

/** The answer a run must end with: the aggregator's upstream text, unchanged. */
export const EXPECTED_ANSWER = upstreamText(AGGREGATOR_PROFILE.name, AGGREGATOR_PROFILE.answerTokens);

/** The question of run `run`. */
export function runQuestion(run: number): string {
  return `Load run ${run}: how should a small team choose between a monolith and microservices?`;
}

/** Body of `POST /api/moa` for run `run`: two layers of the six proposers, then the aggregator, over Together. */
export function runRequest(run: number): MoaRequestInput {
  const agent = (profile: ModelProfile) => ({
    model: `together:${upstreamModelId(run, profile)}`,
    maxOutputTokens: MAX_OUTPUT_TOKENS,
  });
  const layer = () => ({ agents: PROPOSER_PROFILES.map(agent) });
  return {
    messages: [{ role: 'user', content: runQuestion(run) }],
    config: { layers: [layer(), layer()], aggregator: agent(AGGREGATOR_PROFILE) },
  };
}
