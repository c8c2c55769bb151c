import type { SummaryPart } from '@/lib/protocol/run-parts';

/** The summary of a small finished run, for tests that need one but do not look inside it. */
export const doneSummary: SummaryPart = {
  status: 'done',
  wallTimeMs: 10,
  criticalPathMs: 9,
  usage: { inputTokens: 1, outputTokens: 2 },
  cost: 0,
  agents: { total: 1, done: 1, failed: 0, cut: 0 },
  layers: [],
};
