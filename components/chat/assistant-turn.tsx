'use client';
import { memo, useMemo, useSyncExternalStore } from 'react';
import type { LiveRunSnapshot, RunStore } from '@/lib/client/run-store';
import { runStateOf, type RunState } from '@/lib/client/run-state';
import { describeRunFailure } from '@/lib/client/run-failure';
import { useNow } from '@/lib/client/use-now';
import type { MoaUIMessage } from '@/lib/protocol/moa-message';
import { LazyMarkdown } from '@/components/markdown/lazy-markdown';
import { RunPanel } from '@/components/run/run-panel';
import { ComparisonView } from '@/components/compare/comparison-view';
import type { JudgePart } from '@/lib/protocol/run-parts';
import type { SharedComparison } from '@/components/compare/comparison-view';
import { CopyButton } from '@/components/ui/copy-button';

const noSubscription = () => () => undefined;
const noSnapshot = () => undefined;

/**
 * One answer and the run behind it. While it streams (`store` given) the diagram comes from the live run store,
 * updated at most once a frame, and the answer from the message as `useChat` streams it; once finished, the
 * message alone redraws it. One component for both, so React keeps the diagram when the run ends.
 */
export const AssistantTurn = memo(function AssistantTurn({
  message,
  store,
  defaultOpen,
  question = '',
  onJudged,
  readOnly,
  judgeModel,
  sharedComparison,
}: {
  message: MoaUIMessage;
  store?: RunStore;
  defaultOpen: boolean;
  /** The user message this turn answers, for a comparison's judge. */
  question?: string;
  onJudged?: (messageId: string, judgment: JudgePart) => void;
  readOnly?: boolean;
  judgeModel?: string;
  /** On a shared page: what the sharer had revealed and voted. */
  sharedComparison?: SharedComparison;
}) {
  const snapshot: LiveRunSnapshot | undefined = useSyncExternalStore(
    store ? store.subscribe : noSubscription,
    store ? store.getSnapshot : noSnapshot,
    store ? store.getSnapshot : noSnapshot,
  );
  const finished = useMemo(() => (store ? undefined : runStateOf(message)), [message, store]);
  const live = store !== undefined && snapshot !== undefined;
  const now = useNow(live && !snapshot.state.summary);
  const answer = message.parts.filter((part) => part.type === 'text').at(-1)?.text ?? '';
  const state: RunState = finished ?? { ...(snapshot?.state ?? runStateOf(message)), answer };
  const interrupted = !live && !state.summary;
  const waiting = !state.answer && !interrupted && !state.summary;
  const failure = describeRunFailure(state);

  if (state.run?.baseline) {
    // A comparison: the two answers, and the MoA's diagram where the comparison's mode allows it.
    return (
      <ComparisonView
        state={state}
        live={live}
        question={question}
        readOnly={readOnly}
        judgeModel={judgeModel}
        sharedComparison={sharedComparison}
        onJudged={onJudged ? (judgment) => onJudged(message.id, judgment) : undefined}
        diagramOpen={defaultOpen}
        renderDiagram={(open) => (
          <RunPanel state={state} interrupted={interrupted} live={live ? { clock: snapshot.clock, now } : undefined} defaultOpen={open} />
        )}
      />
    );
  }
  // Side by side once the conversation's column (not the window: the chat's sidebar takes part of it) fits both.
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-4 @5xl:grid-cols-[minmax(0,auto)_minmax(22rem,1fr)] @5xl:items-start">
      <RunPanel
        state={state}
        interrupted={interrupted}
        live={live ? { clock: snapshot.clock, now } : undefined}
        defaultOpen={defaultOpen}
      />
      {/* Stacked (a narrow column), the answer comes first: the diagram must never push it below the fold. */}
      <div
        data-testid="answer"
        aria-busy={live ? true : undefined}
        className="order-first min-w-0 rounded-lg border border-zinc-200 px-4 py-3 @5xl:order-none dark:border-zinc-800"
      >
        {state.answer ? (
          <LazyMarkdown text={state.answer} streaming={live} />
        ) : failure ? (
          <p role="alert" data-testid="run-failure" className="text-sm text-red-800 dark:text-red-300">
            {failure}
          </p>
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
});
