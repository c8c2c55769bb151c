import { describe, expect, it } from 'vitest';
import type { Question } from '@/lib/eval/questions/question';
import { estimateAnswerUsd, estimateJudgeUsd, estimateRemainingUsd } from '@/lib/eval/run/estimate-spend';
import { prepareEval } from '@/lib/eval/run/prepare-eval';
import { evalModels, evalSettings } from '@/tests/support/eval-fixtures';

// Every fixture model costs $1 per million tokens in and out; four characters make a token.
const { getModel } = evalModels();
const oneTurn: Question = { id: 'q', category: 'general', turns: ['abcd'] };
const twoTurns: Question = { id: 'q2', category: 'general', turns: ['abcd', 'efghijkl'] };
const single = { id: 's', kind: 'model' as const, spec: { model: 'simulator:s', temperature: 0.7, maxOutputTokens: 512 } };
const moa = {
  id: 'm',
  kind: 'moa' as const,
  config: {
    layers: [{ agents: [{ model: 'simulator:p', temperature: 0.7, maxOutputTokens: 100 }] }],
    aggregator: { model: 'simulator:a', temperature: 0.7, maxOutputTokens: 200 },
    agentTimeoutMs: 60_000,
    maxRetries: 2,
  },
};

describe('spend estimates', () => {
  it('prices a single model’s turn at its input and whole output allowance', () => {
    expect(estimateAnswerUsd(single, oneTurn, getModel)).toBeCloseTo((1 + 512) / 1e6, 12);
  });

  it('carries the earlier turn and its longest answer into the next turn', () => {
    // Turn 1: 1 in + 512 out. Turn 2: 1 + 512 + 2 in + 512 out.
    expect(estimateAnswerUsd(single, twoTurns, getModel)).toBeCloseTo((513 + 1027) / 1e6, 12);
  });

  it('gives a MoA’s aggregator the previous layer’s answers and the prompt around them', () => {
    // Proposer: 1 in + 100 out. Aggregator: 1 + 300 + 100 in + 200 out.
    expect(estimateAnswerUsd(moa, oneTurn, getModel)).toBeCloseTo((101 + 601) / 1e6, 12);
  });

  it('prices a pairwise judgment as two readings', () => {
    expect(estimateJudgeUsd('simulator:judge', 400, getModel)).toBeCloseTo((2 * (100 + 300 + 400)) / 1e6, 12);
  });

  it('leaves out what earlier records already cover', () => {
    const prepared = prepareEval({ settings: evalSettings({ limit: 2 }), questionSet: { id: 'x', name: 'x', description: '', questions: [oneTurn, twoTurns] }, getModel });
    const everything = estimateRemainingUsd(prepared, getModel, []);
    const answerTurn = { status: 'done' as const, text: 'a', totalMs: 1, inputTokens: 1, outputTokens: 1, costUsd: 0 };
    const lessOne = estimateRemainingUsd(prepared, getModel, [{ type: 'answer', questionId: 'q', contestantId: 'single', turns: [answerTurn] }]);
    expect(everything).toBeGreaterThan(0);
    expect(everything - lessOne).toBeCloseTo(estimateAnswerUsd(prepared.contestants[1] as typeof single, oneTurn, getModel), 12);
  });
});
