import { mixSeed } from '@/lib/random';
import { anySignal } from '@/lib/stream/any-signal';
import { REFERENCE_GUIDED_CATEGORIES, type Question } from '../questions/question';
import { answerQuestion } from './answer-question';
import type { ResolvedContestant } from './contestant';
import type { EvalBackend, ModelDirectory } from './eval-backend';
import {
  answerKey,
  judgedKey,
  type AnswerRecord,
  type EvalRecord,
  type GradeRecord,
  type PairwiseRecord,
  type RunRecord,
} from './eval-records';
import { EvalSetupError } from './eval-setup-error';
import { resumeKey } from './eval-settings';
import { estimateAnswerUsd, estimateGradeUsd, estimateJudgeUsd, judgedTextChars } from './estimate-spend';
import type { PreparedEval } from './prepare-eval';
import { TaskPool } from './task-pool';
import { workTotal } from './work-total';

export type EvalTaskKind = 'answer' | 'judge' | 'grade';

export interface EvalProgress {
  /** Answers and judgments the run needs in all, and how many are recorded (or can no longer happen). */
  total: number;
  done: number;
  spentUsd: number;
  inFlight: EvalTaskInFlight[];
}

/** A call under way: what it is, for which question and contestant, at which turn, since when (`Date.now()`). */
export interface EvalTaskInFlight {
  kind: EvalTaskKind;
  questionId: string;
  contestantId: string;
  turn: number;
  startedAt: number;
}

/** Thrown by a backend when the evaluation cannot go on (the server refused it, the network is gone): it halts. */
export class EvalHaltError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvalHaltError';
  }
}

export interface RunEvalOptions {
  prepared: PreparedEval;
  /** Where the calls go: the engine in-process, or the app's routes. */
  backend: EvalBackend;
  /** Prices, for the estimates the spend cap is checked against. */
  models: ModelDirectory;
  /** Records of an earlier, interrupted run of the same evaluation; their work is not done again. */
  previous: EvalRecord[];
  /** Called once per finished record, in order; the run waits for it, so a record is kept before the next. */
  write: (record: EvalRecord) => Promise<void> | void;
  onProgress?: (progress: EvalProgress) => void;
  signal?: AbortSignal;
  /** Wall time for the header's `startedAt`. */
  now?: () => Date;
}

export interface EvalOutcome {
  /**
   * `stopped`: the signal fired; `spend_cap`: the next call could have taken the spend past the cap; `halted`: a call
   * could not be made at all (`haltReason` says why). Resuming goes on from where any of them left off.
   */
  status: 'done' | 'stopped' | 'spend_cap' | 'halted';
  haltReason?: string;
  header: RunRecord;
  /** Every record of the run, the earlier ones included. */
  records: EvalRecord[];
  spentUsd: number;
  /** Judge calls that failed after their retry; those turns stay unjudged until the run is resumed. */
  judgeErrors: string[];
}

/** Checks the earlier records belong to this evaluation, or writes the header of a new one. */
function startOrResume(
  prepared: PreparedEval,
  previous: EvalRecord[],
  now: () => Date,
): { header: RunRecord; fresh: boolean } {
  const [first] = previous;
  if (first === undefined) {
    return {
      fresh: true,
      header: {
        type: 'run',
        version: 1,
        settings: prepared.settings,
        suiteName: prepared.suiteName,
        questionIds: prepared.questions.map((question) => question.id),
        simulated: prepared.simulated,
        startedAt: now().toISOString(),
      },
    };
  }
  if (first.type !== 'run')
    throw new EvalSetupError('invalid_results', 'the results do not start with the run’s header');
  if (resumeKey(first.settings) !== resumeKey(prepared.settings)) {
    throw new EvalSetupError(
      'results_mismatch',
      'the results belong to another evaluation (suite, protocol, contestants, reference, judge or seed differ); use another output file',
    );
  }
  if (first.simulated !== prepared.simulated) {
    throw new EvalSetupError('results_mismatch', 'simulated and real results cannot go in one file');
  }
  return { header: first, fresh: false };
}

/**
 * Runs an evaluation: every contestant answers every question (all turns), then the judge compares each turn with
 * the reference's (pairwise) or grades it (mt-bench). Work already in `previous` is skipped, every finished answer
 * or judgment is written at once, and a stop (signal or spend cap) loses only the calls in flight, which are asked
 * again on resume. Setup problems throw `EvalSetupError` before anything runs; once started it rejects only when
 * `write` fails, and then starts nothing more.
 */
