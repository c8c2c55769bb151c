import Dexie, { type Table } from 'dexie';
import type { Question } from '@/lib/eval/questions/question';
import type { EvalRecord } from '@/lib/eval/run/eval-records';
import type { EvalSettings } from '@/lib/eval/run/eval-settings';

/**
 * Evaluations kept in this browser (IndexedDB): each with its settings and questions, and its records, one row each,
 * written as soon as the record is final. A reload, a crash or a closed tab loses only the calls in flight; the
 * evaluation resumes from its rows and never asks a recorded question again.
 */

/** `running` in a browser that is not running it means the tab went away mid-run: it can be resumed. */
export type StoredEvalStatus = 'running' | 'stopped' | 'spend_cap' | 'halted' | 'done';

export interface StoredEval {
  id: string;
  createdAt: number;
  updatedAt: number;
  status: StoredEvalStatus;
  /** Why it halted, in the server's words. */
  haltReason?: string;
  suiteName: string;
  simulated: boolean;
  settings: EvalSettings;
  /** The questions asked, as they were when it started, so a resume asks the same ones. */
  questions: Question[];
  /** Its shared report, once shared. */
  share?: { id: string; url: string; deleteToken: string };
}

interface StoredRecord {
  seq?: number;
  evalId: string;
  record: EvalRecord;
}

class EvalDatabase extends Dexie {
  evals!: Table<StoredEval, string>;
  records!: Table<StoredRecord, number>;

  constructor() {
    super('moa-studio-evals');
    this.version(1).stores({ evals: 'id, updatedAt', records: '++seq, evalId' });
  }
}

let database: EvalDatabase | undefined;
const db = () => {
  database ??= new EvalDatabase();
  return database;
};

export async function createStoredEval(entry: Omit<StoredEval, 'id' | 'createdAt' | 'updatedAt' | 'status'>): Promise<StoredEval> {
  const now = Date.now();
  const stored: StoredEval = { ...entry, id: crypto.randomUUID(), createdAt: now, updatedAt: now, status: 'running' };
  await db().evals.add(stored);
  return stored;
}

/** Newest first. */
export async function listStoredEvals(): Promise<StoredEval[]> {
  return db().evals.orderBy('updatedAt').reverse().toArray();
}

export async function getStoredEval(id: string): Promise<StoredEval | undefined> {
  return db().evals.get(id);
}

/** The records of an evaluation in the order they were written, its header first. */
export async function readStoredRecords(evalId: string): Promise<EvalRecord[]> {
  const rows = await db().records.where('evalId').equals(evalId).sortBy('seq');
  return rows.map((row) => row.record);
}

/** Keeps one final record; the evaluation's `updatedAt` moves with it. */
export async function appendStoredRecord(evalId: string, record: EvalRecord): Promise<void> {
  await db().transaction('rw', db().records, db().evals, async () => {
    await db().records.add({ evalId, record });
    await db().evals.update(evalId, { updatedAt: Date.now() });
  });
}

export async function updateStoredEval(id: string, changes: Partial<Pick<StoredEval, 'status' | 'haltReason' | 'share'>>): Promise<void> {
  await db().evals.update(id, { ...changes, updatedAt: Date.now() });
}

export async function deleteStoredEval(id: string): Promise<void> {
  await db().transaction('rw', db().records, db().evals, async () => {
    await db().records.where('evalId').equals(id).delete();
    await db().evals.delete(id);
  });
}
