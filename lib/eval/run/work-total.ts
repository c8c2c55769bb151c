import type { Question } from '../questions/question';
import type { EvalSettings } from './eval-settings';

/**
 * Answers and judgments an evaluation makes in all: every contestant answers every question, and every judged
 * contestant (all but the reference, pairwise) is judged once per turn. Progress counts against it.
 */
export function workTotal(settings: Pick<EvalSettings, 'protocol' | 'referenceId' | 'contestants'>, questions: Question[]): number {
  const judged = settings.contestants.filter((contestant) => settings.protocol !== 'pairwise' || contestant.id !== settings.referenceId).length;
  return questions.reduce((sum, question) => sum + settings.contestants.length + judged * question.turns.length, 0);
}
