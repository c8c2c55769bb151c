'use client';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import {
  comparisonFigures,
  comparisonProgress,
  ratioSentence,
  receiptClaimsOf,
  sideAnswers,
  sideOrder,
  type Side,
  type SideFigures,
} from '@/lib/client/comparison';
import { describeRequestError, postJson } from '@/lib/client/request-error';
import type { RunState } from '@/lib/client/run-state';
import { useComparisonMemory, type VoteChoice } from '@/lib/client/votes';
import { formatCost, formatCount, formatDuration } from '@/lib/format';
import { judgmentSchema } from '@/lib/protocol/judge';
import { voteResponseSchema } from '@/lib/protocol/vote';
import { BASELINE_AGENT_ID, type JudgePart } from '@/lib/protocol/run-parts';
import { LazyMarkdown } from '@/components/markdown/lazy-markdown';

/** A comparison as the sharer left it. */
export type SharedComparison = { revealed: boolean; vote?: VoteChoice };

interface ComparisonViewProps {
  state: RunState;
  live: boolean;
  /** The question both sides answered (the judge reads it). */
  question: string;
  /** Keeps a judgment asked for after the run with the conversation. */
  onJudged?: (judgment: JudgePart) => void;
  /** Shared pages offer no judge. */
  readOnly?: boolean;
  /** The model to judge with; the server picks its best when unset. */
  judgeModel?: string;
  /** On a shared page: whether the sharer revealed the sides, and their vote. */
  sharedComparison?: SharedComparison;
  /** The MoA's diagram, open or collapsed. */
  renderDiagram: (defaultOpen: boolean) => ReactNode;
  /** Whether an open comparison's diagram starts open. */
  diagramOpen: boolean;
}

/**
 * The MoA answer beside a single model's answer to the same question.
 *
 * Blind (the default): until this browser votes or reveals, the page shows nothing that tells the sides apart: one
 * progress line for the comparison as a whole while it runs, then both answers at once, as "A" and "B" in the
 * order the server drew for its receipt, with the vote right under them. Voting or revealing shows everything:
 * which is which, each side's time, tokens and cost, the ratio line and the diagram (collapsed).
 *
 * Open: everything shows live, as it streams; its votes are stored as open and never counted in the blind win rate.
 */
export function ComparisonView(props: ComparisonViewProps) {
  const { state, live, readOnly = false, sharedComparison, renderDiagram, diagramOpen } = props;
  const runId = state.run?.runId ?? '';
  const { memory, update } = useComparisonMemory();
  const remembered = memory[runId];
  const mode = state.run?.comparisonMode ?? 'open';
  const claims = receiptClaimsOf(state);
  const order = sideOrder(claims);
  const labelOf = (side: Side) => (order[0] === side ? 'A' : 'B');
  const revealed =
    mode === 'open' || remembered?.revealed === true || remembered?.vote !== undefined || sharedComparison?.revealed === true;
  const answers = sideAnswers(state);
  const vote = useMutation({
    mutationFn: ({ choice, receipt }: { choice: VoteChoice; receipt: string }) =>
      postJson('/api/votes', { comparisonId: runId, receipt, vote: choice }, voteResponseSchema),
    onSuccess: (_recorded, { choice, receipt }) => update(runId, { vote: choice, receipt, outcome: 'recorded' }),
    onError: (error, { choice, receipt }) => {
      // The comparison has a vote already (this browser's in another tab, or another visitor's of a share).
      if (describeRequestError(error).code === 'already_voted') update(runId, { vote: choice, receipt, outcome: 'already-voted' });
    },
  });
  const voteFailure = vote.error ? describeRequestError(vote.error) : undefined;
  const voteError =
    voteFailure?.code === 'already_voted'
      ? undefined
      : voteFailure?.kind === 'network'
        ? 'The vote could not be sent. Check your connection and try again.'
        : voteFailure?.message;

  const voteBar = claims && !remembered?.vote && (mode === 'open' || !revealed) && (
    <VoteBar
      labelOf={labelOf}
      onVote={(choice) => state.receipt && vote.mutate({ choice, receipt: state.receipt.token })}
      onReveal={revealed ? undefined : () => update(runId, { revealed: true })}
      error={voteError}
    />
  );

  if (!revealed) {
    return (
      <section aria-label="Two answers to compare" data-testid="comparison" className="space-y-3">
        {claims ? (
          <>
            <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
              {order.map((side) => (
                <AnswerColumn key={labelOf(side)} label={labelOf(side)} text={answers[side]} />
              ))}
            </div>
            {voteBar}
          </>
        ) : (
          <BlindWait state={state} live={live} onReveal={() => update(runId, { revealed: true })} />
        )}
      </section>
    );
  }

  const figures = comparisonFigures(state);
  const baseline = state.agents[BASELINE_AGENT_ID];
  const finished = state.summary?.status === 'done' && baseline?.status === 'done';
  const sentence = finished ? ratioSentence(figures) : undefined;
  const titles: Record<Side, string> = {
    moa: `Mixture-of-Agents${state.run?.preset ? ` (${state.run.preset})` : ''}`,
    baseline: `Single model: ${state.run?.baseline?.displayName ?? 'baseline'}`,
  };
  return (
    <div className="space-y-4">
      {mode === 'open' && renderDiagram(diagramOpen)}
      <section aria-label="Single model and MoA, side by side" data-testid="comparison" className="space-y-3">
        {sentence && (
          <p data-testid="comparison-ratio" className="text-sm font-medium">
            {sentence}
          </p>
        )}
        <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
          {order.map((side) => (
            <AnswerColumn
              key={side}
              label={labelOf(side)}
              side={side}
              title={`${labelOf(side)} · ${titles[side]}`}
              text={answers[side]}
              streaming={live}
              status={sideStatus(side, state)}
              figures={figures[side]}
            />
          ))}
        </div>
        {voteBar}
        {remembered?.vote && <VoteRecorded vote={remembered.vote} alreadyVoted={remembered.outcome === 'already-voted'} labelOf={labelOf} />}
        {sharedComparison?.vote && (
          <p className="text-sm" data-testid="shared-comparison">
            The person who shared this voted: {voteLabel(sharedComparison.vote, labelOf)}.
          </p>
        )}
        {mode === 'blind' && !remembered?.vote && !sharedComparison?.vote && claims && (
          <p className="text-sm text-zinc-700 dark:text-zinc-300">The sides are shown, so this comparison can no longer be voted on blind.</p>
        )}
        <JudgeArea judge={state.judge} labelOf={labelOf} />
        {!readOnly && finished && !state.judge && <AskJudge {...props} answers={answers} />}
      </section>
      {mode === 'blind' && renderDiagram(false)}
    </div>
  );
}

