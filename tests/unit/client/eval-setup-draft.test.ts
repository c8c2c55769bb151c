import { describe, expect, it } from 'vitest';
import { prepareBrowserEval } from '@/lib/client/eval/prepare-browser-eval';
import { defaultDraft, settingsOfDraft } from '@/lib/client/eval/setup-draft';
import { findBuiltInSet } from '@/lib/eval/questions/built-in-sets';
import { EvalSetupError } from '@/lib/eval/run/eval-setup-error';
import { catalogView } from '@/lib/models/catalog-view';

const catalog = catalogView({ env: {}, byoKeys: {}, localModels: [] });
const quick = findBuiltInSet('quick');
if (!quick) throw new Error('The quick set is missing.');

describe('the evaluation set-up form', () => {
  it('starts with the default preset against its own aggregator model alone, that model the reference', () => {
    const draft = defaultDraft(catalog);
    const preset = catalog.presets.find((candidate) => candidate.id === catalog.defaultPresetId);
    const settings = settingsOfDraft(draft, 'quick');
    expect(settings.contestants).toEqual([
      { kind: 'moa', id: preset?.id, preset: preset?.id },
      { kind: 'model', id: preset?.config.aggregator.model, model: preset?.config.aggregator.model },
    ]);
    expect(settings.referenceId).toBe(preset?.config.aggregator.model);
    expect(settings).not.toHaveProperty('spendCapUsd');
    expect(settings).not.toHaveProperty('limit');
    expect(prepareBrowserEval({ settings, questionSet: quick as NonNullable<typeof quick>, catalog }).simulated).toBe(true);
  });

  it('starts from a preset and judge that need no server key where evaluations may not spend one', () => {
    const withServerKey = catalogView({ env: { TOGETHER_API_KEY: 'sk-server' }, byoKeys: {}, localModels: [] });
    expect(withServerKey.defaultPresetId).not.toBe('simulated');
    const settings = settingsOfDraft(defaultDraft(withServerKey), 'quick');
    expect(settings.contestants[0]).toMatchObject({ kind: 'moa', preset: 'simulated' });
    expect(settings.judgeModel).toBe('simulator:judge');
    expect(() => prepareBrowserEval({ settings, questionSet: quick as NonNullable<typeof quick>, catalog: withServerKey })).not.toThrow();

    const allowed = catalogView({ env: { TOGETHER_API_KEY: 'sk-server', EVAL_ON_SERVER_KEYS: 'on' }, byoKeys: {}, localModels: [] });
    expect(settingsOfDraft(defaultDraft(allowed), 'quick').contestants[0]).toMatchObject({ preset: allowed.defaultPresetId });
  });

  it('names the setting at fault when what was typed cannot run', () => {
    const draft = { ...defaultDraft(catalog), spendCap: 'lots' };
    const attempt = () => prepareBrowserEval({ settings: settingsOfDraft(draft, 'quick'), questionSet: quick as NonNullable<typeof quick>, catalog });
    expect(attempt).toThrow(EvalSetupError);
    expect(attempt).toThrow(/spendCapUsd/);
    const twice = { ...defaultDraft(catalog) };
    twice.contestants = [twice.contestants[0], twice.contestants[0]].flatMap((contestant) => (contestant ? [contestant] : []));
    expect(() => prepareBrowserEval({ settings: settingsOfDraft(twice, 'quick'), questionSet: quick as NonNullable<typeof quick>, catalog })).toThrow(/repeats/);
  });

  it('leaves the reference out of MT-Bench grading and keeps a typed cap and limit', () => {
    const draft = { ...defaultDraft(catalog), protocol: 'mt-bench' as const, spendCap: '1.5', limit: '3' };
    const settings = settingsOfDraft(draft, 'quick');
    expect(settings).not.toHaveProperty('referenceId');
    expect(settings).toMatchObject({ spendCapUsd: 1.5, limit: 3 });
    expect(prepareBrowserEval({ settings, questionSet: quick as NonNullable<typeof quick>, catalog }).questions).toHaveLength(3);
  });
});
