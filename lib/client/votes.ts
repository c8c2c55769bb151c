import { z } from 'zod';
import { receiptTokenSchema } from '@/lib/protocol/comparison-receipt';
import { voteChoiceSchema, type VoteChoice } from '@/lib/protocol/vote';
import { useStoredValue } from './local-storage';

export type { VoteChoice };

const comparisonMemorySchema = z.record(
  z.string(),
  z.object({
    vote: voteChoiceSchema.optional(),
    revealed: z.boolean().optional(),
    /** The receipt the vote was sent with, so that the stats page can say what it was about. */
    receipt: receiptTokenSchema.optional(),
    /** `already-voted`: the comparison had a vote already (another tab, another visitor of a share). */
    outcome: z.enum(['recorded', 'already-voted']).optional(),
  }),
);
export type ComparisonMemory = z.infer<typeof comparisonMemorySchema>;
export type RememberedComparison = ComparisonMemory[string];
const nothing: ComparisonMemory = {};

/** What this browser did with each comparison (by run id): its vote and how it went, whether it revealed the sides. */
export function useComparisonMemory() {
  const [memory, setMemory] = useStoredValue('comparisons:v1', comparisonMemorySchema, nothing);
  return {
    memory,
    // An update of the latest memory, so two changes in one event (a vote, then its outcome) both stay.
    update: (runId: string, change: RememberedComparison) =>
      setMemory((previous) => ({ ...previous, [runId]: { ...previous[runId], ...change } })),
  };
}
