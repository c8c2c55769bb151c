'use client';
import { ownVotes, type OwnVote } from '@/lib/client/your-votes';
import { useComparisonMemory } from '@/lib/client/votes';
import { presetLabel } from './preset-table';

function describeVote({ vote, moaLabel }: OwnVote): string {
  if (vote === 'tie') return 'a tie';
  if (vote === 'both-bad') return 'both bad';
  const side = vote === 'moa' ? 'MoA' : 'the single model';
  if (!moaLabel) return `for ${side}`;
  const label = vote === 'moa' ? moaLabel : moaLabel === 'A' ? 'B' : 'A';
  return `${label} is better (${side})`;
}

/** The votes cast from this browser (kept in it, never sent for this list), and whether each counts above. */
export function YourVotes() {
  const votes = ownVotes(useComparisonMemory().memory);
  if (votes.length === 0) return null;
  return (
    <section aria-labelledby="your-votes" className="flex flex-col gap-3" data-testid="your-votes">
      <h2 id="your-votes" className="text-lg font-semibold">
        Your votes
      </h2>
      <ul className="space-y-1 text-sm">
        {votes.map((vote) => (
          <li key={vote.comparisonId}>
            <span className="font-medium">{describeVote(vote)}</span>
            {vote.preset ? ` · ${presetLabel(vote.preset)}` : ''} ·{' '}
            {vote.counted ? 'counted' : <span className="text-zinc-700 dark:text-zinc-300">not counted: {vote.reason}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
