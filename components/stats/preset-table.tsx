import { PRESETS } from '@/lib/models/presets';
import type { PresetStats } from '@/lib/stats/comparison-stats';
import { formatInterval, formatPercent, formatRatio } from '@/lib/stats/format';
import type { WinRate } from '@/lib/stats/win-rate';

/** The preset's display name; `null` stands for runs with custom settings. */
export function presetLabel(preset: string | null): string {
  if (preset === null) return 'Custom settings';
  if (preset === 'local') return 'Local';
  return PRESETS.find((candidate) => candidate.id === preset)?.name ?? preset;
}

const cellClass = 'px-2 py-2 align-top sm:px-3';
const mutedClass = 'text-zinc-700 dark:text-zinc-300';

/** A win rate with its interval over how many comparisons there are; "too few" while it is hidden. */
function RateCell({ winRate, total, unit }: { winRate: WinRate; total: number; unit: string }) {
  return (
    <td className={cellClass}>
      {winRate.shown ? (
        <>
          <span className="font-medium">{formatPercent(winRate.rate)}</span>{' '}
          <span className={`whitespace-nowrap ${mutedClass}`}>({formatInterval(winRate)})</span>
        </>
      ) : (
        <span className={mutedClass}>too few</span>
      )}
      <span className={`block text-xs ${mutedClass}`}>
        {total} {total === 1 ? unit : `${unit}s`}
      </span>
    </td>
  );
}

/**
 * MoA against the single model, one row per preset: people's votes, the judge's verdicts, and what MoA took in
 * time and money. Five columns, so that it fits a phone; it scrolls sideways on anything narrower.
 */
export function PresetTable({ rows }: { rows: PresetStats[] }) {
  const headerClass = `${cellClass} text-left font-semibold`;
  return (
    // Focusable, so that a keyboard can scroll it when it does not fit.
    <section
      aria-labelledby="by-preset-caption"
      tabIndex={0}
      className="overflow-x-auto rounded-lg border border-zinc-300 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:border-zinc-700"
    >
      <table className="w-full border-collapse text-sm tabular-nums">
        <caption id="by-preset-caption" className={`px-2 py-2 text-left sm:px-3 ${mutedClass}`}>
          MoA’s win rate against a single model by preset, with its 95% confidence interval. Time and cost: medians
          of MoA ÷ single model.
        </caption>
        <thead className="border-y border-zinc-300 bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900">
          <tr>
            <th scope="col" className={headerClass}>Preset</th>
            <th scope="col" className={headerClass}>People’s votes</th>
            <th scope="col" className={headerClass}>Judge model</th>
            <th scope="col" className={headerClass}>Time</th>
            <th scope="col" className={headerClass}>Cost</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.preset ?? ''} className="border-b border-zinc-200 last:border-b-0 dark:border-zinc-800">
              <th scope="row" className={`${cellClass} text-left font-medium`}>
                {presetLabel(row.preset)}
              </th>
              <RateCell winRate={row.votes.winRate} total={row.votes.counts.total} unit="vote" />
              <RateCell winRate={row.judgments.winRate} total={row.judgments.counts.total} unit="verdict" />
              <td className={cellClass}>{formatRatio(row.votes.timeRatio.median)}</td>
              <td className={cellClass}>{formatRatio(row.votes.costRatio.median)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