export async function runEval(options: RunEvalOptions): Promise<EvalOutcome> {
  const { prepared, backend, models } = options;
  const { settings, questions, contestants } = prepared;
  const halt = new AbortController();
  let haltReason: string | undefined;
  const signal = anySignal([options.signal ?? new AbortController().signal, halt.signal]);
  const { header, fresh } = startOrResume(prepared, options.previous, options.now ?? (() => new Date()));

  const records: EvalRecord[] = fresh ? [header] : [...options.previous];
  const answers = new Map<string, AnswerRecord>();
  const judged = new Set<string>();
  for (const record of records) {
    if (record.type === 'answer') answers.set(answerKey(record.questionId, record.contestantId), record);
    if (record.type === 'pairwise' || record.type === 'grade')
      judged.add(judgedKey(record.questionId, record.contestantId, record.turn));
  }

  // The cap covers the whole evaluation, so a resumed run counts what the earlier part spent.
  let spentUsd = records.reduce((sum, record) => sum + recordCost(record), 0);
  let committedUsd = 0;
  let capReached = false;
  const cap = settings.spendCapUsd ?? Infinity;
  const pool = new TaskPool(settings.concurrency, (estimateUsd) => {
    if (spentUsd + committedUsd + estimateUsd > cap) {
      capReached = true;
      return false;
    }
    return true;
  });
  const stop = () => pool.close();
  signal.addEventListener('abort', stop, { once: true });

  const judgedContestants =
    settings.protocol === 'pairwise'
      ? contestants.filter((contestant) => contestant.id !== settings.referenceId)
      : contestants;
  const progress: EvalProgress = {
    total: workTotal(settings, questions),
    done: 0,
    spentUsd: 0,
    inFlight: [],
  };
  const report = () => options.onProgress?.({ ...progress, spentUsd, inFlight: [...progress.inFlight] });

  let writing: Promise<void> = fresh ? Promise.resolve(options.write(header)) : Promise.resolve();
  const keep = (record: EvalRecord, costUsd: number) => {
    records.push(record);
    spentUsd += costUsd;
    progress.done += 1;
    writing = writing.then(() => options.write(record));
    return writing;
  };

  /** Runs one task in the pool, tracking it as in flight and its estimate as committed spend. */
  const schedule = async <T>(
    kind: EvalTaskKind,
    question: Question,
    contestant: ResolvedContestant,
    turn: number,
    priority: number,
    estimateUsd: number,
    task: (flight: EvalTaskInFlight) => Promise<T>,
  ): Promise<T | null> => {
    const flight: EvalTaskInFlight = { kind, questionId: question.id, contestantId: contestant.id, turn, startedAt: 0 };
    return pool.run(
      priority,
      estimateUsd,
      async () => {
        committedUsd += estimateUsd;
        flight.startedAt = Date.now();
        progress.inFlight.push(flight);
        report();
        try {
          return await task(flight);
        } finally {
          committedUsd -= estimateUsd;
          progress.inFlight.splice(progress.inFlight.indexOf(flight), 1);
        }
      },
      report,
    );
  };

  const answerOf = async (question: Question, contestant: ResolvedContestant): Promise<AnswerRecord | null> => {
    const known = answers.get(answerKey(question.id, contestant.id));
    if (known) return known;
    const record = await schedule(
      'answer',
      question,
      contestant,
      0,
      1,
      estimateAnswerUsd(contestant, question, models),
      (flight) =>
        answerQuestion({
          backend,
          contestant,
          question,
          seed: mixSeed(settings.seed, contestant.id),
          signal,
          onTurn: (turn) => {
            flight.turn = turn;
            report();
          },
        }),
    );
    if (!record) return null;
    answers.set(answerKey(question.id, contestant.id), record);
    await keep(record, recordCost(record));
    return record;
  };

  const judgeCall = { judgeModel: settings.judgeModel, seed: settings.seed, signal };

  const comparePair = async (
    question: Question,
    turn: number,
    contestant: ResolvedContestant,
    own: string,
    reference: string,
  ) => {
    const estimate = estimateJudgeUsd(
      settings.judgeModel,
      judgedTextChars(question, turn, [own.length, reference.length]),
      models,
    );
    const judgment = await schedule('judge', question, contestant, turn, 0, estimate, () =>
      backend
        .comparePair({ question: judgedQuestion(question, turn), moaAnswer: own, baselineAnswer: reference }, judgeCall)
        .catch((error: unknown) => {
          if (signal.aborted) return null;
          throw error;
        }),
    );
    if (!judgment) return;
    const record: PairwiseRecord = {
      type: 'pairwise',
      questionId: question.id,
      turn,
      contestantId: contestant.id,
      referenceId: settings.referenceId ?? '',
      verdict: judgment.verdict,
      ...(judgment.moaScore !== undefined ? { score: judgment.moaScore } : {}),
      reason: judgment.reason,
      orders: judgment.orders,
      contestantChars: own.length,
      referenceChars: reference.length,
      costUsd: estimate,
    };
    judged.add(judgedKey(question.id, contestant.id, turn));
    await keep(record, estimate);
  };

  const grade = async (question: Question, turn: number, contestant: ResolvedContestant, answer: AnswerRecord) => {
    const reference = REFERENCE_GUIDED_CATEGORIES.has(question.category) ? question.reference?.[turn] : undefined;
    const texts = answer.turns.slice(0, turn + 1).map((entry) => entry.text ?? '');
    const estimate = estimateGradeUsd(
      settings.judgeModel,
      judgedTextChars(
        question,
        turn,
        texts.map((text) => text.length),
      ),
      models,
    );
    const result = await schedule('grade', question, contestant, turn, 0, estimate, () =>
      backend
        .grade(
          {
            earlierTurns: question.turns
              .slice(0, turn)
              .map((asked, index) => ({ question: asked, answer: texts[index] ?? '' })),
            question: question.turns[turn] ?? '',
            answer: texts[turn] ?? '',
            ...(reference !== undefined ? { reference } : {}),
          },
          judgeCall,
        )
        .catch((error: unknown) => {
          if (signal.aborted) return null;
          throw error;
        }),
    );
    if (!result) return;
    const record: GradeRecord = {
      type: 'grade',
      questionId: question.id,
      turn,
      contestantId: contestant.id,
      ...(result.score !== undefined ? { score: result.score } : {}),
      referenceGuided: reference !== undefined,
      reason: result.reason,
      costUsd: result.costUsd,
    };
    judged.add(judgedKey(question.id, contestant.id, turn));
    await keep(record, result.costUsd);
  };

  /** Stops everything in flight and starts nothing more; what is recorded stays, a resumed run does the rest. */
  const haltOn = (error: unknown) => {
    haltReason ??= error instanceof Error ? error.message : String(error);
    pool.close();
    halt.abort(error);
  };
  /** A judge call that failed (after its retry) is not recorded: a resumed run tries it again. */
  const judgeErrors: string[] = [];
  const settle = (work: Promise<void>) =>
    work.catch((error: unknown) => {
      if (error instanceof EvalHaltError) haltOn(error);
      else judgeErrors.push(error instanceof Error ? error.message : String(error));
    });

  const processQuestion = async (question: Question) => {
    const answered = await Promise.all(
      contestants.map((contestant) =>
        answerOf(question, contestant).catch((error: unknown) => {
          haltOn(error);
          return null;
        }),
      ),
    );
    const answerBy = new Map(contestants.map((contestant, index) => [contestant.id, answered[index]]));
    const work: Promise<void>[] = [];
    for (const contestant of judgedContestants) {
      const own = answerBy.get(contestant.id);
      for (let turn = 0; turn < question.turns.length; turn += 1) {
        if (judged.has(judgedKey(question.id, contestant.id, turn))) continue;
        const ownText = own?.turns[turn]?.status === 'done' ? own.turns[turn]?.text : undefined;
        if (settings.protocol === 'pairwise') {
          const referenceAnswer = answerBy.get(settings.referenceId ?? '');
          const referenceText =
            referenceAnswer?.turns[turn]?.status === 'done' ? referenceAnswer.turns[turn]?.text : undefined;
          if (ownText !== undefined && referenceText !== undefined)
            work.push(settle(comparePair(question, turn, contestant, ownText, referenceText)));
          else if (own && referenceAnswer) progress.done += 1; // A failed answer leaves nothing to judge.
        } else if (ownText !== undefined && own) work.push(settle(grade(question, turn, contestant, own)));
        else if (own) progress.done += 1;
      }
    }
    await Promise.all(work);
  };

  const asked = new Set(questions.map((question) => question.id));
  progress.done = records.filter((record) => record.type !== 'run' && asked.has(record.questionId)).length;
  report();
  try {
    await Promise.all(questions.map(processQuestion));
    await writing;
  } finally {
    // After a failed write nothing more may start: a record that cannot be kept would be paid for twice.
    pool.close();
    signal.removeEventListener('abort', stop);
  }
  report();
  const status = haltReason !== undefined ? 'halted' : signal.aborted ? 'stopped' : capReached ? 'spend_cap' : 'done';
  return { status, ...(haltReason !== undefined ? { haltReason } : {}), header, records, spentUsd, judgeErrors };
}

/** What the judge is told the user asked at a turn: the turn's question, after the earlier ones for context. */
function judgedQuestion(question: Question, turn: number): string {
  const asked = question.turns[turn] ?? '';
  if (turn === 0) return asked;
  const earlier = question.turns
    .slice(0, turn)
    .map((text, index) => `${index + 1}. ${text}`)
    .join('\n');
  return `Earlier in the conversation the user asked:\n${earlier}\n\nThe user's latest message, which the outputs answer:\n${asked}`;
}

/** What a record's calls cost. */
function recordCost(record: EvalRecord): number {
  if (record.type === 'run') return 0;
  if (record.type === 'answer') return record.turns.reduce((sum, turn) => sum + turn.costUsd, 0);
  return record.costUsd;
}
