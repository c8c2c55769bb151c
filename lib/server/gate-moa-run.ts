import 'server-only';
import { issueReceipt } from '@/lib/comparison/issue-receipt';
import { comparisonKey } from '@/lib/comparison/secret';
import { defaultJudgeModel } from '@/lib/judge/judge-model';
import { createJudge } from '@/lib/judge/run-judge';
import type { Admission } from '@/lib/limits/limiter';
import { limiterFor } from '@/lib/limits/limiter';
import { assertWithinUsageCaps, planRunUsage } from '@/lib/limits/usage';
import { withAggregatorSettings, type AggregatorSettings } from '@/lib/moa/aggregator-settings';
import { everyAgentPath, type MoaConfig } from '@/lib/protocol/moa-config';
import type { MoaEvent } from '@/lib/moa/events';
import type { GetModel } from '@/lib/moa/model-handle';
import { runComparison } from '@/lib/moa/run-comparison';
import { runMoA } from '@/lib/moa/run-moa';
import type { Environment } from '@/lib/models/local-probe';
import { modelAccessFor, serverEnvironment } from '@/lib/models/model-access';
import { assertModelResolves, assertModelsResolve, resolveRunConfig } from '@/lib/models/resolve-run-config';
import { availableModels, createGetModel, type ModelAccess } from '@/lib/models/registry';
import type { CompareRequest, ComparisonMode, MoaRequest } from '@/lib/protocol/moa-request';
import { assertEvalCallAllowed, isEvalRequest } from './gate-eval-call';

/** A run that passed the gate: what it runs, on which models, and the admission that meters its spend. */
export interface GatedRun {
  /** The run's id; a comparison's receipt names it as the comparison's. */
  runId: string;
  config: MoaConfig;
  presetId?: string;
  /** With a comparison: whether the page hides which answer is which until the vote. */
  comparisonMode?: ComparisonMode;
  getModel: GetModel;
  admission: Admission;
  /** Starts the MoA (or the comparison the request asked for), metered, on `signal`. */
  run(options: { onEvent: (event: MoaEvent) => void; signal: AbortSignal }): Promise<unknown>;
}

/**
 * The gate every MoA route goes through, in this order: the models the caller may use, the config (its own or a
 * preset), every model resolving (400 before anything is charged), the run's usage and its caps, then the
 * per-client budget and the spend reservation (429). Throws an `ApiError` for any refusal.
 */
export async function gateMoaRun(options: {
  request: Request;
  body: MoaRequest;
  env?: Environment;
  /** Default: what `modelAccessFor` allows this request. */
  access?: ModelAccess;
  /** The budget's identity when the caller proved who it is; default the client's address. */
  clientId?: string;
  /** For a route whose CORS policy admits other websites' pages (see `AdmitOptions`). */
  allowCrossSite?: boolean;
  /** Applied to the resolved config before its usage is planned, so the caps and the estimate see them. */
  aggregator?: AggregatorSettings;
}): Promise<GatedRun> {
  const { request, body } = options;
  const env = options.env ?? serverEnvironment();
  const access = options.access ?? (await modelAccessFor(request, env));
  const resolved = resolveRunConfig(body, access);
  const config = withAggregatorSettings(resolved.config, options.aggregator);
  const getModel = createGetModel(access);
  assertModelsResolve(config, getModel, 'config');
  if (isEvalRequest(request)) {
    const models = everyAgentPath(config).map(({ path, agent }) => ({ field: `config.${path}.model`, modelId: agent.model }));
    assertEvalCallAllowed(models, access);
  }

  const comparison = body.compare
    ? {
        ...comparisonPlan(body.compare, config.aggregator.model, getModel, () => availableModels(access).map((model) => model.id)),
        receiptKey: await comparisonKey(),
      }
    : undefined;

  const usage = planRunUsage({ config, messages: body.messages, access, getModel, ...comparison });
  assertWithinUsageCaps(usage.usageClass, config, body.messages, body.config ? 'config' : undefined);
  const admission = await limiterFor(env).admitRun(request.headers, usage, {
    clientId: options.clientId,
    allowCrossSite: options.allowCrossSite,
  });

  const runId = crypto.randomUUID();
  return {
    runId,
    config,
    presetId: resolved.presetId,
    comparisonMode: comparison?.mode,
    getModel,
    admission,
    run: ({ onEvent, signal }) =>
      admission.metered<unknown>(onEvent, (meteredOnEvent) => {
        const moa = { config, messages: body.messages, getModel, onEvent: meteredOnEvent, signal, seed: body.seed };
        if (!comparison) return runMoA(moa);
        const { mode, receiptKey: key } = comparison;
        const judge = comparison.judgeModel ? createJudge(getModel(comparison.judgeModel), { seed: body.seed }) : undefined;
        const question = body.messages.findLast((message) => message.role === 'user')?.content ?? '';
        return runComparison({
          ...moa,
          baseline: { model: comparison.baselineModel },
          judge,
          onSidesEnded: async (sides) => {
            const token = await issueReceipt({
              key, comparisonId: runId, mode, preset: resolved.presetId, config, getModel, question, ...sides, now: Date.now(),
            });
            if (token) meteredOnEvent({ type: 'receipt-issue', receipt: { token } });
          },
        });
      }),
  };
}

/** The mode, the baseline model (default: the aggregator's) and the judge, if asked for, each checked to resolve. */
function comparisonPlan(
  compare: CompareRequest,
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
