import { describe, expect, it } from 'vitest';
import { createNonce, pageContentSecurityPolicy } from '@/lib/security/content-security-policy';

/** The policy's directives by name, each with its sources. */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy.split('; ').map((directive) => {
      const [name, ...sources] = directive.split(' ');
      return [name, sources];
    }),
  );
}

const production = { nonce: 'bm9uY2U=', development: false, secure: false };

describe('the page policy', () => {
  it('runs only scripts with the nonce or loaded by one, never inline ones or eval', () => {
    expect(directives(pageContentSecurityPolicy(production))['script-src']).toEqual(["'self'", "'nonce-bm9uY2U='", "'strict-dynamic'"]);
  });

  it('needs the nonce on style elements but lets style attributes through', () => {
    const policy = directives(pageContentSecurityPolicy(production));
    expect(policy['style-src']).toEqual(["'self'", "'nonce-bm9uY2U='"]);
    expect(policy['style-src-attr']).toEqual(["'unsafe-inline'"]);
  });

  it('keeps everything else to this origin, and no site may frame the page', () => {
    expect(directives(pageContentSecurityPolicy(production))).toMatchObject({
      'default-src': ["'self'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'self'"],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
    });
  });

  it('allows eval, and inline styles in place of the style nonce, only in development', () => {
    const policy = directives(pageContentSecurityPolicy({ ...production, development: true }));
    expect(policy['script-src']).toEqual(["'self'", "'nonce-bm9uY2U='", "'strict-dynamic'", "'unsafe-eval'"]);
    expect(policy['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it('asks the browser to upgrade insecure requests only when the page came over HTTPS', () => {
    expect(directives(pageContentSecurityPolicy(production))).not.toHaveProperty('upgrade-insecure-requests');
    expect(directives(pageContentSecurityPolicy({ ...production, secure: true }))).toHaveProperty('upgrade-insecure-requests');
  });
});

describe('a nonce', () => {
  it('is 16 random bytes in base64, new every time', () => {
    const nonces = Array.from({ length: 100 }, createNonce);
    expect(new Set(nonces).size).toBe(100);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(atob(nonce)).toHaveLength(16);
    }
  });
});
