import { fnv1a } from '@/lib/random';
import { composeCode, LANGUAGE_NAMES } from './simulator-code';
import {
  ASPECT_ROWS,
  CLOSINGS,
  CODE_EXPLANATIONS,
  CODE_INTRODUCTIONS,
  COMPARISON_CODE_INTRODUCTIONS,
  COMPARISON_ROWS,
  ELABORATIONS,
  EXPLANATION_FOLLOW_UPS,
  EXPLANATION_OPENINGS,
  GENERIC_TABLE_INTRODUCTIONS,
  GREETING_SUGGESTIONS,
  GREETINGS,
  KEY_POINT_HEADINGS,
  KEY_POINTS,
  LIST_CLOSINGS,
  LIST_INTRODUCTIONS,
  LIST_ITEMS,
  NOTICES,
  STEP_INTRODUCTIONS,
  STEP_TIPS,
  STEPS,
  TABLE_INTRODUCTIONS,
  TABLE_VERDICTS,
} from './simulator-phrases';
import type { PromptSummary } from './simulator-prompt';
import { readQuestion, type Question } from './simulator-question';
import { labelOf, readReferencePoints, type ReferencePoint } from './simulator-references';
import { createRandom, pick, shuffle, type Random } from './simulator-random';

/** A delta is one token: a run of non-space characters plus the whitespace after it. */
export function tokenize(text: string): string[] {
  return text.match(/\S+\s*/g) ?? [];
}

const MINIMUM_WORDS = 60;
const MAXIMUM_WORDS = 160;
/** Answers drawn at least this long get a title, when the model's style uses headings. */
const TITLED_WORDS = 100;

/** A model's habits, the same on every call: where it puts the notice and whether it likes headings. */
interface Style {
  noticeFirst: boolean;
  headings: boolean;
}

/** The answer's parts before it is fitted to its length: the body, what may follow it, and a title. */
interface Draft {
  title?: string;
  blocks: string[];
  /** Sentences that may be added after the body to reach the drawn length. */
  elaborations: readonly string[];
  closing?: string;
}

type DraftMaker = (context: Context, size: number) => Draft;

interface Context {
  question: Question;
  random: Random;
  style: Style;
  /** Points made by the answers quoted in the instructions, the most shared first. */
  points: ReferencePoint[];
  fill: (phrase: string) => string;
}

/**
 * An answer to the latest user message, shaped as the question asks (a table, a code block, numbered steps, a
 * list or an explanation) and about its subject. It is drawn from `random`, so it depends on the model, the seed and
 * the whole prompt; when the instructions quote other answers, it builds on the points they share. It says once
 * that it is simulated and, like any answer, never what part it plays in a run. Between 60 and 160 tokens long.
 */
export function composeAnswer({
  prompt,
  random,
  modelId,
}: {
  prompt: PromptSummary;
  random: Random;
  modelId: string;
}): string {
  const question = readQuestion(prompt.latestUserMessage);
  const context: Context = {
    question,
    random,
    style: styleOf(modelId),
    points: readReferencePoints(prompt.system),
    fill: (phrase) => fillPhrase(phrase, question),
  };
  const target = MINIMUM_WORDS + Math.floor(random() * (MAXIMUM_WORDS - MINIMUM_WORDS + 1));
  const notice = pick(NOTICES, random);
  const maker = question.withTable ? tableAndCodeDraft : DRAFT_MAKERS[question.kind];

  let draft = maker(context, 6);
  for (let size = 5; size >= 2 && countWords(assemble(draft, [], notice, context.style)) > MAXIMUM_WORDS; size -= 1) {
    draft = maker(context, size);
  }
  if (!(context.style.headings && target >= TITLED_WORDS)) draft.title = undefined;

  const extra: string[] = [];
  let words = countWords(assemble(draft, extra, notice, context.style));
  for (const sentence of shuffle(draft.elaborations, random)) {
    if (words >= target) break;
    const sentenceWords = countWords(sentence);
    if (words + sentenceWords > MAXIMUM_WORDS) continue;
    extra.push(sentence);
    words += sentenceWords;
  }
  return assemble(draft, extra, notice, context.style);
}

