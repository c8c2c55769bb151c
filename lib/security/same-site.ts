import { ApiError } from '@/lib/protocol/api-error';

/**
 * Refuses a request another website's page made the visitor's browser send. Browsers mark such requests with
 * `Sec-Fetch-Site: cross-site`, and with an `Origin` naming the other site; either is enough. A request with
 * neither (curl, a server, an older browser's same-origin form) is not a browser acting for another site.
 *
 * The site's own hosts are the request's `Host` (and `X-Forwarded-Host`, which a proxy sets when it rewrites
 * `Host`) and the configured public origin, so a proxy that renames the host does not lock the site out.
 */
export function assertSameSite(headers: Headers, siteUrl: string | undefined): void {
  if (headers.get('sec-fetch-site')?.trim().toLowerCase() === 'cross-site') throw crossSite();
  const origin = headers.get('origin');
  if (origin === null) return;
  const originHost = hostOf(origin);
  const ownHosts = [headers.get('host'), headers.get('x-forwarded-host')?.split(',')[0], siteUrl ? hostOf(siteUrl) : undefined]
    .map((host) => host?.trim().toLowerCase())
    .filter((host): host is string => Boolean(host));
  if (originHost === undefined || !ownHosts.includes(originHost)) throw crossSite();
}

function hostOf(origin: string): string | undefined {
  // `Origin: null` (a sandboxed frame, a file) names no site at all.
  return URL.canParse(origin) ? new URL(origin).host.toLowerCase() : undefined;
}

function crossSite(): ApiError {
  return new ApiError('cross_site', 'Requests from other websites are refused here; use MoA Studio itself or its API from a server.');
}
