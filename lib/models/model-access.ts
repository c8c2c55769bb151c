import 'server-only';
import { readByoKeys } from './byo-keys';
import { cachedLocalModels, type Environment } from './local-probe';
import type { ModelAccess } from './registry';

/** The server's configuration as the models layer reads it. The only place that looks at `process.env`. */
export function serverEnvironment(): Environment {
  return process.env;
}

/** Models this request may use: server keys, the request's own keys, and local servers that answered a probe. */
export async function modelAccessFor(request: Request, env: Environment = serverEnvironment()): Promise<ModelAccess> {
  return { env, byoKeys: readByoKeys(request.headers), localModels: await cachedLocalModels(env) };
}