/** While a blind comparison has no receipt: one progress line for both sides, or why there is nothing to vote on. */
function BlindWait({ state, live, onReveal }: { state: RunState; live: boolean; onReveal: () => void }) {
  if (live) {
    const { ended, total } = comparisonProgress(state);
    return (
      <p role="status" data-testid="comparison-progress" className="rounded-lg border border-zinc-200 px-4 py-3 text-sm dark:border-zinc-800">
        Both answers are being written… {ended} of {total} calls done
      </p>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2 rounded-lg border border-zinc-200 px-4 py-3 text-sm dark:border-zinc-800">
      <p>This comparison did not finish with two answers, so there is nothing to vote on.</p>
      <Button variant="link" onClick={onReveal}>
        Show what happened
      </Button>
    </div>
  );
}

function AnswerColumn({
  label,
  side,
  title,
  text,
  streaming = false,
  status,
  figures,
}: {
  label: string;
  /** Only once the sides are revealed. */
  side?: Side;
  title?: string;
  text: string;
  streaming?: boolean;
  status?: string;
  figures?: SideFigures;
}) {
  return (
    <article
      data-testid={`comparison-${label}`}
      data-side={side}
      aria-label={title ?? `Answer ${label}`}
      className="min-w-0 rounded-lg border border-zinc-200 px-4 py-3 dark:border-zinc-800"
    >
      <h3 className="mb-2 text-sm font-semibold">{title ?? `Answer ${label}`}</h3>
      {text ? <LazyMarkdown text={text} streaming={streaming} /> : <p className="text-sm text-zinc-600 dark:text-zinc-400">{status}</p>}
      {figures && <SideStats figures={figures} />}
    </article>
  );
}

function VoteBar({
  labelOf,
  onVote,
  onReveal,
  error,
}: {
  labelOf: (side: Side) => string;
  onVote: (choice: VoteChoice) => void;
  /** Absent once the sides are shown. */
  onReveal?: () => void;
  error?: string;
}) {
  const sides = (['moa', 'baseline'] as const).slice().sort((left, right) => labelOf(left).localeCompare(labelOf(right)));
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="vote-bar">
      <span>Which answer is better?</span>
      {sides.map((side) => (
        <Button key={labelOf(side)} onClick={() => onVote(side)}>
          {labelOf(side)} is better
        </Button>
      ))}
      <Button onClick={() => onVote('tie')}>
        Tie
      </Button>
      <Button onClick={() => onVote('both-bad')}>
        Both bad
      </Button>
      {onReveal && (
        <Button variant="link" onClick={onReveal}>
          Reveal which is which
        </Button>
      )}
      {error && (
        <p role="alert" className="w-full text-red-800 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}

function VoteRecorded({ vote, alreadyVoted, labelOf }: { vote: VoteChoice; alreadyVoted: boolean; labelOf: (side: Side) => string }) {
  return (
    <p data-testid="vote-recorded" className="text-sm">
      You voted: {voteLabel(vote, labelOf)}.{' '}
      {alreadyVoted
        ? 'This comparison already had a vote, and only the first one counts.'
        : 'Thank you, your vote is recorded.'}{' '}
      See the{' '}
      <a href="/stats" className="underline">
        stats
      </a>
      .
    </p>
  );
}

function AskJudge({ state, question, judgeModel, onJudged, answers }: ComparisonViewProps & { answers: Record<Side, string> }) {
  const judge = useMutation({
    mutationFn: () =>
      postJson(
        '/api/judge',
        { question, moaAnswer: answers.moa, baselineAnswer: answers.baseline, judgeModel, receipt: state.receipt?.token },
        judgmentSchema,
      ),
    onSuccess: (judgment) => onJudged?.({ status: 'done', ...judgment }),
  });
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <Button data-testid="ask-judge" disabled={judge.isPending} onClick={() => judge.mutate()}>
        {judge.isPending ? 'The judge is reading both answers…' : 'Ask a judge model'}
      </Button>
      {judge.error && (
        <p role="alert" className="text-red-800 dark:text-red-300">
          {describeRequestError(judge.error).message}
        </p>
      )}
    </div>
  );
}

function sideStatus(side: Side, state: RunState): string {
  if (side === 'baseline') {
    const baseline = state.agents[BASELINE_AGENT_ID];
    if (baseline?.status === 'failed') return `The single model failed: ${baseline.error?.message ?? 'no answer'}.`;
    return baseline?.status === 'running' ? 'Thinking…' : 'Waiting…';
  }
  if (state.summary?.status === 'error') return `The MoA run failed: ${state.summary.error?.message ?? 'no answer'}.`;
  return 'The aggregator writes once the proposer layers have answered…';
}

function SideStats({ figures }: { figures: SideFigures }) {
  const facts: [string, string][] = [
    ['first token', formatDuration(figures.timeToFirstTokenMs)],
    ['total', formatDuration(figures.timeMs)],
    ['tokens', figures.tokens !== undefined ? formatCount(figures.tokens) : '–'],
    ['cost', formatCost(figures.cost)],
  ];
  return (
    <dl className="mt-3 flex flex-wrap gap-x-4 gap-y-1 border-t border-zinc-200 pt-2 text-xs text-zinc-600 tabular-nums dark:border-zinc-800 dark:text-zinc-400">
      {facts.map(([term, value]) => (
        <div key={term} className="flex gap-1">
          <dt>{term}</dt>
          <dd className="font-medium text-zinc-800 dark:text-zinc-200">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function voteLabel(vote: VoteChoice, labelOf: (side: Side) => string): string {
  if (vote === 'tie') return 'a tie';
  if (vote === 'both-bad') return 'both bad';
  return `${labelOf(vote)} is better`;
}

function JudgeArea({ judge, labelOf }: { judge: JudgePart | undefined; labelOf: (side: Side) => string }) {
  if (!judge) return null;
  const name = (side: Side) => `${labelOf(side)} (${side === 'moa' ? 'MoA' : 'single model'})`;
  const verdict =
    judge.status === 'running'
      ? 'The judge is reading both answers…'
      : judge.status === 'failed'
        ? `The judge failed: ${judge.error?.message ?? 'unknown error'}`
        : judge.status === 'skipped'
          ? `No judgment: ${judge.reason ?? 'one side did not answer'}`
          : judge.verdict === 'moa' || judge.verdict === 'baseline'
            ? `The judge prefers ${name(judge.verdict)}.`
            : judge.verdict === 'tie'
              ? 'The judge calls it a tie.'
              : 'The judge gave no consistent verdict.';
  return (
    <div data-testid="judge-verdict" className="rounded-md bg-zinc-50 px-3 py-2 text-sm dark:bg-zinc-900">
      <p className="font-medium">
        {verdict}
        {judge.simulated ? ' (simulated judge)' : ''}
      </p>
      {judge.status === 'done' && judge.reason && <p className="text-zinc-700 dark:text-zinc-300">{judge.reason}</p>}
      <p className="text-xs text-zinc-600 dark:text-zinc-400">Judge: {judge.judgeModel}, both orders read.</p>
    </div>
  );
}
