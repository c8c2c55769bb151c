'use client';
import { formatDuration } from '@/lib/format';
import type { LiveClock } from '@/lib/client/run-store';
import type { RunState } from '@/lib/client/run-state';

/**
 * A strip of per-layer bars from start to end. The darker part of each bar is the layer's share of the critical
 * path (its slowest agent kept); markers show the first token of any agent and of the answer.
 */
export function RunTimeline({ state, clock, now }: { state: RunState; clock?: LiveClock; now?: number }) {
  const layers = state.run?.layers ?? [];
  const summary = state.summary;
  const liveElapsed = clock?.runStartedAt !== undefined && now !== undefined ? now - clock.runStartedAt : undefined;
  const ends = layers.map((layer) => state.layers[layer.layer]?.endMs ?? 0);
  const total = Math.max(1, summary?.wallTimeMs ?? liveElapsed ?? Math.max(0, ...ends));
  const firstToken = summary?.firstTokenMs ?? liveFirstToken(clock);
  const answerFirstToken = summary?.answerFirstTokenMs;
  const percent = (ms: number) => `${Math.min(100, Math.max(0, (ms / total) * 100))}%`;

  return (
    <figure data-testid="run-timeline" className="space-y-1">
      <div className="relative space-y-1">
        {layers.map((layer) => {
          const record = state.layers[layer.layer];
          const name = layer.agents[0]?.role === 'aggregator' ? 'Aggregator' : `Layer ${layer.layer}`;
          const start = record?.startMs;
          const end = record?.endMs ?? (start !== undefined && record?.status === 'running' ? liveElapsed : undefined);
          return (
            <div key={layer.layer} className="flex items-center gap-2 text-xs">
              <span className="w-20 shrink-0 text-zinc-600 dark:text-zinc-400">{name}</span>
              <div className="relative h-3 flex-1 rounded-sm bg-zinc-100 dark:bg-zinc-800">
                {start !== undefined && end !== undefined && (
                  <div
                    className="absolute inset-y-0 rounded-sm bg-sky-300 dark:bg-sky-800"
                    style={{ left: percent(start), width: percent(Math.max(0, end - start)) }}
                    title={`${name}: ${formatDuration(end - start)}`}
                  />
                )}
                {start !== undefined && record?.slowestKeptMs !== undefined && (
                  <div
                    data-testid="critical-path-segment"
                    className="absolute inset-y-0 rounded-sm bg-sky-700 dark:bg-sky-400"
                    style={{ left: percent(start), width: percent(record.slowestKeptMs) }}
                  />
                )}
              </div>
            </div>
          );
        })}
        <Marker at={firstToken} percent={percent} label="first token" className="bg-emerald-600" />
        <Marker at={answerFirstToken} percent={percent} label="answer's first token" className="bg-amber-600" />
      </div>
      <figcaption className="text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
        {summary
          ? `Critical path ${formatDuration(summary.criticalPathMs)} of ${formatDuration(summary.wallTimeMs)} total`
          : `Running for ${formatDuration(liveElapsed)}`}
        {firstToken !== undefined && <> · <span className="text-emerald-700 dark:text-emerald-400">▎</span>first token {formatDuration(firstToken)}</>}
        {answerFirstToken !== undefined && (
          <> · <span className="text-amber-700 dark:text-amber-400">▎</span>answer&apos;s first token {formatDuration(answerFirstToken)}</>
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
  return (
    <div
      aria-hidden
      title={label}
      className={`absolute top-0 bottom-0 w-0.5 ${className}`}
      style={{ left: `calc(5.5rem + (100% - 5.5rem) * ${parseFloat(percent(at)) / 100})` }}
    />
  );
}
