import { z } from 'zod';
import { receiptTokenSchema } from './comparison-receipt';

/** Limits of a vote: beyond the byte limit the API answers 413. */
export const VOTE_LIMITS = {
  /** Of the request body: a receipt and a few words. */
  bodyBytes: 16 * 1024,
} as const;

/**
 * What a person preferred after reading both answers: the MoA answer, the single model's, either as good as the
 * other, or neither good enough.
 */
export const voteChoiceSchema = z.enum(['moa', 'baseline', 'tie', 'both-bad']);
export type VoteChoice = z.infer<typeof voteChoiceSchema>;

/** What one side of a comparison took. */
export const sideMeasureSchema = z.strictObject({
  /** Wall time of the run, in milliseconds. */
  timeMs: z.number().nonnegative(),
  /** In US dollars, from catalog prices; 0 for free and simulated models. */
  cost: z.number().nonnegative(),
});
export type SideMeasure = z.infer<typeof sideMeasureSchema>;

/**
 * Body of `POST /api/votes`: the comparison, the receipt the server gave for it, and the choice. Everything stored
 * about what was compared (models, preset, times, costs, blind or open) comes from the receipt. Anonymous: nothing
 * from the request's headers is stored.
 */
export const voteRequestSchema = z.strictObject({
  /** The id of the compared run (a UUID); must be the one the receipt names. */
  comparisonId: z.uuid('must be the run id, a UUID').toLowerCase(),
  receipt: receiptTokenSchema,
  vote: voteChoiceSchema,
});
export type VoteRequest = z.infer<typeof voteRequestSchema>;

/** Answer of `POST /api/votes` when the vote was stored. */
export const voteResponseSchema = z.object({ recorded: z.literal(true) });
export type VoteResponse = z.infer<typeof voteResponseSchema>;
