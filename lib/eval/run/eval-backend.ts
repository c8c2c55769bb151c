import type { ModelInfo } from '@/lib/moa/model-handle';
import type { ConversationMessage } from '@/lib/protocol/moa-request';
import type { Judgment } from '@/lib/protocol/judge';
import type { ResolvedContestant } from './contestant';
import type { AnswerTurn } from './eval-records';

/**
 * What a model is, for an evaluation's checks and estimates: its price and whether it is simulated. Throws for an id
 * it does not know. The engine's `GetModel` is one; the page builds one from the catalog.
 */
export type ModelDirectory = (modelId: string) => { info: ModelInfo };

/** What the judge reads to grade one turn of an answer, MT-Bench style. */
export interface GradeInput {
  earlierTurns: { question: string; answer: string }[];
  question: string;
  answer: string;
  /** A checked answer, for reference-guided grading. */
  reference?: string;
}

export interface GradeResult {
  /** Absent when the judge's reply held no readable rating. */
  score?: number;
  reason: string;
  costUsd: number;
}

export interface JudgeCallOptions {
  judgeModel: string;
  seed: number;
  signal: AbortSignal;
}

/**
 * Where an evaluation's model calls go: the engine in-process (the command line) or the app's routes (the page).
 * Either way the same rules hold: a MoA turn is a paper-exact run, a judgment reads the pair in both orders.
 *
 * `answerTurn` resolves to a failed turn when the models failed; it rejects only when the turn could not be asked at
 * all (stopped, refused by the server, offline), and then nothing of it is recorded: a resumed run asks it again.
 */
export interface EvalBackend {
  answerTurn(options: {
    contestant: ResolvedContestant;
    /** The conversation so far, ending with the turn's question. */
    messages: ConversationMessage[];
    seed: number;
    signal: AbortSignal;
  }): Promise<AnswerTurn>;
  comparePair(
    input: { question: string; moaAnswer: string; baselineAnswer: string },
    options: JudgeCallOptions,
  ): Promise<Judgment>;
  grade(input: GradeInput, options: JudgeCallOptions): Promise<GradeResult>;
}
