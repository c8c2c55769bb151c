import { SINGLE_MODEL_SAMPLING } from '@/lib/eval/run/contestant';
import { modelTurn } from '@/lib/eval/run/in-process-backend';
import { limiterFor } from '@/lib/limits/limiter';
import { planSingleModelUsage } from '@/lib/limits/usage';
import { systemClock } from '@/lib/moa/clock';
import { modelAccessFor, serverEnvironment } from '@/lib/models/model-access';
import { assertModelResolves } from '@/lib/models/resolve-run-config';
import { createGetModel } from '@/lib/models/registry';
import { errorResponse } from '@/lib/protocol/error-response';
import { evalAnswerRequestSchema } from '@/lib/protocol/eval-api';
import { REQUEST_LIMITS } from '@/lib/protocol/moa-request';
import { parseJsonRequest } from '@/lib/protocol/read-json-body';
import { assertEvalCallAllowed } from '@/lib/server/gate-eval-call';

export const runtime = 'nodejs';
export const maxDuration = 120;

/**
 * One model answers a conversation's last turn alone, as an evaluation's single-model contestant does on the command
 * line: the same sampling, timeout and retries, and the answer's times, usage and cost as a JSON `AnswerTurn`. A
 * model that failed is a 200 with `status: "failed"` (it is a result); a call that could not be made is an error.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const body = await parseJsonRequest(request, evalAnswerRequestSchema, REQUEST_LIMITS.bodyBytes);
    const env = serverEnvironment();
    const access = await modelAccessFor(request, env);
    const getModel = createGetModel(access);
    assertModelResolves(body.model, getModel, 'model');
    assertEvalCallAllowed([{ field: 'model', modelId: body.model }], access);
    const spec = { model: body.model, ...SINGLE_MODEL_SAMPLING };
    const usage = planSingleModelUsage({ model: body.model, maxOutputTokens: spec.maxOutputTokens, messages: body.messages, access, getModel });
    const admission = await limiterFor(env).admitRun(request.headers, usage);
    const turn = await admission.metered(ignoreEvent, (emit) =>
      modelTurn({ getModel, clock: systemClock, messages: body.messages, seed: body.seed ?? 0, signal: request.signal, spec, emit }),
    );
    return Response.json(turn, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

const ignoreEvent = () => undefined;
