import { z } from 'zod';
import { REQUEST_LIMITS } from './moa-request';
import { receiptPartSchema } from './comparison-receipt';
import { voteChoiceSchema } from './vote';
import { agentPartSchema, judgePartSchema, layerPartSchema, RUN_BOUNDS, runPartSchema, summaryPartSchema } from './run-parts';

/** Limits of a shared conversation: beyond them the API answers 413. */
export const SHARE_LIMITS = {
  /** Of the snapshot as stored, after validation. */
  snapshotBytes: 1024 * 1024,
  /** Of the request body. */
  bodyBytes: 2 * 1024 * 1024,
  messages: 200,
  // A run sends at most one part per agent and layer, its plan, summary and judge, and a text part per answer attempt.
  partsPerMessage: RUN_BOUNDS.agents + RUN_BOUNDS.layers + 8,
} as const;

/** Shares are addressed by 128 random bits in base64url: 22 characters. */
export const shareIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'is not a share id');
export const deleteTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'is not a delete token');

const textPartSchema = z.strictObject({ type: z.literal('text'), text: z.string().max(REQUEST_LIMITS.messageChars * 4) });

/** The parts of an assistant message that a shared run keeps: the run's data parts and the answer. */
export const sharedRunPartSchema = z.discriminatedUnion('type', [
  textPartSchema,
  z.strictObject({ type: z.literal('data-run'), id: z.string().max(64), data: runPartSchema }),
  z.strictObject({ type: z.literal('data-agent'), id: z.string().max(64), data: agentPartSchema }),
  z.strictObject({ type: z.literal('data-layer'), id: z.string().max(64), data: layerPartSchema }),
  z.strictObject({ type: z.literal('data-summary'), id: z.string().max(64), data: summaryPartSchema }),
  z.strictObject({ type: z.literal('data-judge'), id: z.string().max(64), data: judgePartSchema }),
  z.strictObject({ type: z.literal('data-receipt'), id: z.string().max(64), data: receiptPartSchema }),
]);
export type SharedRunPart = z.infer<typeof sharedRunPartSchema>;

export const sharedMessageSchema = z.discriminatedUnion('role', [
  z.strictObject({ role: z.literal('user'), text: z.string().min(1).max(REQUEST_LIMITS.messageChars) }),
  z.strictObject({
    role: z.literal('assistant'),
    parts: z.array(sharedRunPartSchema).max(SHARE_LIMITS.partsPerMessage),
    /** For a comparison: whether the sharer had revealed which answer is MoA, and their vote if they cast one. */
    comparison: z.strictObject({ revealed: z.boolean(), vote: voteChoiceSchema.optional() }).optional(),
  }),
]);
export type SharedMessage = z.infer<typeof sharedMessageSchema>;

/**
 * A shared conversation, as stored. Versioned: a later format adds a schema here and a migration from the older
 * ones in `parseSnapshot`, so links made before keep rendering.
 */
export const shareSnapshotV1Schema = z.strictObject({
  version: z.literal(1),
  messages: z.array(sharedMessageSchema).min(1).max(SHARE_LIMITS.messages),
});
export type ShareSnapshot = z.infer<typeof shareSnapshotV1Schema>;

/** Body of `POST /api/shares`. */
export const createShareRequestSchema = z.strictObject({
  messages: shareSnapshotV1Schema.shape.messages,
});
export type CreateShareRequest = z.infer<typeof createShareRequestSchema>;

/** Answer of `POST /api/shares`: the delete token is shown once and never stored in clear. */
export const createShareResponseSchema = z.object({
  id: shareIdSchema,
  url: z.string(),
  deleteToken: deleteTokenSchema,
});
export type CreateShareResponse = z.infer<typeof createShareResponseSchema>;

/** Reads a stored snapshot of any version as the current format. */
export function parseSnapshot(stored: unknown): ShareSnapshot {
  return shareSnapshotV1Schema.parse(stored);
}
