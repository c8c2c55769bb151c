'use client';
import { memo, useMemo, useSyncExternalStore } from 'react';
import type { RunStore } from '@/lib/client/run-store';
import { runStateOf, type RunState } from '@/lib/client/run-state';
import { useNow } from '@/lib/client/use-now';
import type { MoaUIMessage } from '@/lib/protocol/moa-message';
import { Markdown } from '@/components/markdown/markdown';
import { RunPanel } from '@/components/run/run-panel';
import { CopyButton } from './copy-button';

/** A finished answer: its message alone redraws the run. Memoized, so streaming elsewhere never re-renders it. */
export const FinishedTurn = memo(function FinishedTurn({ message, defaultOpen }: { message: MoaUIMessage; defaultOpen: boolean }) {
  const state = useMemo(() => runStateOf(message), [message]);
  return <TurnBody state={state} interrupted={!state.summary} live={undefined} defaultOpen={defaultOpen} />;
});

/**
 * The answer being written: the diagram comes from the live run store (updated at most once a frame), the answer
 * text from the message as `useChat` streams it.
 */
export function LiveTurn({ message, store }: { message: MoaUIMessage; store: RunStore }) {
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  const now = useNow(!snapshot.state.summary);
  const answer = message.parts.filter((part) => part.type === 'text').at(-1)?.text ?? '';
  const state: RunState = { ...snapshot.state, answer };
  return <TurnBody state={state} interrupted={false} live={{ clock: snapshot.clock, now }} defaultOpen />;
}

function TurnBody({
  state,
  interrupted,
  live,
  defaultOpen,
}: {
  state: RunState;
  interrupted: boolean;
  live: { clock: ReturnType<RunStore['getSnapshot']>['clock']; now: number } | undefined;
  defaultOpen: boolean;
}) {
  const waiting = !state.answer && !interrupted && !state.summary;
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-4 xl:grid-cols-[minmax(0,auto)_minmax(22rem,1fr)] xl:items-start">
      <RunPanel state={state} interrupted={interrupted} live={live} defaultOpen={defaultOpen} />
      <div data-testid="answer" aria-busy={live ? true : undefined} className="min-w-0 rounded-lg border border-zinc-200 px-4 py-3 dark:border-zinc-800">
        {state.answer ? (
          <Markdown text={state.answer} />
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {waiting ? 'The aggregator writes once the proposer layers have answered…' : 'No answer.'}
          </p>
        )}
        {state.answer && !live && (
          <div className="mt-2 flex justify-end">
            <CopyButton text={state.answer} label="Copy answer" testId="copy-answer" />
          </div>
        )}
      </div>
    </div>
  );
}