function assemble(draft: Draft, extra: string[], notice: string, style: Style): string {
  const parts = [
    draft.title && `## ${draft.title}`,
    style.noticeFirst ? notice : undefined,
    ...draft.blocks,
    extra.length > 0 ? extra.join(' ') : undefined,
    draft.closing,
    style.noticeFirst ? undefined : notice,
  ];
  return parts.filter((part): part is string => Boolean(part)).join('\n\n');
}

function styleOf(modelId: string): Style {
  const random = createRandom(fnv1a(modelId), 'style');
  return { noticeFirst: random() < 0.5, headings: random() < 0.6 };
}

const DRAFT_MAKERS: Record<Question['kind'], DraftMaker> = {
  greeting: greetingDraft,
  code: codeDraft,
  table: tableDraft,
  steps: stepsDraft,
  list: listDraft,
  explanation: explanationDraft,
};

function greetingDraft({ random }: Context): Draft {
  return {
    blocks: [
      pick(GREETINGS, random),
      ['Some things to try:', ...shuffle(GREETING_SUGGESTIONS, random).slice(0, 4)].join('\n'),
    ],
    elaborations: [],
    closing: 'Each of these shows a different way an answer can be laid out.',
  };
}

function codeDraft({ question, random, fill }: Context, size: number): Draft {
  const explanations = shuffle(CODE_EXPLANATIONS, random);
  return {
    blocks: [
      fill(
        pick(
          question.items.length > 1 && question.action === undefined
            ? COMPARISON_CODE_INTRODUCTIONS
            : CODE_INTRODUCTIONS,
          random,
        ),
      ),
      composeCode({ language: question.language, nameWords: question.nameWords, subject: question.subject, random }),
      explanations.slice(0, size > 3 ? 2 : 1).join(' '),
    ],
    elaborations: explanations.slice(2),
  };
}

/** Both asked for: the table first, then the code with its introduction and explanation. */
function tableAndCodeDraft(context: Context, size: number): Draft {
  const table = tableDraft(context, size);
  const code = codeDraft(context, size);
  return { ...table, blocks: [...table.blocks, ...code.blocks], elaborations: [] };
}

function tableDraft({ question, random, fill }: Context, size: number): Draft {
  const rowCount = Math.min(size, 5);
  if (question.items.length >= 2) {
    const items = question.items;
    // Each column keeps one profile down the table (the quick start, the heavier option, the middle way), and the
    // first thing compared is the quick start, as the verdicts say; cells drawn row by row contradicted them.
    const profiles = [0, ...shuffle([1, 2], random)].slice(0, items.length);
    const rows = shuffle(COMPARISON_ROWS, random)
      .slice(0, rowCount)
      .map(([criterion, ...cells]) => [criterion, ...profiles.map((profile) => cells[profile] as string)]);
    return {
      title: titleOf(question.subject),
      blocks: [
        fill(pick(TABLE_INTRODUCTIONS, random)),
        markdownTable(['Aspect', ...items.map(upperFirst)], rows),
        fill(pick(TABLE_VERDICTS, random)),
      ],
      elaborations: ELABORATIONS.map(fill),
    };
  }
  const rows = shuffle(ASPECT_ROWS, random)
    .slice(0, rowCount)
    .map((row) => row.map(fill));
  return {
    title: titleOf(question.subject),
    blocks: [
      fill(pick(GENERIC_TABLE_INTRODUCTIONS, random)),
      markdownTable(['Aspect', 'What to know', 'Rule of thumb'], rows),
    ],
    elaborations: ELABORATIONS.map(fill),
    closing: pick(CLOSINGS, random),
  };
}

