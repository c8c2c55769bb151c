import { limiterFor } from '@/lib/limits/limiter';
import { serverEnvironment } from '@/lib/models/model-access';
import { ApiError } from '@/lib/protocol/api-error';
import { errorResponse } from '@/lib/protocol/error-response';
import { parseJsonRequest } from '@/lib/protocol/read-json-body';
import { VOTE_LIMITS, voteRequestSchema, type VoteResponse } from '@/lib/protocol/vote';
import { recordVote } from '@/lib/store/votes';

// libSQL opens local `file:` databases through a native Node binding.
export const runtime = 'nodejs';

/**
 * Records a person's vote on a MoA-vs-single-model comparison: 201 `{ recorded: true }`, or 409 `already_voted`
 * when this browser already voted on it (the first vote stands). Only the body's fields are stored; nothing from
 * the request's headers (no IP address, no user agent).
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const body = await parseJsonRequest(request, voteRequestSchema, VOTE_LIMITS.bodyBytes);
    await limiterFor(serverEnvironment()).admitWrite(request.headers);

    if ((await recordVote(body)) === 'duplicate') {
      throw new ApiError('already_voted', 'This browser has already voted on this comparison; the first vote stands.');
    }
    const recorded: VoteResponse = { recorded: true };
    return Response.json(recorded, { status: 201, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
