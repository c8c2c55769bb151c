import {
  EVAL_SHARE_LIMITS,
  createEvalShareRequestSchema,
  type CreateEvalShareResponse,
} from '@/lib/eval/share/eval-share';
import { limiterFor } from '@/lib/limits/limiter';
import { serverEnvironment } from '@/lib/models/model-access';
import { errorResponse } from '@/lib/protocol/error-response';
import { parseJsonRequest } from '@/lib/protocol/read-json-body';
import { createEvalShare } from '@/lib/store/eval-shares';

// libSQL opens local `file:` databases through a native Node binding.
export const runtime = 'nodejs';

/**
 * Shares an evaluation's report: stores its records and questions under a new unguessable id and answers 201 with
 * the id, the page's path and the delete token, which is shown this once.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const body = await parseJsonRequest(request, createEvalShareRequestSchema, EVAL_SHARE_LIMITS.bodyBytes);
    await limiterFor(serverEnvironment()).admitWrite(request.headers);

    const { id, deleteToken } = await createEvalShare(body);

    const created: CreateEvalShareResponse = { id, url: `/e/${id}`, deleteToken };
    return Response.json(created, {
      status: 201,
      headers: { 'Cache-Control': 'no-store', Location: `/api/eval-shares/${id}` },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
