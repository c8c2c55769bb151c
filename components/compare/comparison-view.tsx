'use client';
import { useState } from 'react';
import { comparisonFigures, moaGoesFirst, ratioSentence, type SideFigures } from '@/lib/client/comparison';
import { describeRequestError, fetchWithErrorDetails } from '@/lib/client/request-error';
import type { RunState } from '@/lib/client/run-state';
import { browserId, useComparisonMemory, type VoteChoice } from '@/lib/client/votes';
import { formatCost, formatCount, formatDuration } from '@/lib/format';
import { judgmentSchema } from '@/lib/protocol/judge';
import { BASELINE_AGENT_ID, type JudgePart } from '@/lib/protocol/run-parts';
import { LazyMarkdown } from '@/components/markdown/lazy-markdown';

type Side = 'moa' | 'baseline';

/** A comparison as the sharer left it. */
export type SharedComparison = { revealed: boolean; vote?: VoteChoice };

interface ComparisonViewProps {
  state: RunState;
  live: boolean;
  /** The question both sides answered (the judge reads it). */
  question: string;
  /** Keeps a judgment asked for after the run with the conversation. */
  onJudged?: (judgment: JudgePart) => void;
  /** Shared pages show a comparison without voting on it. */
  readOnly?: boolean;
  /** The model to judge with; the server picks its best when unset. */
  judgeModel?: string;
  /** On a shared page: whether the sharer revealed the labels, and their vote. */
  sharedComparison?: SharedComparison;
}

/**
 * The MoA answer beside a single model's answer to the same question, with each side's time to first token, total
 * time, tokens and cost. Blind by default: the columns are "A" and "B" in an order fixed per run, until the user
 * votes or reveals them. A judge model can be asked to compare them in both orders.
 */
