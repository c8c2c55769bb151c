import type { PromptSummary } from './simulator-prompt';
import { pick, shuffle, type Random } from './simulator-random';

/** A delta is one token: a run of non-space characters plus the whitespace after it. */
export function tokenize(text: string): string[] {
  return text.match(/\S+\s*/g) ?? [];
}

const MINIMUM_WORDS = 60;
const MAXIMUM_WORDS = 160;
const QUOTE_LIMIT = 80;

// An answer never says which part it plays (a proposer, the aggregator, a comparison's single model) and reads the
// same whatever it was given: in a blind comparison, the single model's answer and the aggregator's must not be told
// apart by their wording.
const OPENINGS = [
  'This is a simulated answer.',
  'Here is a simulated answer, written without calling a real model.',
  'A simulated response follows.',
];

const QUOTE_SENTENCES = [
  (quote: string) => `You asked: "${quote}".`,
  (quote: string) => `The question was: "${quote}".`,
  (quote: string) => `Restating the request: "${quote}".`,
];

const NO_QUESTION_SENTENCE = 'There was no user message, so this stays general.';

const SENTENCES = [
  'A good answer starts by pinning down what is actually being asked and which constraints matter most.',
  'The details depend on context, so it is worth laying out the main trade-offs before choosing.',
  'In practice, the simplest approach that meets the requirements is usually the right place to start.',
  'It helps to check the assumptions behind the question before committing to one particular answer.',
  'Where the evidence is mixed, it is better to say so plainly than to pretend to certainty.',
  'Looking at edge cases often shows where a first answer would break down.',
  'Any recommendation should be easy to verify, so the reasoning here is kept explicit.',
  'Small, reversible steps make it cheaper to correct course if something turns out to be wrong.',
  'A short worked example usually says more than a long list of rules.',
  'Naming the costs of each option up front keeps the comparison honest.',
  'The answer stays general, since the question leaves some details open.',
  'Points that matter less are left out, so the reply stays short and readable.',
];

const BULLET_HEADINGS = ['Key points:', 'In brief:', 'The main steps:'];

const BULLETS = [
  'Clarify the goal and the constraints.',
  'Compare the main options on cost and risk.',
  'Prefer the simplest option that works.',
  'Check the result against a concrete example.',
  'Note what remains uncertain.',
];

const CLOSINGS = [
  '(This text comes from the built-in simulator; no real model was called.)',
  'Since this is a simulated response, treat it as a placeholder rather than advice.',
  'This placeholder was produced by the built-in simulator, so no API key was needed.',
];

export function composeAnswer({ prompt, random }: { prompt: PromptSummary; random: Random }): string {
  const targetWords = MINIMUM_WORDS + Math.floor(random() * (MAXIMUM_WORDS - MINIMUM_WORDS + 1));
  const paragraphs = [introduction(prompt, random)];
  if (random() < 0.5) paragraphs.push(bulletList(random));
  const closing = pick(CLOSINGS, random);

  const body = shuffle(SENTENCES, random);
  let wordCount = countWords(paragraphs.join(' ')) + countWords(closing);
  const paragraphSize = () => 2 + Math.floor(random() * 2);
  let paragraph: string[] = [];
  let sentencesInParagraph = paragraphSize();
  for (const sentence of body) {
    if (wordCount >= targetWords) break;
    if (wordCount + countWords(sentence) > MAXIMUM_WORDS) continue;
    paragraph.push(sentence);
    wordCount += countWords(sentence);
    if (paragraph.length === sentencesInParagraph) {
      paragraphs.push(paragraph.join(' '));
      paragraph = [];
      sentencesInParagraph = paragraphSize();
    }
  }
  paragraphs.push([...paragraph, closing].join(' '));
  return paragraphs.join('\n\n');
}

function introduction(prompt: PromptSummary, random: Random): string {
  const opening = pick(OPENINGS, random);
  const quote = prompt.latestUserMessage === undefined ? undefined : quoteOf(prompt.latestUserMessage);
  const question = quote ? pick(QUOTE_SENTENCES, random)(quote) : NO_QUESTION_SENTENCE;
  return `${opening} ${question}`;
}

function quoteOf(message: string): string {
  const flattened = message.replace(/\s+/g, ' ').trim();
  if (flattened.length <= QUOTE_LIMIT) return flattened;
  return `${flattened.slice(0, QUOTE_LIMIT - 1).trimEnd()}…`;
}

function bulletList(random: Random): string {
  const bullets = shuffle(BULLETS, random).slice(0, 3);
  return [pick(BULLET_HEADINGS, random), ...bullets.map((bullet) => `- ${bullet}`)].join('\n');
}

function countWords(text: string): number {
  return tokenize(text).length;
}
