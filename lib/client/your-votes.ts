import { readReceiptClaims } from '@/lib/protocol/comparison-receipt';
import type { VoteChoice } from '@/lib/protocol/vote';
import type { ComparisonMemory } from './votes';

/** One of this browser's votes, as the stats page lists it: whether it counts, and if not, why. */
export type OwnVote = {
  comparisonId: string;
  vote: VoteChoice;
  /** Where the MoA answer stood, so the vote reads as the voter cast it ("A is better"). */
  moaLabel?: 'A' | 'B';
  preset?: string;
  counted: boolean;
  /** Why it is not counted; absent when it is. */
  reason?: string;
};

/**
 * This browser's votes, newest receipts first, each with whether `/stats` counts it. The reasons follow the
 * server's rules (`lib/stats/comparison-stats.ts`, `POST /api/votes`), read from the receipt the vote was sent with.
 */
export function ownVotes(memory: ComparisonMemory): OwnVote[] {
  const votes = Object.entries(memory).flatMap(([comparisonId, remembered]) => {
    if (!remembered.vote) return [];
    const claims = remembered.receipt ? readReceiptClaims(remembered.receipt) : undefined;
    const base = { comparisonId, vote: remembered.vote, moaLabel: claims?.moaLabel, preset: claims?.preset };
    const reason = !claims
      ? 'cast before votes needed the server’s receipt, so nothing shows it was about a real comparison'
      : remembered.outcome === 'already-voted'
        ? 'this comparison already had a vote, and only the first one counts'
        : claims.simulated
          ? 'the comparison ran on simulated models, whose answers are canned'
          : claims.mode === 'open'
            ? 'an open comparison: you could see which answer was which while you voted'
            : undefined;
    return [{ ...base, counted: reason === undefined, ...(reason ? { reason } : {}), issuedAt: claims?.issuedAt ?? 0 }];
  });
  return votes.sort((left, right) => right.issuedAt - left.issuedAt).map(({ issuedAt: _issuedAt, ...vote }) => vote);
}
