import { generateText, RetryError } from 'ai';
import type { Judge, JudgeInput } from '@/lib/moa/comparison-judge';
import type { ModelHandle } from '@/lib/moa/model-handle';
import type { JudgeOrder, Judgment } from '@/lib/protocol/judge';
import { buildJudgePrompt, JUDGE_INSTRUCTIONS } from './prompt';
import { combineOrders, parseVerdict, preferenceOf } from './verdict';

export interface JudgeOptions {
  /** Bounds each reading (the two run at once), retries included. Default 60 s. */
  timeoutMs?: number;
  /** Room for a sentence or two of reason and the verdict line. Default 400. */
  maxOutputTokens?: number;
  /** Passed to the model where it takes one; the simulated judge's verdict depends on it. */
  seed?: number;
}

export const DEFAULT_JUDGE_TIMEOUT_MS = 60_000;

/**
 * Judges a MoA answer against a single model's: two readings at once, the MoA answer as A and then as B, each a
 * `generateText` call (one retry, a timeout), combined by `combineOrders`. An unreadable reply is not an error (the
 * verdict is `inconsistent`); a failed call is, and rejects with the provider's error after aborting the other.
 * Uses web APIs only.
 */
export async function judgePair(
  handle: ModelHandle,
  input: JudgeInput,
  options: JudgeOptions & { signal?: AbortSignal } = {},
): Promise<Judgment> {
  const controller = new AbortController();
  const stop = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) stop();
  else options.signal?.addEventListener('abort', stop, { once: true });

  const read = async (moaPosition: 'A' | 'B'): Promise<JudgeOrder> => {
    const [outputA, outputB] =
      moaPosition === 'A' ? [input.moaAnswer, input.baselineAnswer] : [input.baselineAnswer, input.moaAnswer];
    try {
      const result = await generateText({
        model: handle.model,
        instructions: JUDGE_INSTRUCTIONS,
        messages: [{ role: 'user', content: buildJudgePrompt({ instruction: input.question, outputA, outputB }) }],
        temperature: 0,
        maxOutputTokens: options.maxOutputTokens ?? 400,
        seed: options.seed,
        maxRetries: 1,
        timeout: options.timeoutMs ?? DEFAULT_JUDGE_TIMEOUT_MS,
        abortSignal: controller.signal,
      });
      const { verdict, reason } = parseVerdict(result.text);
      return { moaPosition, verdict, preferred: preferenceOf(verdict, moaPosition), reason };
    } catch (thrown) {
      // After its retry the SDK wraps the failure; the provider's own error says what went wrong.
      const error = RetryError.isInstance(thrown) ? (thrown.lastError ?? thrown) : thrown;
      // One failed reading makes the pair worthless: stop the other rather than pay for it.
      controller.abort(error);
      throw error;
    }
  };

  try {
    const orders = await Promise.all([read('A'), read('B')]);
    const combined = combineOrders(orders);
    return { ...combined, orders, judgeModel: handle.info.id, simulated: handle.info.simulated };
  } finally {
    options.signal?.removeEventListener('abort', stop);
  }
}

/** A `Judge` over one model. */
export function createJudge(handle: ModelHandle, options: JudgeOptions = {}): Judge {
  return {
    model: handle.info.id,
    simulated: handle.info.simulated,
    judge: (input, signal) => judgePair(handle, input, { ...options, signal }),
  };
}
