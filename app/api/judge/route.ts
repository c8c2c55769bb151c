import { persistedComparisonKey } from '@/lib/comparison/persisted-secret';
import { textHash, verifyReceipt } from '@/lib/comparison/receipt';
import { defaultJudgeModel } from '@/lib/judge/judge-model';
import { judgePair } from '@/lib/judge/run-judge';
import { limiterFor } from '@/lib/limits/limiter';
import { planJudgeUsage } from '@/lib/limits/usage';
import { classifyFailure } from '@/lib/moa/failure';
import { modelAccessFor, serverEnvironment } from '@/lib/models/model-access';
import { assertModelResolves } from '@/lib/models/resolve-run-config';
import { availableModels, createGetModel } from '@/lib/models/registry';
import { ApiError, upstreamError } from '@/lib/protocol/api-error';
import { errorResponse } from '@/lib/protocol/error-response';
import { JUDGE_LIMITS, judgeRequestSchema, type JudgeRequest, type JudgeResponse, type Judgment } from '@/lib/protocol/judge';
import { parseJsonRequest } from '@/lib/protocol/read-json-body';
import { assertEvalCallAllowed, isEvalRequest } from '@/lib/server/gate-eval-call';
import { recordJudgment } from '@/lib/store/judgments';

// The judging is edge-safe (`lib/judge`), but the judgment is stored in libSQL, whose `file:` databases need Node.
export const runtime = 'nodejs';
export const maxDuration = 120;

/**
 * Judges a MoA answer against a single model's answer to the same question: a judge model reads the pair in both
 * orders and the two readings are combined into `moa`, `baseline`, `tie` or `inconsistent`. With the receipt of a
 * comparison this server ran, covering exactly these texts, the first verdict on it is stored (without any text)
 * for the statistics; any other verdict is answered and not stored (`counted: false`). A receipt that is not valid,
 * or that covers other texts, is 400 `invalid_receipt` before anything is judged. Keys sent with `x-moa-key-*`
 * count for this call only, as on `/api/moa`.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const body = await parseJsonRequest(request, judgeRequestSchema, JUDGE_LIMITS.bodyBytes);
    const claims = body.receipt === undefined ? undefined : await coveredClaims(body);

    const env = serverEnvironment();
    const access = await modelAccessFor(request, env);
    const getModel = createGetModel(access);
    const judgeModel = body.judgeModel ?? defaultJudgeModel(availableModels(access).map((model) => model.id));
    assertModelResolves(judgeModel, getModel, 'judgeModel');
    if (isEvalRequest(request)) assertEvalCallAllowed([{ field: 'judgeModel', modelId: judgeModel }], access);
    const admission = await limiterFor(env).admitRun(
      request.headers,
      planJudgeUsage({ judgeModel, texts: [body.question, body.moaAnswer, body.baselineAnswer], access, getModel }),
    );

    let judgment: Judgment;
    try {
      judgment = await judgePair(
        getModel(judgeModel),
        { question: body.question, moaAnswer: body.moaAnswer, baselineAnswer: body.baselineAnswer },
        { signal: request.signal, seed: body.seed },
      );
    } catch (error) {
      throw upstreamError('The judge model', [classifyFailure(error, Date.now()).error]);
    } finally {
      // The judge reports no cost of its own: its estimate stays counted as spent.
      await admission.settle(0);
    }

    const counted = claims ? await recordJudgment({ claims, judgment }) : false;
    const response: JudgeResponse = { ...judgment, counted };
    return Response.json(response, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

/** The receipt's claims, once it is checked to be this server's and to cover exactly the texts to judge. */
async function coveredClaims(body: JudgeRequest) {
  const claims = await verifyReceipt(body.receipt, { key: await persistedComparisonKey(), now: Date.now() });
  const [question, moaAnswer, baselineAnswer] = await Promise.all(
    [body.question, body.moaAnswer, body.baselineAnswer].map(textHash),
  );
  if (question !== claims.questionHash || moaAnswer !== claims.moa.answerHash || baselineAnswer !== claims.baseline.answerHash) {
    throw new ApiError(
      'invalid_receipt',
      'The comparison receipt covers another question or other answers than the ones sent; nothing was judged.',
      'receipt',
    );
  }
  return claims;
}
