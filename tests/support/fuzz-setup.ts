import { afterAll, afterEach, beforeAll, expect, vi } from 'vitest';
import { PROVIDERS } from '@/lib/models/providers';
import { pollutionSeen, prototypeShape } from './fuzz';

/**
 * Common ground for a fuzz suite: no provider key and no local models (no malformed body may reach a model), a fast
 * simulator, and after every test a check that nothing polluted the built-in prototypes.
 */
export function setUpFuzzSuite(): void {
  beforeAll(() => {
    vi.stubEnv('LOCAL_MODELS', 'off');
    vi.stubEnv('SIMULATOR_SPEED', '1000');
    for (const provider of PROVIDERS) if (provider.keyEnv) vi.stubEnv(provider.keyEnv, '');
  });
  afterAll(() => vi.unstubAllEnvs());
  const prototypesBefore = prototypeShape();
  afterEach(() => {
    expect(pollutionSeen()).toEqual([]);
    expect(prototypeShape()).toEqual(prototypesBefore);
  });
}
