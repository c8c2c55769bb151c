import { isDeepStrictEqual } from 'node:util';
import { createShareResponseSchema, type ShareSnapshot } from '@/lib/protocol/share';
import { timedRequest } from './http';
import { inPool, postAll, type ReadBack, type WriteOutcome } from './writes';

/** A share the server acknowledged, and what was sent for it. */
export type CreatedShare = { id: string; snapshot: ShareSnapshot };

type Traffic = { baseUrl: string; concurrency: number; clientIp: (slot: number) => string; timeoutMs: number };

/** `POST /api/shares` for every snapshot; returns each write's outcome and the shares created. */
export async function createShares(
  snapshots: readonly ShareSnapshot[],
  traffic: Traffic,
): Promise<{ outcomes: WriteOutcome[]; created: CreatedShare[] }> {
  const outcomes = await postAll({
    ...traffic,
    path: '/api/shares',
    bodies: snapshots.map((snapshot) => ({ messages: snapshot.messages })),
    isAnswer: (answer) => createShareResponseSchema.safeParse(answer).success,
  });
  const created = outcomes.flatMap((outcome, index) =>
    outcome.failure ? [] : [{ id: createShareResponseSchema.parse(outcome.answer).id, snapshot: snapshots[index] as ShareSnapshot }],
  );
  return { outcomes, created };
}

/** Reads every created share back with `GET /api/shares/<id>` and compares its snapshot with what was sent. */
export async function readBackShares(created: readonly CreatedShare[], traffic: Traffic): Promise<ReadBack> {
  const readBack: ReadBack = { checked: created.length, matched: 0, lost: 0, changed: 0, unreadable: 0, problems: [] };
  await inPool(created, traffic.concurrency, async (share, _index, slot) => {
    const response = await timedRequest(`${traffic.baseUrl}/api/shares/${share.id}`, traffic.clientIp(slot), {
      method: 'GET',
      timeoutMs: traffic.timeoutMs,
    });
    const stored = (response.body as { snapshot?: unknown } | undefined)?.snapshot;
    if (response.status === 404) {
      readBack.lost += 1;
      readBack.problems.push(`share ${share.id}: 404 ${JSON.stringify(response.body)}`);
    } else if (response.status === 200 && isDeepStrictEqual(stored, share.snapshot)) {
      readBack.matched += 1;
    } else if (response.status === 200) {
      readBack.changed += 1;
      readBack.problems.push(`share ${share.id}: the snapshot read back differs from the one sent`);
    } else {
      readBack.unreadable += 1;
      readBack.problems.push(`share ${share.id}: ${response.failure ?? `HTTP ${response.status}`}`);
    }
  });
  return readBack;
}
