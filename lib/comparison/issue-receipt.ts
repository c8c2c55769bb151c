import { everyAgent, type MoaConfig } from '@/lib/protocol/moa-config';
import type { GetModel } from '@/lib/moa/model-handle';
import type { RunOutcome } from '@/lib/moa/run-moa';
import type { ReceiptClaims } from '@/lib/protocol/comparison-receipt';
import type { ComparisonMode } from '@/lib/protocol/moa-request';
import type { AgentPart } from '@/lib/protocol/run-parts';
import { signReceipt, textHash } from './receipt';

export interface IssueReceiptOptions {
  key: CryptoKey;
  comparisonId: string;
  mode: ComparisonMode;
  preset?: string;
  config: MoaConfig;
  getModel: GetModel;
  /** The conversation's last user message: the question both sides answered. */
  question: string;
  moa: RunOutcome;
  baseline: AgentPart;
  now: number;
  /** Draws the blind order; a fair coin from Web Crypto unless a test gives one. */
  coin?: () => boolean;
}

function fairCoin(): boolean {
  return ((crypto.getRandomValues(new Uint8Array(1))[0] ?? 0) & 1) === 1;
}

/**
 * Signs what the server measured of a comparison whose two sides both answered; undefined when either did not
 * (there is nothing to vote on). The blind order is drawn here, from Web Crypto: nothing the page shows before the
 * receipt arrives (the run id, the texts, the timings) says where the MoA answer will stand.
 */
export async function issueReceipt(options: IssueReceiptOptions): Promise<string | undefined> {
  const { moa, baseline } = options;
  if (moa.status !== 'done' || baseline.status !== 'done' || baseline.text === undefined) return undefined;
  const moaModels = everyAgent(options.config).map((agent) => agent.model);
  const tokens = (usage: { inputTokens: number; outputTokens: number } | undefined) =>
    usage ? usage.inputTokens + usage.outputTokens : 0;
  const [questionHash, moaHash, baselineHash] = await Promise.all([
    textHash(options.question),
    textHash(moa.answer),
    textHash(baseline.text),
  ]);
  const claims: ReceiptClaims = {
    version: 1,
    comparisonId: options.comparisonId,
    issuedAt: options.now,
    mode: options.mode,
    moaLabel: (options.coin ?? fairCoin)() ? 'A' : 'B',
    ...(options.preset ? { preset: options.preset } : {}),
    moaModels,
    baselineModel: baseline.model,
    simulated: [...moaModels, baseline.model].some((model) => options.getModel(model).info.simulated),
    questionLength: options.question.length,
    questionHash,
    moa: {
      timeMs: moa.summary.wallTimeMs,
      ...(moa.summary.answerFirstTokenMs !== undefined ? { timeToFirstTokenMs: moa.summary.answerFirstTokenMs } : {}),
      tokens: tokens(moa.summary.usage),
      cost: moa.summary.cost,
      answerHash: moaHash,
    },
    baseline: {
      timeMs: baseline.timings?.durationMs ?? 0,
      ...(baseline.timings?.timeToFirstTokenMs !== undefined ? { timeToFirstTokenMs: baseline.timings.timeToFirstTokenMs } : {}),
      tokens: tokens(baseline.usage),
      cost: baseline.cost ?? 0,
      answerHash: baselineHash,
    },
  };
  return signReceipt(claims, options.key);
}
