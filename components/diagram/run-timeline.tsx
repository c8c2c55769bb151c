'use client';
import { statusLabel, type DisplayStatus } from '@/lib/client/agent-display';
import { formatDuration } from '@/lib/format';
import { tickLabel, timeAxisTicks } from '@/lib/client/time-axis';
import { timelineRows } from '@/lib/client/timeline-rows';
import type { LiveClock } from '@/lib/client/run-store';
import type { RunState } from '@/lib/client/run-state';
import { StatusIcon } from './status-icon';

const stripes = 'bg-[repeating-linear-gradient(135deg,currentColor_0_3px,transparent_3px_6px)]';

/** Bars by status; agents that were cut or failed are striped so they read apart from kept answers without colour. */
const barTone: Partial<Record<DisplayStatus, string>> = {
  thinking: 'bg-sky-200 dark:bg-sky-900',
  streaming: 'bg-blue-400 dark:bg-blue-600',
  retrying: 'bg-violet-400 dark:bg-violet-600',
  done: 'bg-sky-300 dark:bg-sky-800',
  failed: `border border-red-600 text-red-500/70 dark:border-red-400 dark:text-red-400/60 ${stripes}`,
  cut: `border border-amber-600 text-amber-500/70 dark:border-amber-400 dark:text-amber-400/60 ${stripes}`,
  stopped: 'bg-zinc-300 dark:bg-zinc-700',
};
const criticalTone = 'bg-sky-700 ring-1 ring-sky-900 dark:bg-sky-300 dark:ring-sky-100';

/**
 * When each agent ran, one row per agent on a shared time axis in seconds. Agents cut or failed are striped, so the
 * stragglers a layer did not wait for stand out; the slowest kept agent of each layer and the aggregator, whose
 * durations add up to the critical path, are drawn dark. Markers show the first token of any agent and of the answer.
 */
