import { runMoA } from '@/lib/moa/run-moa';
import { modelAccessFor } from '@/lib/models/model-access';
import { assertModelsResolve, resolveRunConfig } from '@/lib/models/resolve-run-config';
import { createGetModel } from '@/lib/models/registry';
import { ApiError, fromZodError } from '@/lib/protocol/api-error';
import { errorResponse } from '@/lib/protocol/error-response';
import { moaRequestSchema, REQUEST_LIMITS } from '@/lib/protocol/moa-request';
import { readJsonBody } from '@/lib/protocol/read-json-body';
import { createMoaStreamResponse } from '@/lib/stream/moa-ui-stream';

// The user asked for the MoA layers to run at the edge. The engine uses web APIs only: deleting this line moves
// the route to Node unchanged (both runtimes are tested).
export const runtime = 'edge';
export const maxDuration = 300;

/** Runs a Mixture-of-Agents on a conversation and streams its progress and answer (AI SDK UI message stream). */
export async function POST(request: Request): Promise<Response> {
  try {
    const contentType = request.headers.get('content-type');
    if (contentType && !contentType.includes('application/json')) {
      throw new ApiError('unsupported_media_type', 'Send the body as application/json.');
    }
    const parsed = moaRequestSchema.safeParse(await readJsonBody(request, REQUEST_LIMITS.bodyBytes));
    if (!parsed.success) throw fromZodError(parsed.error);
    const body = parsed.data;

    const access = await modelAccessFor(request);
    const { config, presetId } = resolveRunConfig(body, access);
    const getModel = createGetModel(access);
    assertModelsResolve(config, getModel, 'config');

    return createMoaStreamResponse({
      runId: crypto.randomUUID(),
      preset: presetId,
      startedAt: Date.now(),
      requestSignal: request.signal,
      run: ({ onEvent, signal }) =>
        runMoA({ config, messages: body.messages, getModel, onEvent, signal, seed: body.seed }),
    });
  } catch (error) {
    return errorResponse(error);
  }
}
