/**
 * The aggregate-and-synthesize prompt of Wang et al. (2024), byte-exact as in the paper's reference code.
 * Layers after the first and the aggregator see it with the previous layer's answers appended.
 */
export const AGGREGATE_AND_SYNTHESIZE_PROMPT =
  'You have been provided with a set of responses from various open-source models to the latest user query. Your task is to synthesize these responses into a single, high-quality response. It is crucial to critically evaluate the information provided in these responses, recognizing that some of it may be biased or incorrect. Your response should not simply replicate the given answers but should offer a refined, accurate, and comprehensive reply to the instruction. Ensure your response is well-structured, coherent, and adheres to the highest standards of accuracy and reliability.\n\nResponses from models:';

/**
 * Builds the system instructions for an agent, following `inject_references_to_messages` of the reference code:
 * each reference is appended as `\n{i}. {text}` numbered from 1, without model names; a user system prompt comes
 * first, separated by a blank line. Without references the user system prompt is returned unchanged.
 */
export function buildInstructions({
  systemPrompt,
  references,
}: {
  systemPrompt?: string;
  references: readonly string[];
}): string | undefined {
  if (references.length === 0) return systemPrompt;
  const block =
    AGGREGATE_AND_SYNTHESIZE_PROMPT +
    references.map((reference, index) => `\n${index + 1}. ${reference}`).join('');
  return systemPrompt ? `${systemPrompt}\n\n${block}` : block;
}
