import { costOf } from '@/lib/moa/model-handle';
import { everyLayer } from '@/lib/protocol/moa-config';
import { estimateTokens, estimateTokensOfLength } from '@/lib/tokens';
import type { Question } from '../questions/question';
import type { EvalRecord } from './eval-records';
import { answerKey, judgedKey } from './eval-records';
import type { ResolvedContestant } from './contestant';
import type { ModelDirectory } from './eval-backend';
import type { PreparedEval } from './prepare-eval';

/**
 * Upper estimates of what calls will cost, from catalog prices, before they are made: every call's input (by
 * `estimateTokens`) and its whole output allowance. The run is stopped before a call whose estimate would take its
 * spend past the cap, so the cap holds even though real costs are only known afterwards.
 */

/** The aggregate-and-synthesize prompt, tags and task text around the answers a judge or aggregator reads. */
const PROMPT_OVERHEAD_TOKENS = 300;
/** The judge's reason and its verdict or rating line (the judge's `maxOutputTokens`). */
const JUDGE_OUTPUT_TOKENS = 400;

function callUsd(getModel: ModelDirectory, modelId: string, inputTokens: number, outputTokens: number): number {
  return costOf(getModel(modelId).info, { inputTokens, outputTokens });
}

/** A contestant answering every turn of a question, each turn carrying the earlier turns and their answers. */
export function estimateAnswerUsd(contestant: ResolvedContestant, question: Question, getModel: ModelDirectory): number {
  const answerTokens = contestant.kind === 'moa' ? contestant.config.aggregator.maxOutputTokens : contestant.spec.maxOutputTokens;
  let total = 0;
  let conversationTokens = 0;
  for (const asked of question.turns) {
    conversationTokens += estimateTokens(asked);
    if (contestant.kind === 'model') {
      total += callUsd(getModel, contestant.spec.model, conversationTokens, contestant.spec.maxOutputTokens);
    } else {
      let previousOutput = 0;
      for (const agents of everyLayer(contestant.config)) {
        for (const agent of agents) {
          const references = previousOutput > 0 ? PROMPT_OVERHEAD_TOKENS + previousOutput : 0;
          total += callUsd(getModel, agent.model, conversationTokens + references, agent.maxOutputTokens);
        }
        previousOutput = agents.reduce((sum, agent) => sum + agent.maxOutputTokens, 0);
      }
    }
    conversationTokens += answerTokens;
  }
  return total;
}

/** A pairwise judgment: two readings of the question and both answers. */
export function estimateJudgeUsd(judgeModel: string, textChars: number, getModel: ModelDirectory): number {
  return 2 * callUsd(getModel, judgeModel, estimateTokensOfLength(textChars) + PROMPT_OVERHEAD_TOKENS, JUDGE_OUTPUT_TOKENS);
}

/** A single-answer grade: one reading of the conversation, the answer and any reference. */
export function estimateGradeUsd(judgeModel: string, textChars: number, getModel: ModelDirectory): number {
  return callUsd(getModel, judgeModel, estimateTokensOfLength(textChars) + PROMPT_OVERHEAD_TOKENS, JUDGE_OUTPUT_TOKENS);
}

/** Characters of a question's turns up to `turn` and of the longest answer allowed for each: a judge's input. */
export function judgedTextChars(question: Question, turn: number, answerChars: number[]): number {
  const asked = question.turns.slice(0, turn + 1).reduce((sum, text) => sum + text.length, 0);
  return asked + answerChars.reduce((sum, chars) => sum + chars, 0) + (question.reference?.[turn]?.length ?? 0);
}

/**
 * The most the work still to do can cost: every answer not yet recorded, and every judgment, each with the longest
 * answers allowed. Shown before a run starts, beside the cap.
 */
export function estimateRemainingUsd(prepared: PreparedEval, getModel: ModelDirectory, previous: EvalRecord[]): number {
  const { settings, questions, contestants } = prepared;
  const answered = new Set(previous.flatMap((record) => (record.type === 'answer' ? [answerKey(record.questionId, record.contestantId)] : [])));
  const judged = new Set(
    previous.flatMap((record) => (record.type === 'pairwise' || record.type === 'grade' ? [judgedKey(record.questionId, record.contestantId, record.turn)] : [])),
  );
  const longestAnswerChars = Math.max(
    ...contestants.map((contestant) => 4 * (contestant.kind === 'moa' ? contestant.config.aggregator.maxOutputTokens : contestant.spec.maxOutputTokens)),
  );
  const judgedContestants = settings.protocol === 'pairwise' ? contestants.filter((contestant) => contestant.id !== settings.referenceId) : contestants;
  let total = 0;
  for (const question of questions) {
    for (const contestant of contestants) {
      if (!answered.has(answerKey(question.id, contestant.id))) total += estimateAnswerUsd(contestant, question, getModel);
    }
    for (const contestant of judgedContestants) {
      question.turns.forEach((_, turn) => {
        if (judged.has(judgedKey(question.id, contestant.id, turn))) return;
        const answers = Array.from({ length: settings.protocol === 'pairwise' ? 2 : turn + 1 }, () => longestAnswerChars);
        const chars = judgedTextChars(question, turn, answers);
        total += settings.protocol === 'pairwise' ? estimateJudgeUsd(settings.judgeModel, chars, getModel) : estimateGradeUsd(settings.judgeModel, chars, getModel);
      });
    }
  }
  return total;
}
