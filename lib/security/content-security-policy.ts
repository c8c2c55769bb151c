/** The Content-Security-Policy of every page, built per request around a fresh script nonce (see `proxy.ts`). */

export type PagePolicyOptions = {
  /** Fresh for every request, from `createNonce`. */
  nonce: string;
  /** `next dev`: React rebuilds server error stacks with `eval`, and the dev overlay injects styles without the nonce. */
  development: boolean;
  /** The page was requested over HTTPS; only then may the browser be told to upgrade its requests. */
  secure: boolean;
};

/** 128 random bits in base64, the form CSP's `'nonce-…'` source and Next's nonce reader expect. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Scripts run only with the nonce, or when loaded by a script that has it (`'strict-dynamic'`: Next's chunks load
 * each other); never inline ones injected into the page. Style elements need the nonce too, but style attributes
 * are allowed (`style-src-attr`): React renders the diagram's computed positions and sizes as `style="…"` in the
 * server HTML, and a nonce cannot cover an attribute. Everything else comes from this origin only, and no other
 * site may frame a page (share pages included).
 */
export function pageContentSecurityPolicy({ nonce, development, secure }: PagePolicyOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    // With a nonce in the list, browsers ignore 'unsafe-inline': development gets 'unsafe-inline' alone.
    `style-src 'self' ${development ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Over plain HTTP (`next start` on localhost) this would send every script and stylesheet to https:// and break
    // the page.
    ...(secure ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}
