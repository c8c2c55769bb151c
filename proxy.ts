import { NextResponse, type NextRequest } from 'next/server';
import { createNonce, pageContentSecurityPolicy } from '@/lib/security/content-security-policy';

function requestedOverHttps(request: NextRequest): boolean {
  // Behind a TLS-terminating proxy the app itself is reached over HTTP; the proxy says how the browser came in.
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  return (forwarded ?? request.nextUrl.protocol.replace(/:$/, '')) === 'https';
}

/**
 * Gives every page a fresh script nonce. Next reads it from the request's Content-Security-Policy header and puts it
 * on its own scripts while rendering; the browser gets the same policy on the response. API routes and static files
 * are not matched: they keep the static headers of `next.config.js`.
 */
export function proxy(request: NextRequest) {
  const policy = pageContentSecurityPolicy({
    nonce: createNonce(),
    development: process.env.NODE_ENV === 'development',
    secure: requestedOverHttps(request),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Everything but API routes (`/api`, and the OpenAI-compatible `/v1`), Next's build output and image optimizer
      // (`_next/`) and the app's icons.
      source: '/((?!api(?:/|$)|v1(?:/|$)|_next/|icon\\.svg$|apple-icon$).*)',
      // Router prefetches fetch data, not documents; they need no nonce (Next's recipe skips them too).
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