export function ComparisonView({ state, live, question, onJudged, readOnly = false, judgeModel, sharedComparison }: ComparisonViewProps) {
  const runId = state.run?.runId ?? '';
  const { memory, update } = useComparisonMemory();
  const remembered = memory[runId];
  const [voteError, setVoteError] = useState<string>();
  const [judging, setJudging] = useState(false);
  const [judgeError, setJudgeError] = useState<string>();

  const figures = comparisonFigures(state);
  const baseline = state.agents[BASELINE_AGENT_ID];
  const baselineInfo = state.run?.baseline;
  const order: Side[] = moaGoesFirst(runId) ? ['moa', 'baseline'] : ['baseline', 'moa'];
  const [revealedHere, setRevealedHere] = useState(false);
  const revealed = readOnly
    ? sharedComparison?.revealed !== false || revealedHere
    : remembered?.revealed === true || remembered?.vote !== undefined;
  const labelOf = (side: Side) => (order[0] === side ? 'A' : 'B');
  const finished = !live && state.summary?.status === 'done' && baseline?.status === 'done';
  const sentence = finished ? ratioSentence(figures) : undefined;

  const answers: Record<Side, string> = { moa: state.answer, baseline: baseline?.text ?? baseline?.liveText ?? '' };
  const titles: Record<Side, string> = {
    moa: `Mixture-of-Agents${state.run?.preset ? ` (${state.run.preset})` : ''}`,
    baseline: `Single model: ${baselineInfo?.displayName ?? 'baseline'}`,
  };

  const vote = async (choice: VoteChoice) => {
    setVoteError(undefined);
    const response = await fetchWithErrorDetails('/api/votes', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        comparisonId: runId,
        browserId: browserId(),
        vote: choice,
        preset: state.run?.preset,
        moaModels: state.run?.layers.flatMap((layer) => layer.agents.map((agent) => agent.model)) ?? [],
        baselineModel: baselineInfo?.model ?? 'unknown:unknown',
        questionLength: question.length,
        moa: { timeMs: figures.moa.timeMs ?? 0, cost: figures.moa.cost ?? 0 },
        baseline: { timeMs: figures.baseline.timeMs ?? 0, cost: figures.baseline.cost ?? 0 },
      }),
    }).catch(() => undefined);
    if (!response) return setVoteError('The vote could not be sent. Check your connection and try again.');
    if (response.ok) return update(runId, { vote: choice });
    const problem = describeRequestError(new Error(await response.text()));
    // A vote the server already has (cast in another tab) is still this browser's vote.
    if (response.status === 409) return update(runId, { vote: choice });
    setVoteError(problem.message);
  };

  const judge = async () => {
    setJudging(true);
    setJudgeError(undefined);
    try {
      const response = await fetchWithErrorDetails('/api/judge', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          question,
          moaAnswer: answers.moa,
          baselineAnswer: answers.baseline,
          preset: state.run?.preset,
          moaModels: state.run?.layers.flatMap((layer) => layer.agents.map((agent) => agent.model)),
          baselineModel: baselineInfo?.model,
          judgeModel,
        }),
      });
      if (!response.ok) throw new Error(await response.text());
      const judgment = judgmentSchema.parse(await response.json());
      onJudged?.({ status: 'done', ...judgment });
    } catch (error) {
      setJudgeError(describeRequestError(error instanceof Error ? error : new Error(String(error))).message);
    } finally {
      setJudging(false);
    }
  };

  return (
    <section aria-label="Single model and MoA, side by side" data-testid="comparison" className="space-y-3">
      {sentence && (
        <p data-testid="comparison-ratio" className="text-sm font-medium">
          {sentence}
        </p>
      )}
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
        {order.map((side) => (
          <article
            key={side}
            data-testid={`comparison-${labelOf(side)}`}
            data-side={revealed ? side : undefined}
            aria-label={revealed ? titles[side] : `Answer ${labelOf(side)}`}
            className="min-w-0 rounded-lg border border-zinc-200 px-4 py-3 dark:border-zinc-800"
          >
            <h3 className="mb-2 text-sm font-semibold">
              {revealed ? `${labelOf(side)} · ${titles[side]}` : `Answer ${labelOf(side)}`}
            </h3>
            {answers[side] ? (
              <LazyMarkdown text={answers[side]} streaming={live} />
            ) : (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">{sideStatus(side, state)}</p>
            )}
            <SideStats figures={figures[side]} />
          </article>
        ))}
      </div>
      {!readOnly && finished && (
        <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="vote-bar">
          {remembered?.vote ? (
            <p data-testid="vote-recorded">
              You voted: {voteLabel(remembered.vote, labelOf)}. Thank you, your vote is recorded (see the{' '}
              <a href="/stats" className="underline">
                stats
              </a>
              ).
            </p>
          ) : (
            <>
              <span>Which answer is better?</span>
              {(['moa', 'baseline'] as const)
                .slice()
                .sort((left, right) => labelOf(left).localeCompare(labelOf(right)))
                .map((side) => (
                  <button key={side} type="button" onClick={() => void vote(side)} className="rounded-md border border-zinc-300 px-2.5 py-1 dark:border-zinc-700">
                    {labelOf(side)} is better
                  </button>
                ))}
              <button type="button" onClick={() => void vote('tie')} className="rounded-md border border-zinc-300 px-2.5 py-1 dark:border-zinc-700">
                Tie
              </button>
              <button type="button" onClick={() => void vote('both-bad')} className="rounded-md border border-zinc-300 px-2.5 py-1 dark:border-zinc-700">
                Both bad
              </button>
              {!revealed && (
                <button type="button" onClick={() => update(runId, { revealed: true })} className="rounded-md px-2.5 py-1 underline">
                  Reveal which is which
                </button>
              )}
            </>
          )}
          {voteError && (
            <p role="alert" className="w-full text-red-800 dark:text-red-300">
              {voteError}
            </p>
          )}
        </div>
      )}
      {readOnly && sharedComparison && (
        <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="shared-comparison">
          {sharedComparison.vote && <p>The person who shared this voted: {voteLabel(sharedComparison.vote, labelOf)}.</p>}
          {!revealed && (
            <button type="button" onClick={() => setRevealedHere(true)} className="rounded-md px-2.5 py-1 underline">
              Reveal which is which
            </button>
          )}
        </div>
      )}
      <JudgeArea judge={state.judge} labelOf={labelOf} revealed={revealed} />
      {!readOnly && finished && !state.judge && (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <button
            type="button"
            data-testid="ask-judge"
            disabled={judging}
            onClick={() => void judge()}
            className="rounded-md border border-zinc-300 px-2.5 py-1 disabled:opacity-50 dark:border-zinc-700"
          >
            {judging ? 'The judge is reading both answers…' : 'Ask a judge model'}
          </button>
          {judgeError && (
            <p role="alert" className="text-red-800 dark:text-red-300">
              {judgeError}
            </p>
          )}
        </div>
      )}
    </section>
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

function JudgeArea({ judge, labelOf, revealed }: { judge: JudgePart | undefined; labelOf: (side: Side) => string; revealed: boolean }) {
  if (!judge) return null;
  const name = (side: Side) => (revealed ? `${labelOf(side)} (${side === 'moa' ? 'MoA' : 'single model'})` : labelOf(side));
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
