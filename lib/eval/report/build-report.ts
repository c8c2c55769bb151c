import { percentile } from '@/lib/stats/bootstrap';
import { median } from '@/lib/stats/median';
import { summarizePairwise, type PairwiseSummary } from '@/lib/stats/pairwise-summary';
import { summarizeScoresByCategory, type ScoreSummary } from '@/lib/stats/score-summary';
import { wilsonInterval, type Interval } from '@/lib/stats/wilson';
import type { Question } from '../questions/question';
import type { AnswerRecord, EvalRecord, GradeRecord, PairwiseRecord, RunRecord } from '../run/eval-records';

/** Time and money one contestant took, per turn and per question. */
export interface ContestantCost {
  /** Questions with an answer record, and those whose answer failed at some turn. */
  answered: number;
  failed: number;
  /** Over answered turns, in milliseconds: until the first token of the answer, and in all. */
  timeToFirstToken: { median: number | null; p90: number | null };
  totalTime: { median: number | null; p90: number | null };
  /** Means per question (all its turns). */
  inputTokensPerQuestion: number | null;
  outputTokensPerQuestion: number | null;
  costPerQuestionUsd: number | null;
  totalCostUsd: number;
}

export interface ContestantReport {
  id: string;
  kind: 'moa' | 'model';
  isReference: boolean;
  cost: ContestantCost;
  /** Pairwise: against the reference (absent for the reference itself). */
  pairwise?: PairwiseSummary & { byCategory: Record<string, { n: number; winRate: number; wilson: Interval }> };
  /** MT-Bench: the mean grade overall and per category. */
  grades?: { overall: ScoreSummary; byCategory: Record<string, ScoreSummary>; unreadable: number };
}

export interface EvalReport {
  header: RunRecord;
  simulated: boolean;
  questions: number;
  contestants: ContestantReport[];
  judgeCostUsd: number;
  totalCostUsd: number;
}

function spread(values: number[]): { median: number | null; p90: number | null } {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: median(sorted), p90: sorted.length > 0 ? percentile(sorted, 0.9) : null };
}

const meanOf = (values: number[]) => (values.length > 0 ? values.reduce((sum, value) => sum + value, 0) / values.length : null);

function costOf(answers: AnswerRecord[]): ContestantCost {
  const turns = answers.flatMap((answer) => answer.turns.filter((turn) => turn.status === 'done'));
  const perQuestion = (pick: (turn: AnswerRecord['turns'][number]) => number) =>
    answers.map((answer) => answer.turns.reduce((sum, turn) => sum + pick(turn), 0));
  const costs = perQuestion((turn) => turn.costUsd);
  return {
    answered: answers.length,
    failed: answers.filter((answer) => answer.turns.some((turn) => turn.status === 'failed')).length,
    timeToFirstToken: spread(turns.flatMap((turn) => (turn.timeToFirstTokenMs !== undefined ? [turn.timeToFirstTokenMs] : []))),
    totalTime: spread(turns.map((turn) => turn.totalMs)),
    inputTokensPerQuestion: meanOf(perQuestion((turn) => turn.inputTokens)),
    outputTokensPerQuestion: meanOf(perQuestion((turn) => turn.outputTokens)),
    costPerQuestionUsd: meanOf(costs),
    totalCostUsd: costs.reduce((sum, cost) => sum + cost, 0),
  };
}

function pairwiseOf(records: PairwiseRecord[], categoryOf: Map<string, string>, seed: number): ContestantReport['pairwise'] {
  const samples = records.map((record) => ({
    score: record.score,
    inconsistent: record.verdict === 'inconsistent',
    contestantChars: record.contestantChars,
    referenceChars: record.referenceChars,
    category: categoryOf.get(record.questionId) ?? 'general',
  }));
  const byCategory: Record<string, { n: number; winRate: number; wilson: Interval }> = {};
  for (const category of [...new Set(samples.map((sample) => sample.category))].sort()) {
    const scores = samples.filter((sample) => sample.category === category && sample.score !== undefined).map((sample) => sample.score as number);
    if (scores.length === 0) continue;
    const points = scores.reduce((sum, score) => sum + score, 0);
    byCategory[category] = { n: scores.length, winRate: points / scores.length, wilson: wilsonInterval(points, scores.length) };
  }
  return { ...summarizePairwise(samples, seed), byCategory };
}

function gradesOf(records: GradeRecord[], categoryOf: Map<string, string>, seed: number): ContestantReport['grades'] {
  const readable = records.filter((record): record is GradeRecord & { score: number } => record.score !== undefined);
  return {
    ...summarizeScoresByCategory(
      readable.map((record) => ({ category: categoryOf.get(record.questionId) ?? 'general', score: record.score })),
      seed,
    ),
    unreadable: records.length - readable.length,
  };
}

/**
 * The numbers of an evaluation over `questions`, from its records: the same for the CLI's table and any other view
 * of them. Records of other questions (a resumed run that asks fewer) are left out.
 */
export function buildReport(records: EvalRecord[], questions: Question[]): EvalReport {
  const header = records.find((record): record is RunRecord => record.type === 'run');
  if (!header) throw new Error('The records have no run header.');
  const { settings } = header;
  const categoryOf = new Map(questions.map((question) => [question.id, question.category]));
  // The questions of this reading, which a resumed run with another `--limit` may have changed since the header.
  const asked = new Set(questions.map((question) => question.id));
  const ofQuestion = records.filter((record) => record.type !== 'run' && asked.has(record.questionId));
  const contestants = settings.contestants.map((contestant): ContestantReport => {
    const own = <T extends EvalRecord>(type: T['type']) =>
      ofQuestion.filter((record): record is T => record.type === type && 'contestantId' in record && record.contestantId === contestant.id);
    const isReference = settings.protocol === 'pairwise' && contestant.id === settings.referenceId;
    return {
      id: contestant.id,
      kind: contestant.kind,
      isReference,
      cost: costOf(own<AnswerRecord>('answer')),
      ...(settings.protocol === 'pairwise' && !isReference ? { pairwise: pairwiseOf(own<PairwiseRecord>('pairwise'), categoryOf, settings.seed) } : {}),
      ...(settings.protocol === 'mt-bench' ? { grades: gradesOf(own<GradeRecord>('grade'), categoryOf, settings.seed) } : {}),
    };
  });
  const judgeCostUsd = ofQuestion.reduce((sum, record) => sum + (record.type === 'pairwise' || record.type === 'grade' ? record.costUsd : 0), 0);
  return {
    header,
    simulated: header.simulated,
    questions: questions.length,
    contestants,
    judgeCostUsd,
    totalCostUsd: judgeCostUsd + contestants.reduce((sum, contestant) => sum + contestant.cost.totalCostUsd, 0),
  };
}
