import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  appendStoredRecord,
  createStoredEval,
  deleteStoredEval,
  getStoredEval,
  listStoredEvals,
  readStoredRecords,
  updateStoredEval,
} from '@/lib/client/eval/eval-store';
import type { EvalRecord } from '@/lib/eval/run/eval-records';
import { evalSettings } from '../../support/eval-fixtures';

const entry = () => ({
  suiteName: 'Quick',
  simulated: true,
  settings: evalSettings(),
  questions: [{ id: 'q1', category: 'writing', turns: ['Write a haiku.'] }],
});

const answer = (questionId: string): EvalRecord => ({
  type: 'answer',
  questionId,
  contestantId: 'single',
  turns: [{ status: 'done', text: 'An answer.', totalMs: 5, inputTokens: 3, outputTokens: 4, costUsd: 0 }],
});

describe('the evaluations kept in this browser', () => {
  it('keep their records in the order they were written, apart from other evaluations', async () => {
    const first = await createStoredEval(entry());
    const second = await createStoredEval(entry());
    await appendStoredRecord(first.id, answer('q1'));
    await appendStoredRecord(second.id, answer('q9'));
    await appendStoredRecord(first.id, answer('q2'));
    expect((await readStoredRecords(first.id)).map((record) => (record.type === 'answer' ? record.questionId : ''))).toEqual(['q1', 'q2']);
    expect(await readStoredRecords(second.id)).toHaveLength(1);
  });

  it('start as running, list the latest change first, and keep a halt’s reason until the next run clears it', async () => {
    const older = await createStoredEval(entry());
    const newer = await createStoredEval(entry());
    expect(older.status).toBe('running');
    await updateStoredEval(older.id, { status: 'halted', haltReason: 'Budget used up.' });
    const listed = await listStoredEvals();
    const times = listed.map((stored) => stored.updatedAt);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const position = (id: string) => listed.findIndex((stored) => stored.id === id);
    expect(listed.find((stored) => stored.id === older.id)?.updatedAt).toBeGreaterThanOrEqual(newer.updatedAt);
    expect(position(newer.id)).toBeGreaterThanOrEqual(0);
    expect(await getStoredEval(older.id)).toMatchObject({ status: 'halted', haltReason: 'Budget used up.' });
    await updateStoredEval(older.id, { status: 'running', haltReason: undefined });
    expect((await getStoredEval(older.id))?.haltReason).toBeUndefined();
  });

  it('forget an evaluation and all its records when it is deleted', async () => {
    const stored = await createStoredEval(entry());
    await appendStoredRecord(stored.id, answer('q1'));
    await deleteStoredEval(stored.id);
    expect(await getStoredEval(stored.id)).toBeUndefined();
    expect(await readStoredRecords(stored.id)).toEqual([]);
  });
});
