import { describe, expect, it } from 'vitest';
import { AGGREGATE_AND_SYNTHESIZE_PROMPT, buildInstructions } from '@/lib/moa/prompt';

describe('buildInstructions', () => {
  it('keeps the paper’s aggregate-and-synthesize prompt byte for byte', () => {
    expect(AGGREGATE_AND_SYNTHESIZE_PROMPT).toBe(
      'You have been provided with a set of responses from various open-source models to the latest user query. Your task is to synthesize these responses into a single, high-quality response. It is crucial to critically evaluate the information provided in these responses, recognizing that some of it may be biased or incorrect. Your response should not simply replicate the given answers but should offer a refined, accurate, and comprehensive reply to the instruction. Ensure your response is well-structured, coherent, and adheres to the highest standards of accuracy and reliability.\n\nResponses from models:',
    );
  });

  it('numbers the references from 1, each on its own line, without model names', () => {
    expect(buildInstructions({ references: ['alpha', 'beta'] })).toBe(`${AGGREGATE_AND_SYNTHESIZE_PROMPT}\n1. alpha\n2. beta`);
  });

  it('appends the block after a user system prompt, separated by a blank line', () => {
    expect(buildInstructions({ systemPrompt: 'Be brief.', references: ['one'] })).toBe(
      `Be brief.\n\n${AGGREGATE_AND_SYNTHESIZE_PROMPT}\n1. one`,
    );
  });

  it('returns the user system prompt unchanged when there are no references', () => {
    expect(buildInstructions({ systemPrompt: 'Be brief.', references: [] })).toBe('Be brief.');
    expect(buildInstructions({ references: [] })).toBeUndefined();
  });
});
