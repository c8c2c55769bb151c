import { z } from 'zod';
import { QuestionFileError } from './question-file-error';
import { QUESTION_LIMITS, type Question } from './question';
import { parseLine, readJsonLines } from './read-lines';

/** One line of FastChat's reference-answer JSONL (`reference_answer/gpt-4.jsonl`). */
const referenceLineSchema = z.looseObject({
  question_id: z.union([z.string(), z.number().int()]).transform(String),
  choices: z
    .array(z.looseObject({ turns: z.array(z.string().max(QUESTION_LIMITS.turnChars)).min(1) }))
    .min(1, 'must hold at least one choice'),
});

/**
 * Adds the answers of a FastChat reference-answer file to the questions they belong to (the first choice's turns),
 * replacing any reference the question file had. A reference to a question that is not there is an error: the two
 * files do not belong together.
 */
export function attachReferenceAnswers(questions: Question[], referenceText: string): Question[] {
  const byId = new Map(questions.map((question) => [question.id, question]));
  const references = new Map<string, string[]>();
  for (const { line, value } of readJsonLines(referenceText)) {
    const parsed = parseLine(referenceLineSchema, value, line);
    const question = byId.get(parsed.question_id);
    if (!question) {
      throw new QuestionFileError(
        'unknown_reference',
        `answers question "${parsed.question_id}", which the question file does not have`,
        line,
        'question_id',
      );
    }
    references.set(parsed.question_id, (parsed.choices[0]?.turns ?? []).slice(0, question.turns.length));
  }
  return questions.map((question) => {
    const reference = references.get(question.id);
    return reference ? { ...question, reference } : question;
  });
}
