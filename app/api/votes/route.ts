import { persistedComparisonKey } from '@/lib/comparison/persisted-secret';
import { verifyReceipt } from '@/lib/comparison/receipt';
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
 * Records a person's vote on a MoA-vs-single-model comparison this server ran: 201 `{ recorded: true }`; 400
 * `invalid_receipt` when the receipt is not this server's, was altered, has expired or names another comparison
 * (nothing is written); 409 `already_voted` when the comparison has a vote already, from anyone (the first one
 * stands). What was compared comes from the receipt; nothing from the request's headers is stored.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const body = await parseJsonRequest(request, voteRequestSchema, VOTE_LIMITS.bodyBytes);
    await limiterFor(serverEnvironment()).admitWrite(request.headers);
    const claims = await verifyReceipt(body.receipt, {
      key: await persistedComparisonKey(),
      now: Date.now(),
      comparisonId: body.comparisonId,
    });

    if ((await recordVote({ claims, vote: body.vote })) === 'duplicate') {
      throw new ApiError('already_voted', 'This comparison already has a vote; the first one stands.');
    }
    const recorded: VoteResponse = { recorded: true };
    return Response.json(recorded, { status: 201, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
