import { z } from 'zod';
import { modelIdSchema } from '@/lib/protocol/model-id';
import { comparisonModeSchema, presetIdSchema } from './moa-request';

/**
 * A comparison receipt: what the server that ran a MoA-vs-single-model comparison measured, signed by it. It is
 * issued once both sides have answered (a `data-receipt` part), and it is the only thing a vote or a counted judge
 * verdict can rest on: the figures stored come from it, never from the client. The token is
 * `<claims>.<signature>`, both base64url: the claims are readable by anyone (the page uses them for the blind order
 * and, after the vote, the figures), and only the server's HMAC makes them count.
 */

/** What one side took, as the server measured it, and a SHA-256 of its answer (base64url). */
export const receiptSideSchema = z.strictObject({
  timeMs: z.number().nonnegative(),
  timeToFirstTokenMs: z.number().nonnegative().optional(),
  tokens: z.number().int().nonnegative(),
  /** US dollars from catalog prices; 0 for free and simulated models. */
  cost: z.number().nonnegative(),
  answerHash: z.string().max(64),
});

export const RECEIPT_LIMITS = {
  /** A receipt for 32 long model ids stays well under this. */
  tokenChars: 8192,
  moaModels: 64,
} as const;

export const receiptClaimsSchema = z.strictObject({
  version: z.literal(1),
  /** The run id of the comparison (a UUID). */
  comparisonId: z.uuid(),
  /** Epoch milliseconds; a receipt is accepted for `RECEIPT_TTL_MS` after it. */
  issuedAt: z.number().int().nonnegative(),
  mode: comparisonModeSchema,
  /** Where the MoA answer stands in the blind order: drawn at random by the server, per comparison. */
  moaLabel: z.enum(['A', 'B']),
  preset: presetIdSchema.optional(),
  /** Every model of the MoA side, proposers and aggregator. */
  moaModels: z.array(modelIdSchema).max(RECEIPT_LIMITS.moaModels),
  baselineModel: modelIdSchema,
  /** Any model of either side was the simulator: the answers are canned. */
  simulated: z.boolean(),
  /** Characters (UTF-16 code units) of the question both sides answered, and a SHA-256 of it. */
  questionLength: z.number().int().nonnegative(),
  questionHash: z.string().max(64),
  moa: receiptSideSchema,
  baseline: receiptSideSchema,
});
export type ReceiptClaims = z.infer<typeof receiptClaimsSchema>;

/** Seven days: long enough to vote on a shared comparison, short enough that a leaked receipt goes stale. */
export const RECEIPT_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const receiptTokenSchema = z
  .string()
  .max(RECEIPT_LIMITS.tokenChars)
  .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'is not a comparison receipt');

/** `data-receipt` (id `receipt`): sent once both sides of a comparison have answered. */
export const receiptPartSchema = z.object({ token: receiptTokenSchema });
export type ReceiptPart = z.infer<typeof receiptPartSchema>;

/** Bytes as base64url without padding. */
export function toBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** base64url (padded or not) as bytes; undefined when it is not base64url. */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
    return Uint8Array.from(binary, (character) => character.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/**
 * The claims of a receipt token, read without checking the signature: for the page, which shows what the server
 * said. Undefined when the token does not hold claims of this shape.
 */
export function readReceiptClaims(token: string): ReceiptClaims | undefined {
  const bytes = fromBase64url(token.split('.')[0] ?? '');
  if (!bytes) return undefined;
  try {
    const parsed = receiptClaimsSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
