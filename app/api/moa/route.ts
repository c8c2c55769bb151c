import { issueReceipt } from '@/lib/comparison/issue-receipt';
import { comparisonKey } from '@/lib/comparison/secret';
import { defaultJudgeModel } from '@/lib/judge/judge-model';
import { createJudge } from '@/lib/judge/run-judge';
import { limiterFor } from '@/lib/limits/limiter';
import { assertWithinUsageCaps, planRunUsage } from '@/lib/limits/usage';
import type { GetModel } from '@/lib/moa/model-handle';
import { runComparison } from '@/lib/moa/run-comparison';
import { runMoA } from '@/lib/moa/run-moa';
import { modelAccessFor, serverEnvironment } from '@/lib/models/model-access';
import { assertModelResolves, assertModelsResolve, resolveRunConfig } from '@/lib/models/resolve-run-config';
import { availableModels, createGetModel } from '@/lib/models/registry';
import { errorResponse } from '@/lib/protocol/error-response';
import { moaRequestSchema, REQUEST_LIMITS, type ComparisonMode } from '@/lib/protocol/moa-request';
import { parseJsonRequest } from '@/lib/protocol/read-json-body';
import { createMoaStreamResponse } from '@/lib/stream/moa-ui-stream';

// The user asked for the MoA layers to run at the edge. The engine uses web APIs only: deleting this line moves
// the route to Node unchanged (both runtimes are tested).
export const runtime = 'edge';
export const maxDuration = 300;

/**
 * Runs a Mixture-of-Agents on a conversation and streams its progress and answer (AI SDK UI message stream). With
 * `compare`, a single model answers the same conversation beside it in the same stream, optionally judged.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const body = await parseJsonRequest(request, moaRequestSchema, REQUEST_LIMITS.bodyBytes);

    const env = serverEnvironment();
    const access = await modelAccessFor(request, env);
    const { config, presetId } = resolveRunConfig(body, access);
    const getModel = createGetModel(access);
    assertModelsResolve(config, getModel, 'config');

    let comparison: (ReturnType<typeof comparisonPlan> & { receiptKey: CryptoKey }) | undefined;
    if (body.compare) {
      const plan = comparisonPlan(body.compare, config.aggregator.model, getModel, () =>
        availableModels(access).map((model) => model.id),
      );
      comparison = { ...plan, receiptKey: await comparisonKey() };
    }

    const usage = planRunUsage({ config, messages: body.messages, access, getModel, ...comparison });
    assertWithinUsageCaps(usage.usageClass, config, body.messages, body.config ? 'config' : undefined);
    const admission = await limiterFor(env).admitRun(request.headers, usage);

    const runId = crypto.randomUUID();
    return createMoaStreamResponse({
      runId,
      preset: presetId,
      comparisonMode: comparison?.mode,
      startedAt: Date.now(),
      requestSignal: request.signal,
      run: ({ onEvent, signal }) =>
        admission.metered<unknown>(onEvent, (meteredOnEvent) => {
          const moa = { config, messages: body.messages, getModel, onEvent: meteredOnEvent, signal, seed: body.seed };
          if (!comparison) return runMoA(moa);
          const { mode, receiptKey: key } = comparison;
          const judge = comparison.judgeModel
            ? createJudge(getModel(comparison.judgeModel), { seed: body.seed })
            : undefined;
          const question = body.messages.findLast((message) => message.role === 'user')?.content ?? '';
          return runComparison({
            ...moa,
            baseline: { model: comparison.baselineModel },
            judge,
            onSidesEnded: async (sides) => {
              const token = await issueReceipt({
                key, comparisonId: runId, mode, preset: presetId, config, getModel, question, ...sides, now: Date.now(),
              });
              if (token) meteredOnEvent({ type: 'receipt-issue', receipt: { token } });
            },
          });
        }),
    });
  } catch (error) {
    return errorResponse(error);
  }
}

/** The mode, the baseline model (default: the aggregator's) and the judge, if asked for, each checked to resolve. */
function comparisonPlan(
  compare: NonNullable<ReturnType<typeof moaRequestSchema.parse>['compare']>,
  aggregatorModel: string,
  getModel: GetModel,
  availableModelIds: () => string[],
): { mode: ComparisonMode; baselineModel: string; judgeModel?: string } {
  const baselineModel = compare.model ?? aggregatorModel;
  assertModelResolves(baselineModel, getModel, 'compare.model');
  if (!compare.judge) return { mode: compare.mode, baselineModel };
  const judgeModel = compare.judgeModel ?? defaultJudgeModel(availableModelIds());
  assertModelResolves(judgeModel, getModel, 'compare.judgeModel');
  return { mode: compare.mode, baselineModel, judgeModel };
}
