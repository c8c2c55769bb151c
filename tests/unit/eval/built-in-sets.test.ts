import { describe, expect, it } from 'vitest';
import { BUILT_IN_SETS, findBuiltInSet } from '@/lib/eval/questions/built-in-sets';
import { MT_BENCH_CATEGORIES, REFERENCE_GUIDED_CATEGORIES } from '@/lib/eval/questions/question';

describe('built-in question sets', () => {
  it('has a quick set of about a dozen questions over several categories', () => {
    const quick = findBuiltInSet('quick');
    expect(quick?.questions.length).toBe(12);
    expect(new Set(quick?.questions.map((question) => question.category)).size).toBeGreaterThanOrEqual(6);
  });

  it('has Studio 80: ten two-turn questions in each of the eight MT-Bench categories', () => {
    const studio = findBuiltInSet('studio-80');
    expect(studio?.questions.length).toBe(80);
    for (const category of MT_BENCH_CATEGORIES) {
      const inCategory = studio?.questions.filter((question) => question.category === category) ?? [];
      expect(inCategory, category).toHaveLength(10);
      for (const question of inCategory) expect(question.turns, question.id).toHaveLength(2);
    }
  });

  it('gives every Studio 80 math, reasoning and coding question a reference answer for both turns', () => {
    const guided = findBuiltInSet('studio-80')?.questions.filter((question) => REFERENCE_GUIDED_CATEGORIES.has(question.category));
    expect(guided).toHaveLength(30);
    for (const question of guided ?? []) expect(question.reference?.filter((answer) => answer.length > 0), question.id).toHaveLength(2);
  });

  it('uses ids that are unique across all the built-in sets', () => {
    const ids = BUILT_IN_SETS.flatMap((set) => set.questions.map((question) => question.id));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
