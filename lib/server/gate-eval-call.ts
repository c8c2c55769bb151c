import 'server-only';
import { evalKeysRefusal, firstModelRefusedToEvals } from '@/lib/models/eval-access';
import type { ModelAccess } from '@/lib/models/registry';
import { ApiError } from '@/lib/protocol/api-error';
import { EVAL_REQUEST_HEADER } from '@/lib/protocol/eval-api';

/** Whether a request says it is part of an evaluation (`x-moa-eval: 1`). */
export function isEvalRequest(request: Request): boolean {
  return request.headers.get(EVAL_REQUEST_HEADER) === '1';
}

/**
 * Refuses an evaluation's call that would spend the server's own keys where the operator has not allowed it: 403
 * `eval_not_allowed` naming the field, before anything is charged. The page says the same before it starts; this is
 * what holds whatever a client sends.
 */
export function assertEvalCallAllowed(models: { field: string; modelId: string }[], access: ModelAccess): void {
  const refused = firstModelRefusedToEvals(models, access);
  if (refused) {
    throw new ApiError(
      'eval_not_allowed',
      `${evalKeysRefusal(refused.modelId)}. Add your own key, or evaluate local or simulated models.`,
      refused.field,
    );
  }
}
