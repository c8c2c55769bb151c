/**
 * The pairwise judge prompt, in the spirit of AlpacaEval's annotator: the instruction, two outputs named A and B,
 * and the question which one is better for the user, a tie allowed. The judge gives a sentence or two of reason and
 * ends with a line `Verdict: A`, `Verdict: B` or `Verdict: tie`, which `parseVerdict` reads.
 */

/**
 * Opens the judge's system instructions. The simulator looks for it to answer as a judge, so keep it in the
 * instructions verbatim.
 */
export const JUDGE_PROMPT_MARKER = 'You are an impartial judge of answers written by AI assistants.';

export const JUDGE_INSTRUCTIONS = `${JUDGE_PROMPT_MARKER} You will see an instruction a user gave and two outputs that answer it, labelled A and B. Decide which output is better for that user: the one that follows the instruction more helpfully, accurately, relevantly and completely, and reads more clearly. Judge the content only: the order of the outputs, their length and their style are no reason to prefer one. If the two are equally good, or equally poor, call it a tie.`;

/** The tags around each part of the user message; the simulated judge reads the outputs back from them. */
export const JUDGE_TAGS = {
  instruction: ['<instruction>', '</instruction>'],
  outputA: ['<output_a>', '</output_a>'],
  outputB: ['<output_b>', '</output_b>'],
} as const;

export const JUDGE_TASK = `Which output is better for the user who gave the instruction? Explain why in one or two sentences. Then end your reply with a final line that is exactly one of:
Verdict: A
Verdict: B
Verdict: tie`;

/** The user message of one reading: the instruction, output A, output B, and the task. */
export function buildJudgePrompt({
  instruction,
  outputA,
  outputB,
}: {
  instruction: string;
  outputA: string;
  outputB: string;
}): string {
  const block = ([open, close]: readonly [string, string], text: string) => `${open}\n${text}\n${close}`;
  return [
    '## Instruction',
    block(JUDGE_TAGS.instruction, instruction),
    '## Output A',
    block(JUDGE_TAGS.outputA, outputA),
    '## Output B',
    block(JUDGE_TAGS.outputB, outputB),
    '## Task',
    JUDGE_TASK,
  ].join('\n\n');
}
