import 'server-only';
import { evalKeysRefusal, firstModelRefusedToEvals } from '@/lib/models/eval-access';
import type { ModelAccess } from '@/lib/models/registry';
import { EvalSetupError } from './eval-setup-error';
import { contestantModels, type PreparedEval } from './prepare-eval';

/** Refuses, before anything runs, an evaluation that would spend the server's own keys where that is not allowed. */
export function assertEvalKeysAllowed(prepared: PreparedEval, access: ModelAccess): void {
  const refused = firstModelRefusedToEvals(
    [
      ...prepared.contestants.flatMap((contestant, index) => contestantModels(contestant, index)),
      { field: 'judgeModel', modelId: prepared.settings.judgeModel },
    ],
    access,
  );
  if (refused) throw new EvalSetupError('server_keys_not_allowed', evalKeysRefusal(refused.modelId), refused.field);
}
