import { GRADE_TAGS } from '@/lib/judge/grade-prompt';
import { JUDGE_TAGS } from '@/lib/judge/prompt';
import { fnv1a, mulberry32 } from '@/lib/random';
import type { PromptSummary } from './simulator-prompt';
import type { Random } from './simulator-random';

/**
 * A judge-shaped reply: one sentence saying it is simulated, then `Verdict: A|B|tie`. Mostly the verdict follows the
 * content (the output whose text hashes higher wins, wherever it stands), so the two readings of a pair usually
 * agree; sometimes, decided by the seed and the prompt, it calls a tie or just picks A, so they can also disagree.
 */
export function composeJudgment({
  displayName,
  prompt,
  random,
  preference,
}: {
  displayName: string;
  prompt: PromptSummary;
  random: Random;
  preference: JudgePreference | undefined;
}): string {
  const message = prompt.latestUserMessage ?? '';
  const answerToGrade = taggedText(message, GRADE_TAGS.answer);
  if (answerToGrade !== undefined) return composeGrade(displayName, answerToGrade);
  const outputA = taggedText(message, JUDGE_TAGS.outputA);
  const outputB = taggedText(message, JUDGE_TAGS.outputB);
  const preferred =
    preference && outputA !== undefined && outputB !== undefined
      ? preferredOutput(preference, outputA, outputB)
      : undefined;
  const roll = random();
  let verdict: 'A' | 'B' | 'tie';
  if (preferred) verdict = preferred;
  else if (roll < 0.2) verdict = 'tie';
  else if (roll < 0.35) verdict = 'A';
  else if (outputA === undefined || outputB === undefined) verdict = random() < 0.5 ? 'A' : 'B';
  else {
    const [scoreA, scoreB] = [fnv1a(outputA), fnv1a(outputB)];
    verdict = scoreA === scoreB ? 'tie' : scoreA > scoreB ? 'A' : 'B';
  }
  return `This is a simulated judgment by ${displayName}: no model read the two outputs, so the verdict below is made up for trying the comparison.\nVerdict: ${verdict}`;
}

/**
 * A set preference, so an evaluation over simulated models has a known expected win rate: when exactly one of the
 * two outputs was written by the simulated model `favour` (or contains that text), the judge prefers it with
 * probability `rate`. The draw hashes the pair of texts regardless of their order, so both readings of a pair agree.
 */
export interface JudgePreference {
  favour: string;
  rate: number;
}

/**
 * Which simulated model wrote each recent answer, by its text. Answers never name their model (a blind comparison
 * must not be told apart by its text), so a simulated judge with a preference recognises them here instead, the way
 * a real judge might know a model's style. Bounded: the oldest answers are forgotten first.
 */
const authors = new Map<string, string>();
const AUTHORS_KEPT = 5_000;

export function rememberAuthor(text: string, modelId: string): void {
  const key = text.trim();
  authors.delete(key);
  authors.set(key, modelId);
  if (authors.size > AUTHORS_KEPT) authors.delete(authors.keys().next().value as string);
}

/** The simulated model that wrote `text` in this process, if one did recently. */
export function simulatedAuthorOf(text: string): string | undefined {
  return authors.get(text.trim());
}

function preferredOutput(preference: JudgePreference, outputA: string, outputB: string): 'A' | 'B' | undefined {
  const favoured = (output: string) =>
    simulatedAuthorOf(output) === preference.favour || output.includes(preference.favour);
  const [aFavoured, bFavoured] = [favoured(outputA), favoured(outputB)];
  if (aFavoured === bFavoured) return undefined;
  const pair = [outputA, outputB].sort().join('\u0000');
  const favouredWins = mulberry32(fnv1a(pair, fnv1a(preference.favour)))() < preference.rate;
  return aFavoured === favouredWins ? 'A' : 'B';
}

/** A grade from 1 to 10, made up from the answer's text, in the shape `parseRating` reads. */
function composeGrade(displayName: string, answer: string): string {
  const score = 1 + (fnv1a(answer) % 10);
  return `This is a simulated grade by ${displayName}: no model read the answer, so the rating below is made up.\nRating: ${score}`;
}

/** The text between a pair of tags, or undefined when they are not there. */
function taggedText(text: string, [open, close]: readonly [string, string]): string | undefined {
  const start = text.indexOf(open);
  const end = text.lastIndexOf(close);
  return start === -1 || end < start ? undefined : text.slice(start + open.length, end).trim();
}
