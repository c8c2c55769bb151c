import { describe, expect, it } from 'vitest';
import { gradeAnswer, parseRating } from '@/lib/judge/grade-answer';
import { buildGradePrompt, GRADE_REFERENCE_NOTE } from '@/lib/judge/grade-prompt';
import { judgePair } from '@/lib/judge/run-judge';
import { createSimulatedModel } from '@/lib/models/simulator';
import { handle } from '@/tests/support/test-models';

const instant = { firstTokenMs: 0, tokensPerSecond: Number.POSITIVE_INFINITY, jitter: 0 };

describe('parseRating', () => {
  it.each([
    ['Clear and right.\nRating: 8', 8],
    ['Good.\n**Rating:** [[9]]', 9],
    ['Fine.\nRating - 10/10', 10],
    ['Rating: 3\nOn reflection, worse.\nRating: 2', 2],
  ])('reads the last rating line of %j', (text, score) => {
    expect(parseRating(text).score).toBe(score);
  });

  it('keeps the text before the rating as the reason', () => {
    expect(parseRating('Correct result, terse working.\nRating: 7')).toEqual({ score: 7, reason: 'Correct result, terse working.' });
  });

  it('has no score for a reply without a rating, or a rating out of range', () => {
    expect(parseRating('I liked it.').score).toBeUndefined();
    expect(parseRating('Rating: 11').score).toBeUndefined();
    expect(parseRating('Rating: 0').reason).toContain('No readable');
  });
});

describe('the grading prompt', () => {
  it('shows the earlier turns, the answer to grade and the reference with its note', () => {
    const prompt = buildGradePrompt({
      earlierTurns: [{ question: 'What is 2+2?', answer: '4' }],
      question: 'And times 3?',
      answer: '12',
      reference: '(2+2)×3 = 12',
    });
    expect(prompt).toContain('User: What is 2+2?\n\nAssistant: 4\n\nUser: And times 3?');
    expect(prompt).toContain('<answer_to_grade>\n12\n</answer_to_grade>');
    expect(prompt).toContain(GRADE_REFERENCE_NOTE);
    expect(buildGradePrompt({ earlierTurns: [], question: 'q', answer: 'a' })).not.toContain('Reference');
  });
});

describe('the simulated judge', () => {
  it('grades an answer 1–10 and reads the same every time', async () => {
    const judge = handle('simulator:judge', createSimulatedModel({ modelId: 'simulator:judge', profile: instant }), { simulated: true });
    const input = { earlierTurns: [], question: 'Why is the sky blue?', answer: 'Rayleigh scattering.' };
    const first = await gradeAnswer(judge, input);
    expect(first.score).toBeGreaterThanOrEqual(1);
    expect(first.score).toBeLessThanOrEqual(10);
    expect(await gradeAnswer(judge, input)).toEqual(first);
  });

  it('with a set preference, prefers the favoured output in both orders or in neither', async () => {
    const verdicts = [];
    for (let index = 0; index < 40; index += 1) {
      const judge = handle(
        'simulator:judge',
        createSimulatedModel({ modelId: 'simulator:judge', profile: instant, judgePreference: { favour: '[mark]', rate: 0.5 } }),
        { simulated: true },
      );
      const judgment = await judgePair(judge, { question: `Question ${index}`, moaAnswer: `[mark] answer ${index}`, baselineAnswer: `plain answer ${index}` });
      verdicts.push(judgment.verdict);
    }
    expect(verdicts).not.toContain('inconsistent');
    expect(verdicts).not.toContain('tie');
    expect(verdicts.filter((verdict) => verdict === 'moa').length).toBeGreaterThan(8);
    expect(verdicts.filter((verdict) => verdict === 'baseline').length).toBeGreaterThan(8);
  });
});
