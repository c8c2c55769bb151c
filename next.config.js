/**
 * Headers for every response. Pages get their full Content-Security-Policy, with a fresh script nonce, from
 * `proxy.ts`, which replaces the one below; API answers and static files (which the proxy skips) keep this one, so
 * nothing the app serves can be framed or set a base URL, whichever way it is reached.
 */
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Content-Security-Policy', value: "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'" },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  turbopack: {
    // The browser never calls models itself; see lib/client/gateway-stub.ts.
    resolveAlias: { '@ai-sdk/gateway': { browser: './lib/client/gateway-stub.ts' } },
  },
  poweredByHeader: false,
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

module.exports = nextConfig;
