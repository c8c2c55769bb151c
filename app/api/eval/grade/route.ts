import { gradeAnswer } from '@/lib/judge/grade-answer';
import { defaultJudgeModel } from '@/lib/judge/judge-model';
import { limiterFor } from '@/lib/limits/limiter';
import { planJudgeUsage } from '@/lib/limits/usage';
import { classifyFailure } from '@/lib/moa/failure';
import { modelAccessFor, serverEnvironment } from '@/lib/models/model-access';
import { assertModelResolves } from '@/lib/models/resolve-run-config';
import { availableModels, createGetModel } from '@/lib/models/registry';
import { upstreamError } from '@/lib/protocol/api-error';
import { errorResponse } from '@/lib/protocol/error-response';
import { evalGradeRequestSchema, type EvalGradeResponse } from '@/lib/protocol/eval-api';
import { JUDGE_LIMITS } from '@/lib/protocol/judge';
import { parseJsonRequest } from '@/lib/protocol/read-json-body';
import { assertEvalCallAllowed } from '@/lib/server/gate-eval-call';

export const runtime = 'nodejs';
export const maxDuration = 120;

/**
 * Grades one answer 1–10, MT-Bench style (reference-guided when a reference is sent), for an evaluation in the
 * browser. The grade is answered, never stored: evaluations do not count in `/stats`.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const body = await parseJsonRequest(request, evalGradeRequestSchema, JUDGE_LIMITS.bodyBytes);
    const env = serverEnvironment();
    const access = await modelAccessFor(request, env);
    const getModel = createGetModel(access);
    const judgeModel = body.judgeModel ?? defaultJudgeModel(availableModels(access).map((model) => model.id));
    assertModelResolves(judgeModel, getModel, 'judgeModel');
    assertEvalCallAllowed([{ field: 'judgeModel', modelId: judgeModel }], access);
    const texts = [...body.earlierTurns.flatMap((turn) => [turn.question, turn.answer]), body.question, body.answer, body.reference ?? ''];
    const admission = await limiterFor(env).admitRun(request.headers, planJudgeUsage({ judgeModel, texts, access, getModel, readings: 1 }));
    const handle = getModel(judgeModel);
    try {
      const grade = await gradeAnswer(
        handle,
        { earlierTurns: body.earlierTurns, question: body.question, answer: body.answer, reference: body.reference },
        { signal: request.signal, seed: body.seed },
      );
      const response: EvalGradeResponse = { ...grade, judgeModel, simulated: handle.info.simulated };
      return Response.json(response, { headers: { 'Cache-Control': 'no-store' } });
    } catch (error) {
      throw upstreamError('The judge model', [classifyFailure(error, Date.now()).error]);
    } finally {
      // The grade's estimate stays counted as spent, as a judgment's does.
      await admission.settle(0);
    }
  } catch (error) {
    return errorResponse(error);
  }
}
