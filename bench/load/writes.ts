import { timedRequest, unexpectedStatus } from './http';

/**
 * Runs `work` on every item, at most `concurrency` at a time. Each of the `concurrency` slots is one virtual client
 * that takes the next item as soon as its previous one is answered; `slot` (0-based) says which.
 */
export async function inPool<Item, Result>(
  items: readonly Item[],
  concurrency: number,
  work: (item: Item, index: number, slot: number) => Promise<Result>,
): Promise<Result[]> {
  const results: Result[] = new Array(items.length);
  let next = 0;
  const client = async (slot: number) => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as Item, index, slot);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, (_, slot) => client(slot)));
  return results;
}

/** What one write (a `POST`) came to: acknowledged with the expected status and answer, or failed. */
export type WriteOutcome = { latencyMs: number; failure?: string; answer?: unknown };

/** A read-back of acknowledged writes. `unreadable` counts reads that failed, so they prove nothing either way. */
export type ReadBack = { checked: number; matched: number; lost: number; changed: number; unreadable: number; problems: string[] };

/**
 * Posts every body to `path`, `concurrency` at a time, each slot a virtual client with its own address. A write
 * succeeds when it is answered `201` with a body that `isAnswer` accepts.
 */
export function postAll(options: {
  baseUrl: string;
  path: string;
  bodies: readonly unknown[];
  concurrency: number;
  clientIp: (slot: number) => string;
  timeoutMs: number;
  isAnswer: (answer: unknown) => boolean;
}): Promise<WriteOutcome[]> {
  return inPool(options.bodies, options.concurrency, async (body, _index, slot) => {
    const response = await timedRequest(`${options.baseUrl}${options.path}`, options.clientIp(slot), {
      method: 'POST',
      json: body,
      timeoutMs: options.timeoutMs,
    });
    const failure =
      unexpectedStatus(response, 201) ?? (options.isAnswer(response.body) ? undefined : `unexpected answer: ${JSON.stringify(response.body).slice(0, 160)}`);
    return { latencyMs: response.latencyMs, failure, answer: response.body };
  });
}
