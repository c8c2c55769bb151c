import { readFileSync } from 'node:fs';

/** The one token of the app's `MOA_API_TOKENS`. */
export const E2E_API_TOKEN = 'moa-e2e-token-0123456789abcdef';

/** Where global setup started the app and the local OpenAI-compatible server. */
export function appUrl(pathname = '/'): string {
  return new URL(pathname, process.env.E2E_BASE_URL).toString();
}

export function openaiBaseUrl(): string {
  const url = process.env.E2E_OPENAI_BASE_URL;
  if (!url) throw new Error('E2E_OPENAI_BASE_URL is not set: run through playwright.config.ts');
  return url;
}

/** Everything `next start` printed so far. */
export function serverLog(): string {
  return readFileSync(process.env.E2E_SERVER_LOG ?? '', 'utf8');
}

/**
 * The test server's models that global setup adds to the server's catalog (`SERVER_MODELS`), so the server's own key
 * may run them: `together:<this>/p1`, `p2`, `agg` and `single`.
 */
export const E2E_SERVER_MODELS_NAMESPACE = 'e2e-priced';
export const E2E_SERVER_MODELS = ['p1', 'p2', 'agg', 'single'].map((name) => `together:${E2E_SERVER_MODELS_NAMESPACE}/${name}=1/1`).join(',');
