import { z } from 'zod';
import { browserIdSchema, voteChoiceSchema, type VoteChoice } from '@/lib/protocol/vote';
import { useStoredValue } from './local-storage';

export type { VoteChoice };

const comparisonMemorySchema = z.record(
  z.string(),
  z.object({ vote: voteChoiceSchema.optional(), revealed: z.boolean().optional() }),
);
const nothing: z.infer<typeof comparisonMemorySchema> = {};

function randomBrowserId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * An anonymous id for this browser: random, kept in localStorage, sent only with votes so each comparison counts
 * one vote per browser. It is not tied to anything else.
 */
export function browserId(): string {
  const key = 'moa-studio:browser-id:v1';
  const stored = localStorage.getItem(key);
  if (stored && browserIdSchema.safeParse(stored).success) return stored;
  const id = randomBrowserId();
  localStorage.setItem(key, id);
  return id;
}

/** What this browser did with each comparison (by run id): its vote, and whether it revealed the labels. */
export function useComparisonMemory() {
  const [memory, setMemory] = useStoredValue('comparisons:v1', comparisonMemorySchema, nothing);
  return {
    memory,
    update: (runId: string, change: { vote?: VoteChoice; revealed?: boolean }) =>
      setMemory({ ...memory, [runId]: { ...memory[runId], ...change } }),
  };
}
