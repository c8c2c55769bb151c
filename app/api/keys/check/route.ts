import { limiterFor } from '@/lib/limits/limiter';
import { readByoKeys } from '@/lib/models/byo-keys';
import { checkProviderKey } from '@/lib/models/check-key';
import { serverEnvironment } from '@/lib/models/model-access';
import { findProvider } from '@/lib/models/providers';
import { ApiError } from '@/lib/protocol/api-error';
import { errorResponse } from '@/lib/protocol/error-response';
import { keyCheckRequestSchema, type KeyCheckResponse } from '@/lib/protocol/key-check';
import { parseJsonRequest } from '@/lib/protocol/read-json-body';

export const runtime = 'nodejs';

/**
 * Checks the key the caller sends for one provider (`x-moa-key-<provider>`) with one free call to that provider,
 * and says what it answered. Counted as a write (same-site only, the write budget), so the route cannot be used to
 * probe providers in bulk; the key is neither stored, logged nor echoed.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const body = await parseJsonRequest(request, keyCheckRequestSchema, 1024);
    const provider = findProvider(body.provider);
    if (!provider?.keyEnv) throw new ApiError('invalid_request', `provider: "${body.provider}" takes no key`, 'provider');
    const key = readByoKeys(request.headers)[provider.id];
    if (!key) throw new ApiError('invalid_request', `Send the key to check as x-moa-key-${provider.id}.`, `x-moa-key-${provider.id}`);
    const env = serverEnvironment();
    await limiterFor(env).admitWrite(request.headers);
    const check = await checkProviderKey({ provider, key, env, signal: request.signal });
    const response: KeyCheckResponse = { provider: provider.id, ...check };
    return Response.json(response, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
