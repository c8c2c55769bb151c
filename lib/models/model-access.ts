import 'server-only';
import { readByoKeys } from './byo-keys';
import { cachedLocalModels, type Environment } from './local-probe';
import type { ModelAccess } from './registry';

/** The server's configuration as the models layer reads it. The only place that looks at `process.env`. */
export function serverEnvironment(): Environment {
  return process.env;
}

/**
 * Models this request may use: server keys, the request's own keys, and local servers that answered a probe. An
 * own-key header that is not a key is refused (400), or ignored where nothing is spent.
 */
export async function modelAccessFor(
  request: Request,
  env: Environment = serverEnvironment(),
  invalidKeys: 'refuse' | 'ignore' = 'refuse',
): Promise<ModelAccess> {
  return { env, byoKeys: readByoKeys(request.headers, invalidKeys), localModels: await cachedLocalModels(env) };
}
