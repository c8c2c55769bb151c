import { ApiError } from '@/lib/protocol/api-error';
import {
  fromBase64url,
  RECEIPT_TTL_MS,
  receiptClaimsSchema,
  receiptTokenSchema,
  toBase64url,
  type ReceiptClaims,
} from '@/lib/protocol/comparison-receipt';

/**
 * Signing and checking comparison receipts with HMAC-SHA-256 through Web Crypto, which the edge runtime (where
 * `/api/moa` issues them) and Node (where `/api/votes` and `/api/judge` check them) both have.
 */

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

/** The HMAC key for a secret, imported once per secret. */
export function receiptKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
    keys.set(secret, key);
  }
  return key;
}

/** A SHA-256 of a text, base64url: how a receipt names the question and the answers without holding them. */
export async function textHash(text: string): Promise<string> {
  return toBase64url(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text))));
}

/** The token for some claims: `<claims>.<signature>`, both base64url. */
export async function signReceipt(claims: ReceiptClaims, key: CryptoKey): Promise<string> {
  const body = toBase64url(encoder.encode(JSON.stringify(receiptClaimsSchema.parse(claims))));
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(body)));
  return `${body}.${toBase64url(signature)}`;
}

function invalid(reason: string): ApiError {
  return new ApiError('invalid_receipt', `The comparison receipt ${reason}; nothing was recorded.`, 'receipt');
}

/**
 * The claims of a token this server signed, that has not expired and, with `comparisonId`, that is that
 * comparison's. Anything else (not a token, a signature that does not match, claims of another shape, too old,
 * dated in the future, another comparison's) throws 400 `invalid_receipt`.
 */
export async function verifyReceipt(
  token: unknown,
  options: { key: CryptoKey; now: number; comparisonId?: string },
): Promise<ReceiptClaims> {
  const parsed = receiptTokenSchema.safeParse(token);
  if (!parsed.success) throw invalid('is not a receipt');
  const [body = '', signatureText = ''] = parsed.data.split('.');
  const signature = fromBase64url(signatureText);
  // `verify` compares in constant time, so a forger learns nothing from how long a refusal took.
  if (!signature || !(await crypto.subtle.verify('HMAC', options.key, signature, encoder.encode(body)))) {
    throw invalid('was not issued by this server');
  }
  const bytes = fromBase64url(body);
  let claims: ReceiptClaims;
  try {
    claims = receiptClaimsSchema.parse(JSON.parse(new TextDecoder().decode(bytes)));
  } catch {
    throw invalid('holds claims this server does not read');
  }
  if (claims.issuedAt > options.now + 60_000) throw invalid('is dated in the future');
  if (options.now - claims.issuedAt > RECEIPT_TTL_MS) throw invalid('has expired');
  if (options.comparisonId !== undefined && claims.comparisonId.toLowerCase() !== options.comparisonId.toLowerCase()) {
    throw invalid('belongs to another comparison');
  }
  return claims;
}
