import { MIN_SAMPLE, type WinRate } from '@/lib/stats/win-rate';
import { formatInterval, formatPercent } from '@/lib/stats/format';

type Props = {
  title: string;
  /** What one comparison is called in this source: "vote", "verdict". */
  unit: string;
  winRate: WinRate;
  /** The counts behind the rate, then those left out of it, each with its label. */
  counted: { label: string; count: number }[];
  excluded: { label: string; count: number };
};

/** One source's headline: MoA's win rate over the single model with its interval, or why it is not shown yet. */
export function WinRateHeadline({ title, unit, winRate, counted, excluded }: Props) {
  return (
    <section
      aria-labelledby={`${unit}-headline`}
      className="flex flex-col gap-2 rounded-lg border border-zinc-300 p-4 dark:border-zinc-700"
    >
      <h2 id={`${unit}-headline`} className="text-sm font-semibold text-zinc-700 dark:text-zinc-300">
        {title}
      </h2>
      {winRate.shown ? (
        <>
          <p>
            <span className="text-4xl font-semibold tabular-nums">{formatPercent(winRate.rate)}</span>{' '}
            <span className="text-zinc-700 dark:text-zinc-300">MoA win rate against the single model</span>
          </p>
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            95% confidence interval {formatInterval(winRate)} · n = {winRate.n}
          </p>
        </>
      ) : (
        <p className="text-lg">
          Not enough {unit}s yet{' '}
          <span className="text-zinc-700 dark:text-zinc-300">
            (n = {winRate.n} of the {MIN_SAMPLE} needed)
          </span>
        </p>
      )}
      {winRate.n + excluded.count > 0 && (
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          {counted.map(({ label, count }) => `${count} ${label}`).join(' · ')}
          {' · '}
          {excluded.count} {excluded.label}, not counted in the rate
        </p>
      )}
    </section>
  );
}
