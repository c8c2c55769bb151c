import 'server-only';
import { readByoKeys } from './byo-keys';
import { cachedLocalModels, type Environment } from './local-probe';
import { PROVIDERS } from './providers';
import type { ModelAccess } from './registry';

/** The server's configuration as the models layer reads it. The only place that looks at `process.env`. */
export function serverEnvironment(): Environment {
  return process.env;
}

/** The environment with every provider key removed: what a caller not entitled to the server's keys may see. */
function withoutServerKeys(env: Environment): Environment {
  const keyNames = new Set(PROVIDERS.flatMap((provider) => (provider.keyEnv ? [provider.keyEnv] : [])));
  return Object.fromEntries(Object.entries(env).filter(([name]) => !keyNames.has(name)));
}

/**
 * Models this request may use: server keys (unless `serverKeys` is false), the request's own keys, and local
 * servers that answered a probe. An own-key header that is not a key is refused (400), or, with
 * `invalidKeys: 'ignore'`, ignored where nothing is spent.
 */
export async function modelAccessFor(
  request: Request,
  env: Environment = serverEnvironment(),
  { serverKeys = true, invalidKeys = 'refuse' }: { serverKeys?: boolean; invalidKeys?: 'refuse' | 'ignore' } = {},
): Promise<ModelAccess> {
  return {
    env: serverKeys ? env : withoutServerKeys(env),
    byoKeys: readByoKeys(request.headers, invalidKeys),
    localModels: await cachedLocalModels(env),
  };
}