export function RunTimeline({
  state,
  interrupted,
  clock,
  now,
}: {
  state: RunState;
  interrupted: boolean;
  clock?: LiveClock;
  now?: number;
}) {
  const summary = state.summary;
  const liveElapsed = clock?.runStartedAt !== undefined && now !== undefined ? now - clock.runStartedAt : undefined;
  const rows = timelineRows(state, interrupted, liveElapsed);
  const total = Math.max(1, summary?.wallTimeMs ?? liveElapsed ?? 0, ...rows.map((row) => row.endMs ?? 0));
  const { step, ticks } = timeAxisTicks(total);
  const firstToken = summary?.firstTokenMs ?? liveFirstToken(clock);
  const answerFirstToken = summary?.answerFirstTokenMs;
  const percent = (ms: number) => `${Math.min(100, Math.max(0, (ms / total) * 100))}%`;
  const spanRows = { gridColumn: 2, gridRow: `1 / span ${rows.length + 1}` };

  return (
    <figure data-testid="run-timeline" className="space-y-1">
      <div className="grid grid-cols-[minmax(0,7.5rem)_1fr] gap-x-2 pr-3 text-xs sm:grid-cols-[minmax(0,11rem)_1fr]">
        <div aria-hidden className="pointer-events-none relative" style={spanRows}>
          {ticks.map((tick) => (
            <div
              key={tick}
              className="absolute inset-y-0 w-px bg-zinc-200 dark:bg-zinc-800"
              style={{ left: percent(tick) }}
            />
          ))}
        </div>
        {rows.map((row, index) => {
          const top = row.firstInLayer && row.layer > 1 ? 'mt-1.5' : '';
          const span =
            row.startMs !== undefined && row.endMs !== undefined
              ? `${formatDuration(row.startMs)} to ${formatDuration(row.endMs)}`
              : 'not started';
          return (
            <div key={row.id} className="contents" data-testid={`timeline-${row.id}`} data-status={row.status}>
              <div
                className={`flex h-4 min-w-0 items-center gap-1 text-zinc-700 dark:text-zinc-300 ${top} ${row.critical ? 'font-semibold' : ''}`}
                style={{ gridColumn: 1, gridRow: index + 1 }}
              >
                <StatusIcon status={row.status} />
                <span className="truncate">
                  <span className="text-zinc-600 dark:text-zinc-400">{row.id}</span> {row.name}
                </span>
              </div>
              <div className={`relative h-4 ${top}`} style={{ gridColumn: 2, gridRow: index + 1 }}>
                <span className="sr-only">
                  {span}, {statusLabel[row.status].toLowerCase()}
                  {row.critical ? ', on the critical path' : ''}
                </span>
                {row.startMs !== undefined && row.endMs !== undefined && (
                  <div
                    aria-hidden
                    data-testid={row.critical ? 'critical-path-segment' : undefined}
                    title={`${row.id} ${row.name}: ${span}`}
                    className={`absolute inset-y-0.5 min-w-0.5 rounded-sm ${row.critical ? criticalTone : (barTone[row.status] ?? '')}`}
                    style={{ left: percent(row.startMs), width: percent(Math.max(0, row.endMs - row.startMs)) }}
                  />
                )}
              </div>
            </div>
          );
        })}
        <div
          aria-hidden
          data-testid="time-axis"
          className="relative mt-1 h-4 text-zinc-600 tabular-nums dark:text-zinc-400"
          style={{ gridColumn: 2, gridRow: rows.length + 1 }}
        >
          {ticks.map((tick, index) => (
            <span
              key={tick}
              data-testid="time-tick"
              className={`absolute top-0 whitespace-nowrap ${index === 0 ? '' : '-translate-x-1/2'}`}
              style={{ left: percent(tick) }}
            >
              {tickLabel(tick, step)}
            </span>
          ))}
        </div>
        <div aria-hidden className="pointer-events-none relative" style={spanRows}>
          <Marker at={firstToken} percent={percent} label="first token" className="bg-emerald-600" />
          <Marker at={answerFirstToken} percent={percent} label="answer's first token" className="bg-amber-600" />
        </div>
      </div>
      <figcaption className="text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
        {summary ? (
          <>
            <span aria-hidden className="mr-1 inline-block h-2 w-3 rounded-sm bg-sky-700 align-middle dark:bg-sky-300" />
            Critical path {formatDuration(summary.criticalPathMs)} of {formatDuration(summary.wallTimeMs)} total
          </>
        ) : (
          `Running for ${formatDuration(liveElapsed)}`
        )}
        {firstToken !== undefined && <> · <span className="text-emerald-700 dark:text-emerald-400">▎</span>first token {formatDuration(firstToken)}</>}
        {answerFirstToken !== undefined && (
          <> · <span className="text-amber-700 dark:text-amber-400">▎</span>answer&apos;s first token {formatDuration(answerFirstToken)}</>
        )}
        {rows.some((row) => row.status === 'cut' || row.status === 'failed') && (
          <>
            {' '}
            · <span aria-hidden className={`mr-1 inline-block h-2 w-3 rounded-sm text-amber-500 align-middle ${stripes}`} />
            striped: cut or failed, not waited for
          </>
        )}
      </figcaption>
    </figure>
  );
}

function liveFirstToken(clock: LiveClock | undefined): number | undefined {
  if (!clock || clock.runStartedAt === undefined) return undefined;
  const firsts = Object.values(clock.firstDeltaAt);
  return firsts.length > 0 ? Math.min(...firsts) - clock.runStartedAt : undefined;
}

function Marker({
  at,
  percent,
  label,
  className,
}: {
  at: number | undefined;
  percent: (ms: number) => string;
  label: string;
  className: string;
}) {
  if (at === undefined) return null;
  return <div title={label} className={`absolute inset-y-0 w-0.5 ${className}`} style={{ left: percent(at) }} />;
}
