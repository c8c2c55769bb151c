import { ApiError } from '@/lib/protocol/api-error';
import { receiptKey } from './receipt';

/**
 * The key that signs comparison receipts, from `COMPARISON_SECRET`. On a server started with `next start`,
 * `instrumentation.ts` has set it before the first request (read from `DATA_DIR`, or generated there), and the
 * edge sandbox copies the environment when it starts, so both runtimes sign and check with one secret. Throws 503
 * `comparison_unavailable` when it is not set, rather than issuing receipts nothing could check.
 */
export function comparisonKey(env: Record<string, string | undefined> = process.env): Promise<CryptoKey> {
  const secret = env.COMPARISON_SECRET;
  if (!secret) {
    throw new ApiError(
      'comparison_unavailable',
      'Comparisons are unavailable: this server has no COMPARISON_SECRET to sign their receipts with.',
    );
  }
  return receiptKey(secret);
}
