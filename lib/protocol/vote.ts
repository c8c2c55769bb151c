import { z } from 'zod';
import { modelIdSchema } from '@/lib/moa/config';
import { presetIdSchema, REQUEST_LIMITS } from './moa-request';

/** Limits of a vote: beyond the byte limit the API answers 413. */
export const VOTE_LIMITS = {
  /** Of the request body; a vote with 32 long model ids stays well under it. */
  bodyBytes: 16 * 1024,
  moaModels: 32,
} as const;

/**
 * What a person preferred after reading both answers blind, as A and B: the MoA answer, the single model's, either
 * as good as the other, or neither good enough.
 */
export const voteChoiceSchema = z.enum(['moa', 'baseline', 'tie', 'both-bad']);
export type VoteChoice = z.infer<typeof voteChoiceSchema>;

/** A random id the browser generates once and keeps, so that it votes once per comparison; it names no one. */
export const browserIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,64}$/, 'must be 16 to 64 characters among A–Z, a–z, 0–9, "-" and "_"');

/** What one side of a comparison took. */
export const sideMeasureSchema = z.strictObject({
  /** Wall time of the run, in milliseconds. */
  timeMs: z.number().nonnegative(),
  /** In US dollars, from catalog prices; 0 for free and simulated models. */
  cost: z.number().nonnegative(),
});
export type SideMeasure = z.infer<typeof sideMeasureSchema>;

/**
 * Body of `POST /api/votes`. Anonymous by design: it carries no question text (only its length), and the route
 * stores nothing from the request's headers, so no IP address or user agent.
 */
export const voteRequestSchema = z.strictObject({
  /** The id of the compared run (a UUID); stored lower-cased so that one comparison has one spelling. */
  comparisonId: z.uuid('must be the run id, a UUID').toLowerCase(),
  browserId: browserIdSchema,
  vote: voteChoiceSchema,
  /** The preset the MoA side ran; absent for custom settings. */
  preset: presetIdSchema.optional(),
  /** Every model of the MoA side, proposers and aggregator. */
  moaModels: z.array(modelIdSchema).max(VOTE_LIMITS.moaModels),
  baselineModel: modelIdSchema,
  /** Characters (UTF-16 code units, as `String.length` counts them) of the question both sides answered. */
  questionLength: z.number().int().min(0).max(REQUEST_LIMITS.messageChars),
  moa: sideMeasureSchema,
  baseline: sideMeasureSchema,
});
export type VoteRequest = z.infer<typeof voteRequestSchema>;
export type VoteRequestInput = z.input<typeof voteRequestSchema>;

/** Answer of `POST /api/votes` when the vote was stored. */
export const voteResponseSchema = z.object({ recorded: z.literal(true) });
export type VoteResponse = z.infer<typeof voteResponseSchema>;
