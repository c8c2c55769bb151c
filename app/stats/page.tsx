import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { PresetTable } from '@/components/stats/preset-table';
import { WinRateHeadline } from '@/components/stats/win-rate-headline';
import { YourVotes } from '@/components/stats/your-votes';
import { comparisonStats } from '@/lib/stats/comparison-stats';
import type { JudgmentRow } from '@/lib/stats/judgment-stats';
import { MIN_SAMPLE } from '@/lib/stats/win-rate';
import { countUnverifiedJudgments, listJudgments } from '@/lib/store/judgments';
import { countUnverifiedVotes, listVotes } from '@/lib/store/votes';

// libSQL opens local `file:` databases through a native Node binding.
export const runtime = 'nodejs';

export const metadata: Metadata = {
  title: 'Stats · MoA Studio',
  description: 'How often Mixture-of-Agents answers beat a single model’s, by people’s blind votes and by a judge model.',
};

/** The judge's verdicts; none while they cannot be read, so that the votes still show. */
async function readJudgments(): Promise<JudgmentRow[]> {
  try {
    return (await listJudgments()).map(({ preset, verdict, simulated }) => ({ preset, verdict, simulated }));
  } catch {
    return [];
  }
}

/** Votes and verdicts stored before they needed a receipt: counted here only to say they are left out. */
async function countUnverified(): Promise<{ votes: number; judgments: number }> {
  const [votes, judgments] = await Promise.all([countUnverifiedVotes(), countUnverifiedJudgments()]);
  return { votes, judgments };
}

/** MoA against a single model: people's blind votes and a judge model's verdicts, overall and by preset. */
export default async function StatsPage() {
  // Read at request time, never prerendered at build.
  await connection();
  const [votes, judgments, unverified] = await Promise.all([listVotes(), readJudgments(), countUnverified()]);
  const stats = comparisonStats(votes, judgments);
  const { votes: voteSummary, judgments: judgeSummary } = stats.overall;

  return (
    <div className="mx-auto flex min-h-dvh max-w-4xl flex-col gap-6 px-3 py-4 sm:px-6">
      <header className="flex flex-wrap items-baseline justify-between gap-3">
        <p className="text-sm">
          <Link href="/" className="font-semibold underline-offset-2 hover:underline">
            MoA Studio
          </Link>
        </p>
        <Link href="/" className="text-sm underline underline-offset-2">
          Ask a question
        </Link>
      </header>
      <main className="flex flex-col gap-6">
        <h1 className="text-2xl font-semibold">MoA against a single model</h1>
        <p className="text-zinc-700 dark:text-zinc-300">
          Each comparison answers one question twice: with a Mixture-of-Agents preset and with one model alone. People
          read both answers blind, as A and B, and vote; a judge model compares them too. Only comparisons this server
          ran itself count.
        </p>

        <div className="grid gap-4 sm:grid-cols-2">
          <WinRateHeadline
            title="People’s votes"
            unit="vote"
            winRate={voteSummary.winRate}
            counted={[
              { label: 'for MoA', count: voteSummary.counts.moa },
              { label: 'for the single model', count: voteSummary.counts.baseline },
              { label: voteSummary.counts.tie === 1 ? 'tie' : 'ties', count: voteSummary.counts.tie },
            ]}
            excluded={{ label: '“both bad”', count: voteSummary.counts.bothBad }}
          />
          <WinRateHeadline
            title="Judge model"
            unit="verdict"
            winRate={judgeSummary.winRate}
            counted={[
              { label: 'for MoA', count: judgeSummary.counts.moa },
              { label: 'for the single model', count: judgeSummary.counts.baseline },
              { label: judgeSummary.counts.tie === 1 ? 'tie' : 'ties', count: judgeSummary.counts.tie },
            ]}
            excluded={{ label: 'inconsistent', count: judgeSummary.counts.inconsistent }}
          />
        </div>

        <section aria-labelledby="by-preset" className="flex flex-col gap-3">
          <h2 id="by-preset" className="text-lg font-semibold">
            By preset
          </h2>
          {stats.byPreset.length > 0 ? (
            <PresetTable rows={stats.byPreset} />
          ) : (
            <p className="text-zinc-700 dark:text-zinc-300">No comparisons yet.</p>
          )}
        </section>

        <YourVotes />

        <section aria-labelledby="method" className="flex flex-col gap-3">
          <h2 id="method" className="text-lg font-semibold">
            How this is computed
          </h2>
          <ul className="list-disc space-y-2 pl-5 text-zinc-800 dark:text-zinc-200">
            <li>
              Win rate = (MoA wins + half the ties) ÷ (wins + losses + ties), as AlpacaEval counts it. “Both bad” votes
              and inconsistent verdicts (the judge reads each pair twice, in both orders, and the two readings
              disagreed) say nothing about which answer is better: they are counted above but left out of the rate.
            </li>
            <li>
              The range beside each rate is its 95% Wilson score interval: where the true rate probably lies, given how
              few comparisons there are. A tie enters it as half a win, the usual approximation.
            </li>
            <li>
              A rate shows from {MIN_SAMPLE} counted comparisons on. With fewer, chance alone could produce almost any
              rate.
            </li>
            <li>
              Only comparisons this server ran count. When both answers are in, the server signs a receipt of what it
              measured (the models, the preset, each side’s time, tokens and cost, and the blind order); a vote or a
              verdict is stored only with a valid receipt, one per comparison, and the figures above come from the
              receipt, never from the voter’s browser. Judge verdicts count when the server judged the receipt’s own
              question and answers itself, in both orders.
            </li>
            <li>
              Time and cost are medians, over the voted comparisons, of what the MoA run took divided by what the single
              model took. A comparison whose single model cost nothing (a free model) has no cost ratio.
            </li>
            <li>
              Comparisons on simulated models are left out: their answers are canned.
              {stats.simulated.votes + stats.simulated.judgments > 0 &&
                ` (${stats.simulated.votes} votes and ${stats.simulated.judgments} verdicts so far.)`}{' '}
              So are votes from open comparisons, where the voter could watch which answer was which
              {stats.openVotes > 0 ? ` (${stats.openVotes} so far)` : ''}.
              {unverified.votes + unverified.judgments > 0 &&
                ` ${unverified.votes} votes and ${unverified.judgments} verdicts stored before receipts were needed are left out too: nothing shows they came from real comparisons.`}
            </li>
            <li>
              Voters are whoever chose to vote, on questions they chose, so this is not a benchmark. Votes are
              anonymous: no question text, IP address or user agent is stored. A judge model has biases of its own,
              such as preferring longer answers.
            </li>
          </ul>
        </section>
      </main>
      <footer className="text-sm">
        <Link href="/" className="underline underline-offset-2">
          Back to MoA Studio
        </Link>
      </footer>
    </div>
  );
}
