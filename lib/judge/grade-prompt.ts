import { JUDGE_PROMPT_MARKER } from './prompt';

/**
 * Single-answer grading, in the manner of MT-Bench: the judge reads the conversation and grades the assistant's last
 * answer from 1 to 10; for questions with one right answer (math, reasoning, coding) it also gets a checked reference
 * answer to grade against. The instructions open with the judge marker, so the simulator answers them as a judge.
 */
export const GRADE_INSTRUCTIONS = `${JUDGE_PROMPT_MARKER} You will see a conversation between a user and an AI assistant and grade the assistant's last answer from 1 (useless, wrong or off-topic) to 10 (nothing to improve). Weigh first whether it is correct and does what the user asked, then how helpful, relevant, complete and clear it is. Length and polish are not merits in themselves: a short right answer beats a long wrong one.`;

export const GRADE_REFERENCE_NOTE =
  'A checked reference answer to the last question is given as well. Compare the final result of the assistant\'s answer with it: an answer whose result disagrees with the reference is wrong, and gets at most 3, however well it is written. Different but correct working is fine.';

/** The tags around each part; the simulated judge finds the answer to grade between them. */
export const GRADE_TAGS = {
  conversation: ['<conversation>', '</conversation>'],
  answer: ['<answer_to_grade>', '</answer_to_grade>'],
  reference: ['<reference_answer>', '</reference_answer>'],
} as const;

export const GRADE_TASK = `Explain your grade in two or three sentences. Then end your reply with a final line that is exactly:
Rating: N
where N is a whole number from 1 to 10.`;

/** The user message: the earlier turns, the last question and the answer to grade, the reference if any, the task. */
export function buildGradePrompt({
  earlierTurns,
  question,
  answer,
  reference,
}: {
  earlierTurns: { question: string; answer: string }[];
  question: string;
  answer: string;
  reference?: string;
}): string {
  const block = ([open, close]: readonly [string, string], text: string) => `${open}\n${text}\n${close}`;
  const conversation = [
    ...earlierTurns.flatMap((turn) => [`User: ${turn.question}`, `Assistant: ${turn.answer}`]),
    `User: ${question}`,
  ].join('\n\n');
  return [
    '## Conversation',
    block(GRADE_TAGS.conversation, conversation),
    '## The assistant\'s last answer',
    block(GRADE_TAGS.answer, answer),
    ...(reference !== undefined ? ['## Reference answer', GRADE_REFERENCE_NOTE, block(GRADE_TAGS.reference, reference)] : []),
    '## Task',
    GRADE_TASK,
  ].join('\n\n');
}
