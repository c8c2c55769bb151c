import { catalogView } from '@/lib/models/catalog-view';
import { modelAccessFor } from '@/lib/models/model-access';
import { errorResponse } from '@/lib/protocol/error-response';

// Reads the server's env and probes local model servers at request time.
export const dynamic = 'force-dynamic';

/** The models and presets this caller can use; keys sent with `x-moa-key-*` headers count for this call only. */
export async function GET(request: Request): Promise<Response> {
  try {
    // Nothing is spent here: a header that is not a key just leaves its provider unavailable.
    const view = catalogView(await modelAccessFor(request, undefined, { invalidKeys: 'ignore' }));
    // The answer depends on the request's key headers, which HTTP caches do not key on.
    return Response.json(view, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
