import { errorResponse } from '@/lib/protocol/error-response';
import { moaRequestSchema, REQUEST_LIMITS } from '@/lib/protocol/moa-request';
import { parseJsonRequest } from '@/lib/protocol/read-json-body';
import { gateMoaRun } from '@/lib/server/gate-moa-run';
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
    const gated = await gateMoaRun({ request, body });
    return createMoaStreamResponse({
      runId: gated.runId,
      preset: gated.presetId,
      comparisonMode: gated.comparisonMode,
      startedAt: Date.now(),
      requestSignal: request.signal,
      run: gated.run,
    });
  } catch (error) {
    return errorResponse(error);
  }
}
