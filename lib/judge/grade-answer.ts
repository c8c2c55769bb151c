import { generateText, RetryError } from 'ai';
import { costOf, type ModelHandle } from '@/lib/moa/model-handle';
import { buildGradePrompt, GRADE_INSTRUCTIONS } from './grade-prompt';
import { DEFAULT_JUDGE_TIMEOUT_MS } from './run-judge';
import { REASON_CHARS } from './verdict';

/** A line that states the grade: `Rating: 7`, also `**Rating:** [[7]]` or `Rating - 7/10`. */
const RATING_LINE = /^[\s>*_#`~-]*rating[\s*_`]*[:：-]\s*[[(*_\s]*(\d{1,2})(?:\s*\/\s*10)?[\])*_.\s]*$/i;

/** The grade of a judge's reply: the last rating line decides; the text before it is the reason. */
export function parseRating(text: string): { score?: number; reason: string } {
  const lines = text.split(/\r?\n/);
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const match = RATING_LINE.exec(lines[index] ?? '');
    if (!match) continue;
    const score = Number(match[1]);
    if (score < 1 || score > 10) break;
    return { score, reason: shorten(lines.slice(0, index).join('\n')) };
  }
  const said = shorten(text);
  return { reason: said ? `No readable "Rating: N" line in: “${said}”` : 'The judge wrote nothing.' };
}

function shorten(text: string): string {
  const flattened = text.replace(/\s+/g, ' ').trim();
  return flattened.length <= REASON_CHARS ? flattened : `${flattened.slice(0, REASON_CHARS - 1).trimEnd()}…`;
}

/**
 * Grades one answer 1–10 with one `generateText` call (one retry, a timeout). An unreadable reply is not an error
 * (no score); a failed call rejects with the provider's error.
 */
export async function gradeAnswer(
  handle: ModelHandle,
  input: Parameters<typeof buildGradePrompt>[0],
  options: { signal?: AbortSignal; seed?: number; timeoutMs?: number } = {},
): Promise<{ score?: number; reason: string; costUsd: number }> {
  try {
    const result = await generateText({
      model: handle.model,
      instructions: GRADE_INSTRUCTIONS,
      messages: [{ role: 'user', content: buildGradePrompt(input) }],
      temperature: 0,
      maxOutputTokens: 400,
      seed: options.seed,
      maxRetries: 1,
      timeout: options.timeoutMs ?? DEFAULT_JUDGE_TIMEOUT_MS,
      abortSignal: options.signal,
    });
    const usage = { inputTokens: result.usage.inputTokens ?? 0, outputTokens: result.usage.outputTokens ?? 0 };
    return { ...parseRating(result.text), costUsd: costOf(handle.info, usage) };
  } catch (thrown) {
    throw RetryError.isInstance(thrown) ? (thrown.lastError ?? thrown) : thrown;
  }
}
