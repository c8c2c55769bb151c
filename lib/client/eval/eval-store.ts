import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
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

interface EvalSchema extends DBSchema {
  evals: { key: string; value: StoredEval; indexes: { updatedAt: number } };
  records: { key: number; value: StoredRecord; indexes: { evalId: string } };
}

/** The layout's number: 10, as Dexie (which wrote it first) numbered its version 1. */
const VERSION = 10;

let opening: Promise<IDBPDatabase<EvalSchema>> | undefined;
const db = () => {
  opening ??= openDB<EvalSchema>('moa-studio-evals', VERSION, {
    upgrade(database) {
      database.createObjectStore('evals', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
      database.createObjectStore('records', { keyPath: 'seq', autoIncrement: true }).createIndex('evalId', 'evalId');
    },
  });
  return opening;
};

export async function createStoredEval(entry: Omit<StoredEval, 'id' | 'createdAt' | 'updatedAt' | 'status'>): Promise<StoredEval> {
  const now = Date.now();
  const stored: StoredEval = { ...entry, id: crypto.randomUUID(), createdAt: now, updatedAt: now, status: 'running' };
  await (await db()).add('evals', stored);
  return stored;
}

/** Newest first. */
export async function listStoredEvals(): Promise<StoredEval[]> {
  return (await (await db()).getAllFromIndex('evals', 'updatedAt')).reverse();
}

export async function getStoredEval(id: string): Promise<StoredEval | undefined> {
  return (await db()).get('evals', id);
}

/** The records of an evaluation in the order they were written, its header first. */
export async function readStoredRecords(evalId: string): Promise<EvalRecord[]> {
  // An index lists entries with the same key in the order of their primary key, `seq`: the order of writing.
  const rows = await (await db()).getAllFromIndex('records', 'evalId', evalId);
  return rows.map((row) => row.record);
}

/** Keeps one final record; the evaluation's `updatedAt` moves with it. */
export async function appendStoredRecord(evalId: string, record: EvalRecord): Promise<void> {
  const transaction = (await db()).transaction(['records', 'evals'], 'readwrite');
  void transaction.objectStore('records').add({ evalId, record });
  const stored = await transaction.objectStore('evals').get(evalId);
  if (stored) void transaction.objectStore('evals').put({ ...stored, updatedAt: Date.now() });
  await transaction.done;
}

export async function updateStoredEval(id: string, changes: Partial<Pick<StoredEval, 'status' | 'haltReason' | 'share'>>): Promise<void> {
  const transaction = (await db()).transaction('evals', 'readwrite');
  const stored = await transaction.store.get(id);
  if (stored) void transaction.store.put({ ...stored, ...changes, updatedAt: Date.now() });
  await transaction.done;
}

export async function deleteStoredEval(id: string): Promise<void> {
  const transaction = (await db()).transaction(['records', 'evals'], 'readwrite');
  const records = transaction.objectStore('records');
  for (const key of await records.index('evalId').getAllKeys(id)) void records.delete(key);
  void transaction.objectStore('evals').delete(id);
  await transaction.done;
}
