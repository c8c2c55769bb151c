import { applyOperation, limitStoreBatchSchema } from '@/lib/limits/loopback-store';
import { processLimitStore } from '@/lib/limits/process-store';
import { serverEnvironment } from '@/lib/models/model-access';
import { ApiError } from '@/lib/protocol/api-error';
import { errorResponse } from '@/lib/protocol/error-response';
import { parseJsonRequest } from '@/lib/protocol/read-json-body';
import { constantTimeEqual } from '@/lib/security/constant-time';

// The server's one in-process store lives in its Node realm; edge routes reach it here.
export const runtime = 'nodejs';

/**
 * Operations on this server's in-process limit store, for its own edge routes (`LoopbackLimitStore`), carried out in
 * order and answered with their results in that order. Answers only a caller holding the secret the server made at
 * startup; to anyone else it does not exist.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const secret = serverEnvironment().MOA_LIMITS_SECRET;
    const given = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
    if (!secret || !constantTimeEqual(given, secret)) throw new ApiError('not_found', 'Not found.');
    const { operations } = await parseJsonRequest(request, limitStoreBatchSchema, 64 * 1024);
    const store = processLimitStore();
    const results: unknown[] = [];
    for (const operation of operations) results.push((await applyOperation(store, operation)) ?? null);
    return Response.json(results, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
