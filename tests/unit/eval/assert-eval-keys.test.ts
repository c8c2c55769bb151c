import { describe, expect, it } from 'vitest';
import { findBuiltInSet } from '@/lib/eval/questions/built-in-sets';
import type { QuestionSet } from '@/lib/eval/questions/question';
import { assertEvalKeysAllowed } from '@/lib/eval/run/assert-eval-keys';
import { evalSettingsSchema } from '@/lib/eval/run/eval-settings';
import { prepareEval } from '@/lib/eval/run/prepare-eval';
import { createGetModel, type ModelAccess } from '@/lib/models/registry';

const quick = findBuiltInSet('quick') as QuestionSet;
const onTogether = evalSettingsSchema.parse({
  suite: 'quick',
  protocol: 'pairwise',
  contestants: [
    { kind: 'moa', id: 'moa', preset: 'moa-lite' },
    { kind: 'model', id: 'qwen', model: 'together:Qwen/Qwen2.5-72B-Instruct-Turbo' },
  ],
  referenceId: 'qwen',
  judgeModel: 'together:Qwen/Qwen2.5-72B-Instruct-Turbo',
});

function prepared(access: ModelAccess) {
  return prepareEval({ settings: onTogether, questionSet: quick, getModel: createGetModel(access) });
}

describe('evaluations on the server’s keys', () => {
  it('are refused unless EVAL_ON_SERVER_KEYS allows them, naming the first model that would spend them', () => {
    const access: ModelAccess = { env: { TOGETHER_API_KEY: 'server-key' }, byoKeys: {}, localModels: [] };
    expect(() => assertEvalKeysAllowed(prepared(access), access)).toThrow(
      expect.objectContaining({ code: 'server_keys_not_allowed', field: 'contestants.0.config.layers.0.agents.0.model' }) as unknown as Error,
    );
  });

  it('run when the operator sets EVAL_ON_SERVER_KEYS=on', () => {
    const access: ModelAccess = { env: { TOGETHER_API_KEY: 'server-key', EVAL_ON_SERVER_KEYS: 'on' }, byoKeys: {}, localModels: [] };
    expect(() => assertEvalKeysAllowed(prepared(access), access)).not.toThrow();
  });

  it('run on the caller’s own key without any permission', () => {
    const access: ModelAccess = { env: {}, byoKeys: { together: 'own-key' }, localModels: [] };
    expect(() => assertEvalKeysAllowed(prepared(access), access)).not.toThrow();
  });
});
