import { describe, expect, it } from 'vitest';
import { isSimulatedModel, SIMULATED_JUDGE_MODEL, splitModelId } from '@/lib/protocol/model-id';

describe('splitModelId', () => {
  it('splits at the first colon, so the model part may hold more', () => {
    expect(splitModelId('ollama:llama3.1:8b')).toEqual({ providerId: 'ollama', providerModelId: 'llama3.1:8b' });
  });
});

describe('isSimulatedModel', () => {
  it('says a model of the simulator provider is simulated, the simulated judge included', () => {
    expect(isSimulatedModel('simulator:qwen-72b')).toBe(true);
    expect(isSimulatedModel(SIMULATED_JUDGE_MODEL)).toBe(true);
  });

  it('says no for any other provider, even one whose model name mentions the simulator', () => {
    expect(isSimulatedModel('together:simulator:qwen')).toBe(false);
    expect(isSimulatedModel('simulator-like:model')).toBe(false);
  });
});
