/**
 * Takes secrets and addresses out of text that leaves the server (provider error messages shown to the user,
 * streamed and perhaps shared): an upstream may echo the caller's `Authorization` header back, and network errors
 * name internal hosts and ports. What is left still says what went wrong.
 */
export function redactSecrets(text: string): string {
  return (
    text
      // `Bearer <token>` as an upstream echoes a rejected header.
      .replace(/\bBearer\s+\S+/gi, 'Bearer [redacted]')
      // Keys with a known provider prefix (sk-, sk-ant-, tgp_v1_, gsk_, xai-, …).
      .replace(/\b(?:sk|pk|rk|tgp|gsk|xai|key)[-_][A-Za-z0-9_-]{8,}/g, '[redacted key]')
      // Any other long token of letters and digits: keys and tokens, not words or model names.
      .replace(/[A-Za-z0-9_-]{32,}/g, (run) => (/[0-9]/.test(run) && /[A-Za-z]/.test(run) ? '[redacted key]' : run))
      .replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi, '[url]')
      .replace(/\[?\b(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}\b\]?(?::\d+)?/gi, (match) =>
        // An IPv6 address has `::` or at least five colons; a time (12:30:45) has neither.
        /\d/.test(match) && (match.includes('::') || match.split(':').length > 5) ? '[address]' : match,
      )
      .replace(/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g, '[address]')
      .replace(/\blocalhost(?::\d+)?\b/gi, '[address]')
      // Hosts named by DNS and connection errors (`getaddrinfo ENOTFOUND api.example.com`).
      .replace(/\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH)\s+(?!\[)\S+/g, '$1 [host]')
  );
}
