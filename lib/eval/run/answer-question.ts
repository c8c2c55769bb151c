import type { ConversationMessage } from '@/lib/protocol/moa-request';
import { mixSeed } from '@/lib/random';
import type { Question } from '../questions/question';
import type { ResolvedContestant } from './contestant';
import type { EvalBackend } from './eval-backend';
import type { AnswerRecord, AnswerTurn } from './eval-records';

/**
 * Asks a contestant every turn of a question, each turn after its own earlier answers, as MT-Bench does. A failed
 * turn ends the question (the next turn would lack its context). Resolves to null when stopped by `signal`, so an
 * interrupted answer is never recorded and a resumed run asks it again; rejects when a turn could not be asked.
 */
export async function answerQuestion(options: {
  backend: EvalBackend;
  contestant: ResolvedContestant;
  question: Question;
  seed: number;
  signal: AbortSignal;
  /** Called as each turn starts, for a live view of the work in flight. */
  onTurn?: (turn: number) => void;
}): Promise<AnswerRecord | null> {
  const { contestant, question, signal } = options;
  const turns: AnswerTurn[] = [];
  const messages: ConversationMessage[] = [];
  for (const [index, asked] of question.turns.entries()) {
    messages.push({ role: 'user', content: asked });
    options.onTurn?.(index);
    let turn: AnswerTurn;
    try {
      turn = await options.backend.answerTurn({
        contestant,
        messages: [...messages],
        // Within the routes' seed range (31 bits), so the page and the command line ask with the same seeds.
        seed: mixSeed(options.seed, `${question.id}/${index}`) & 0x7fffffff,
        signal,
      });
    } catch (error) {
      if (signal.aborted) return null;
      throw error;
    }
    if (signal.aborted) return null;
    turns.push(turn);
    if (turn.status !== 'done') break;
    messages.push({ role: 'assistant', content: turn.text ?? '' });
  }
  return { type: 'answer', questionId: question.id, contestantId: contestant.id, turns };
}
