import 'server-only';
import { modelKeySource, type ModelAccess } from '@/lib/models/registry';
import { EvalSetupError } from './eval-setup-error';
import { contestantModels, type PreparedEval } from './prepare-eval';

/** `EVAL_ON_SERVER_KEYS` values that let evaluations spend the operator's own keys. */
const ALLOWING = new Set(['1', 'on', 'true', 'yes']);

/**
 * An evaluation makes hundreds of model calls, so on the server's own keys it runs only where the operator says so
 * (`EVAL_ON_SERVER_KEYS=on`). Own keys, local models and the simulator need no permission.
 */
export function assertEvalKeysAllowed(prepared: PreparedEval, access: ModelAccess): void {
  if (ALLOWING.has(access.env.EVAL_ON_SERVER_KEYS?.trim().toLowerCase() ?? '')) return;
  const models = [
    ...prepared.contestants.flatMap((contestant, index) => contestantModels(contestant, index)),
    { field: 'judgeModel', modelId: prepared.settings.judgeModel },
  ];
  const onServerKeys = models.find(({ modelId }) => modelKeySource(modelId, access) === 'server');
  if (onServerKeys) {
    throw new EvalSetupError(
      'server_keys_not_allowed',
      `"${onServerKeys.modelId}" would run on the server's own key; evaluations may spend it only with EVAL_ON_SERVER_KEYS=on`,
      onServerKeys.field,
    );
  }
}
