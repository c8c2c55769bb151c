'use client';
import { lazy, memo, Suspense, useMemo, useSyncExternalStore } from 'react';
import type { LiveRunSnapshot, RunStore } from '@/lib/client/run-store';
import { runStateOf, type RunState } from '@/lib/client/run-state';
import { describeRunFailure, type FailureAction, type RunFailure, runFailureText } from '@/lib/client/run-failure';
import { useNow } from '@/lib/client/use-now';
import type { MoaUIMessage } from '@/lib/protocol/moa-message';
import { LazyMarkdown } from '@/components/markdown/lazy-markdown';
import { CollapsibleRun, RunHeader, RunPanel, type RunView, useDiagramFold } from '@/components/run/run-panel';
import type { JudgePart } from '@/lib/protocol/run-parts';
import type { SharedComparison } from '@/components/compare/comparison-view';
import { CopyButton } from '@/components/ui/copy-button';

// Comparisons (two answers, the vote, the judge) are drawn only when compare is on: their code loads when the browser
// is idle, or when the first one is drawn, rather than with the page.
const loadComparison = () => import('@/components/compare/comparison-view');
const LazyComparisonView = lazy(() => loadComparison().then((module) => ({ default: module.ComparisonView })));

/** Starts loading the comparison's code ahead of the first one. */
export function preloadComparison(): void {
  void loadComparison();
}

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
  onFailureAction,
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
  /** Opens the place a failure's advice points to (the keys dialog, the settings); without it the advice is text. */
  onFailureAction?: (action: FailureAction) => void;
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
  const view: RunView = { state, interrupted, live: live ? { clock: snapshot.clock, now } : undefined };
  const fold = useDiagramFold(defaultOpen, view);

  if (state.run?.baseline) {
    // A comparison: the two answers, and the MoA's diagram where the comparison's mode allows it.
    return (
      <Suspense fallback={<div className="min-h-40" aria-busy="true" />}>
        <LazyComparisonView
          state={state}
          live={live}
          question={question}
          readOnly={readOnly}
          judgeModel={judgeModel}
          sharedComparison={sharedComparison}
          onJudged={onJudged ? (judgment) => onJudged(message.id, judgment) : undefined}
          diagramOpen={defaultOpen}
          renderDiagram={(open) => <CollapsibleRun view={view} defaultOpen={open} />}
        />
      </Suspense>
    );
  }
  const panelId = `run-${state.run?.runId ?? message.id}`;
  return (
    <div className="space-y-2">
      <RunHeader view={view} open={fold.open} onToggle={fold.toggle} panelId={panelId} />
      {/* Side by side while the diagram is open and the conversation's column (not the window: the chat's sidebar
          takes part of it) fits both; folded, the answer has the whole width. */}
      <div
        className={`grid grid-cols-[minmax(0,1fr)] gap-4 ${fold.open ? '@5xl:grid-cols-[minmax(0,auto)_minmax(22rem,1fr)] @5xl:items-start' : ''}`}
      >
        <RunPanel view={view} open={fold.open} panelId={panelId} />
        {/* Stacked, the answer comes first: the diagram must never push it below the fold. */}
        <div
          data-testid="answer"
          aria-busy={live ? true : undefined}
          className="order-first min-w-0 rounded-lg border border-zinc-200 px-4 py-3 @5xl:order-none dark:border-zinc-800"
        >
          {state.answer ? (
            <LazyMarkdown text={state.answer} streaming={live} />
          ) : failure ? (
            <FailureLine failure={failure} onAction={readOnly ? undefined : onFailureAction} />
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
    </div>
  );
});

/** Why the run failed and what to do, the place to go as a button when the page can take the user there. */
function FailureLine({ failure, onAction }: { failure: RunFailure; onAction?: (action: FailureAction) => void }) {
  const { action } = failure;
  return (
    <p role="alert" data-testid="run-failure" className="text-sm text-red-800 dark:text-red-300">
      {action && onAction && failure.advice ? (
        <>
          {failure.cause} → {failure.advice}{' '}
          <button
            type="button"
            data-testid="run-failure-action"
            onClick={() => onAction(action.kind)}
            className="rounded font-medium underline hover:no-underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600"
          >
            {action.label}
          </button>
        </>
      ) : (
        runFailureText(failure)
      )}
    </p>
  );
}