function stepsDraft(context: Context, size: number): Draft {
  const { question, random, fill } = context;
  const count = Math.min(question.count ?? 4 + Math.floor(random() * 3), size);
  const shared = sharedPoints(context, STEPS, count);
  const chosen = shared ?? orderedSample(STEPS, count, random);
  return {
    title: question.action ? `How to ${question.action}` : upperFirst(question.subject),
    blocks: [
      fill(pick(STEP_INTRODUCTIONS, random)),
      chosen.map((step, index) => `${index + 1}. ${fill(step)}`).join('\n'),
      pick(STEP_TIPS, random),
    ],
    elaborations: ELABORATIONS.map(fill),
  };
}

function listDraft(context: Context, size: number): Draft {
  const { question, random, fill } = context;
  const count = Math.min(question.count ?? 3 + Math.floor(random() * 3), size);
  const chosen = sharedPoints(context, LIST_ITEMS, count) ?? shuffle(LIST_ITEMS, random).slice(0, count);
  return {
    title: titleOf(question.subject),
    blocks: [fill(pick(LIST_INTRODUCTIONS, random)), chosen.map((item) => `- ${fill(item)}`).join('\n')],
    elaborations: ELABORATIONS.map(fill),
    closing: pick(LIST_CLOSINGS, random),
  };
}

function explanationDraft(context: Context, size: number): Draft {
  const { question, random, style, fill } = context;
  const opening = `${fill(pick(EXPLANATION_OPENINGS, random))} ${pick(EXPLANATION_FOLLOW_UPS, random)}`;
  const count = Math.min(3 + Math.floor(random() * 2), size);
  const points = sharedPoints(context, KEY_POINTS, count) ?? shuffle(KEY_POINTS, random).slice(0, count);
  const list = points.map((point) => `- ${fill(point)}`).join('\n');
  return {
    title: titleOf(question.subject),
    blocks: [opening, style.headings ? `${pick(KEY_POINT_HEADINGS, random)}\n\n${list}` : list],
    elaborations: ELABORATIONS.map(fill),
    closing: pick(CLOSINGS, random),
  };
}

/**
 * The pool's phrases whose points the quoted answers made, the most shared first (steps keep the pool's order), or
 * undefined when they made fewer than three of them.
 */
function sharedPoints(context: Context, pool: readonly string[], count: number): string[] | undefined {
  const byLabel = new Map(pool.map((phrase, index) => [labelOf(phrase), { phrase, index }]));
  const shared = context.points.flatMap((point) => {
    const known = byLabel.get(point.label);
    return known ? [known] : [];
  });
  if (shared.length < 3) return undefined;
  const chosen = shared.slice(0, count);
  if (pool === STEPS) chosen.sort((first, second) => first.index - second.index);
  return chosen.map((entry) => entry.phrase);
}

/** `count` phrases of the pool, drawn at random, in the pool's order. */
function orderedSample(pool: readonly string[], count: number, random: Random): string[] {
  const indexes = shuffle(
    pool.map((_phrase, index) => index),
    random,
  )
    .slice(0, count)
    .sort((first, second) => first - second);
  return indexes.map((index) => pool[index]!);
}

function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function fillPhrase(phrase: string, question: Question): string {
  const [first = 'the first option', second = 'the second'] = question.items;
  const action = question.action ?? `approach ${question.subject}`;
  return phrase
    .replaceAll('{Subject}', upperFirst(question.subject))
    .replaceAll('{subject}', question.subject)
    .replaceAll('{action}', action)
    .replaceAll('{first}', first)
    .replaceAll('{second}', second)
    .replaceAll('{language}', LANGUAGE_NAMES[question.language]);
}

function titleOf(subject: string): string {
  return upperFirst(subject.replace(/^(a|an|the|your)\s+/i, ''));
}

function upperFirst(text: string): string {
  return text.length > 0 ? text[0]!.toUpperCase() + text.slice(1) : text;
}

function countWords(text: string): number {
  return tokenize(text).length;
}
