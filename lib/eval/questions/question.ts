import { z } from 'zod';

/** What one evaluation may hold, whatever its source; the page and the CLI state them beside the upload. */
export const QUESTION_LIMITS = {
  /** Of a whole question file (and of a reference-answer file). */
  fileBytes: 2 * 1024 * 1024,
  questions: 1_000,
  /** Each turn, like any message of `POST /api/moa`. */
  turnChars: 32_000,
  /** MT-Bench asks two; a longer conversation would mostly measure the context window. */
  turns: 4,
  idChars: 100,
} as const;

/** MT-Bench's eight categories; imported files may name others, which are kept as they are. */
export const MT_BENCH_CATEGORIES = [
  'writing',
  'roleplay',
  'reasoning',
  'math',
  'coding',
  'extraction',
  'stem',
  'humanities',
] as const;

/** Categories whose answers are graded against a reference answer, as MT-Bench does. */
export const REFERENCE_GUIDED_CATEGORIES: ReadonlySet<string> = new Set(['math', 'reasoning', 'coding']);

const turnSchema = z.string().trim().min(1, 'must not be empty').max(QUESTION_LIMITS.turnChars);

export const questionSchema = z
  .strictObject({
    id: z.string().trim().min(1, 'must not be empty').max(QUESTION_LIMITS.idChars),
    category: z.string().trim().toLowerCase().min(1).max(50).default('general'),
    /** The user's turns; each after the contestant's own answer to the one before. */
    turns: z.array(turnSchema).min(1, 'must hold at least one turn').max(QUESTION_LIMITS.turns),
    /** A checked answer per turn, for reference-guided grading; fewer than the turns is allowed. */
    reference: z.array(z.string().max(QUESTION_LIMITS.turnChars)).optional(),
  })
  .superRefine((question, context) => {
    if (question.reference && question.reference.length > question.turns.length) {
      context.addIssue({ code: 'custom', path: ['reference'], message: 'has more answers than the question has turns' });
    }
  });
export type Question = z.infer<typeof questionSchema>;

export const questionSetSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]{1,64}$/),
    name: z.string().min(1).max(100),
    description: z.string().max(500).default(''),
    questions: z.array(questionSchema).min(1).max(QUESTION_LIMITS.questions),
  })
  .superRefine((set, context) => {
    const seen = new Set<string>();
    set.questions.forEach((question, index) => {
      if (seen.has(question.id)) {
        context.addIssue({ code: 'custom', path: ['questions', index, 'id'], message: `repeats the id "${question.id}"` });
      }
      seen.add(question.id);
    });
  });
export type QuestionSet = z.infer<typeof questionSetSchema>;
