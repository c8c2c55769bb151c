import { z } from 'zod';
import { QuestionFileError } from './question-file-error';
import { QUESTION_LIMITS, questionSchema, type Question } from './question';
import { parseLine, readJsonLines } from './read-lines';

const idValue = z.union([z.string(), z.number().int()]).transform(String);
/** Arena-Hard's first format keeps each turn as `{ "content": … }`. */
const turnValue = z.union([z.string(), z.object({ content: z.string() }).transform((turn) => turn.content)]);

/**
 * One line of any JSONL question file this app reads. Exactly one of `turns`, `prompt` and `instruction` says what
 * to ask; other fields (AlpacaEval's `output` and `generator`, Arena-Hard's `cluster`) are ignored.
 * - FastChat MT-Bench `question.jsonl`: `{ question_id, category, turns, reference? }`
 * - AlpacaEval: `{ instruction, dataset? }`; Arena-Hard: `{ uid | question_id, category?, prompt | turns }`
 * - your own: `{ id, category?, turns }` or `{ prompt }`
 */
const jsonlLineSchema = z
  .looseObject({
    id: idValue.optional(),
    question_id: idValue.optional(),
    uid: idValue.optional(),
    category: z.string().optional(),
    turns: z.array(turnValue).optional(),
    prompt: z.string().optional(),
    instruction: z.string().optional(),
    reference: z.array(z.string()).optional(),
  })
  .superRefine((line, context) => {
    const given = (['turns', 'prompt', 'instruction'] as const).filter((field) => line[field] !== undefined);
    if (given.length === 0) {
      context.addIssue({ code: 'custom', path: ['turns'], message: 'is missing: give "turns", "prompt" or "instruction"' });
    } else if (given.length > 1) {
      context.addIssue({ code: 'custom', path: [given[1] as string], message: `cannot be given together with "${given[0]}"` });
    }
  });

/** Questions from a JSONL file, ids from the file or `line-<n>`; errors name the line and the field. */
export function parseJsonlQuestions(text: string): Question[] {
  const lines = readJsonLines(text);
  if (lines.length > QUESTION_LIMITS.questions) {
    throw new QuestionFileError(
      'too_many_questions',
      `the file holds ${lines.length} questions; the limit is ${QUESTION_LIMITS.questions}`,
    );
  }
  const seen = new Map<string, number>();
  return lines.map(({ line, value }) => {
    const parsed = parseLine(jsonlLineSchema, value, line);
    const turns = parsed.turns ?? [parsed.prompt ?? parsed.instruction ?? ''];
    const id = parsed.id ?? parsed.question_id ?? parsed.uid ?? `line-${line}`;
    const asked = parsed.turns ? 'turns' : parsed.prompt !== undefined ? 'prompt' : 'instruction';
    const question = parseLine(
      questionSchema,
      { id, category: parsed.category, turns, ...(parsed.reference ? { reference: parsed.reference } : {}) },
      line,
      (path) => (asked !== 'turns' && path.startsWith('turns') ? asked : path),
    );
    const earlier = seen.get(question.id);
    if (earlier !== undefined) {
      throw new QuestionFileError('duplicate_id', `repeats the id "${question.id}" of line ${earlier}`, line, 'id');
    }
    seen.set(question.id, line);
    return question;
  });
}
