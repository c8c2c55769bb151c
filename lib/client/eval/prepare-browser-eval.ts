import type { QuestionSet } from '@/lib/eval/questions/question';
import type { ModelDirectory } from '@/lib/eval/run/eval-backend';
import { EvalSetupError } from '@/lib/eval/run/eval-setup-error';
import { evalSettingsSchema, type EvalSettingsInput } from '@/lib/eval/run/eval-settings';
import { contestantModels, prepareEval, type PreparedEval } from '@/lib/eval/run/prepare-eval';
import type { CatalogView } from '@/lib/protocol/catalog';
import { keySourceOf } from './setup-draft';

/** Prices and the simulated flag of the models this visitor can use, from the catalog the server sent the page. */
export function catalogDirectory(catalog: CatalogView): ModelDirectory {
  const byId = new Map(catalog.models.map((model) => [model.id, model]));
  return (modelId) => {
    const model = byId.get(modelId);
    if (!model) throw new Error(`"${modelId}" is not available here: add its provider's key, or pick another model`);
    const { id, displayName, provider, simulated, inputPricePerMillion, outputPricePerMillion } = model;
    return { info: { id, displayName, provider, simulated, inputPricePerMillion, outputPricePerMillion } };
  };
}

/**
 * Checks an evaluation set up on the page the way the server will: the settings' schema, presets and models that
 * exist for this visitor, simulated and real models not mixed, and no model on the server's own keys unless the
 * operator allows evaluations on them. Throws `EvalSetupError` naming the setting; nothing has started then.
 */
export function prepareBrowserEval(options: { settings: EvalSettingsInput; questionSet: QuestionSet; catalog: CatalogView }): PreparedEval {
  const parsed = evalSettingsSchema.safeParse(options.settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || undefined;
    throw new EvalSetupError('invalid_settings', issue?.message ?? 'the settings are invalid', field);
  }
  const { catalog } = options;
  const prepared = prepareEval({ settings: parsed.data, questionSet: options.questionSet, getModel: catalogDirectory(catalog), presets: catalog.presets });
  if (!catalog.evalOnServerKeys) {
    const models = [
      ...prepared.contestants.flatMap((contestant, index) => contestantModels(contestant, index)),
      { field: 'judgeModel', modelId: prepared.settings.judgeModel },
    ];
    const onServerKeys = models.find(({ modelId }) => keySourceOf(catalog, modelId) === 'server');
    if (onServerKeys) {
      throw new EvalSetupError(
        'server_keys_not_allowed',
        `"${onServerKeys.modelId}" would run on this server's own key, which evaluations may not spend here. Add your own key for it, or evaluate simulated or local models.`,
        onServerKeys.field,
      );
    }
  }
  return prepared;
}
