import 'server-only';
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { buildReport } from '@/lib/eval/report/build-report';
import { headlineContestants, reportHeadline } from '@/lib/eval/report/report-headline';
import {
  evalShareIdSchema,
  evalShareSnapshotSchema,
  type CreateEvalShareRequest,
  type EvalShareSnapshot,
} from '@/lib/eval/share/eval-share';
import { deleteTokenSchema } from '@/lib/protocol/share';
import { getDatabase } from './database';
import { hashToken, randomBase64Url } from './shares';

/** What a link preview shows of a shared report, read without its snapshot. */
export type EvalShareCard = { suiteName: string; headline: string; simulated: boolean };

/** The result of a lookup: the share, the tombstone of a deleted one, or nothing under that id. */
export type EvalShareLookup<T> = { status: 'found'; share: T } | { status: 'deleted' } | { status: 'missing' };

/** A live shared report as read back. */
export type StoredEvalShare = { id: string; createdAt: number; snapshot: EvalShareSnapshot };

/**
 * Stores a run's records and questions (already checked by `createEvalShareRequestSchema`) under a new unguessable
 * id and returns it with its delete token, of which only the SHA-256 is kept. The preview's headline is worked out
 * once here, so a link preview never reads the records.
 */
export async function createEvalShare(request: CreateEvalShareRequest): Promise<{ id: string; deleteToken: string }> {
  const snapshot: EvalShareSnapshot = { version: 1, records: request.records, questions: request.questions };
  const json = JSON.stringify(snapshot);
  const report = buildReport(snapshot.records, snapshot.questions);
  const [first] = headlineContestants(report);
  const id = randomBase64Url(16);
  const deleteToken = randomBase64Url(32);
  const database = await getDatabase();
  await database.execute({
    sql: `INSERT INTO eval_shares (id, format_version, created_at, snapshot, delete_token_hash, suite_name, headline, simulated, byte_size)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [
      id,
      snapshot.version,
      Date.now(),
      json,
      await hashToken(deleteToken),
      report.header.suiteName,
      first ? reportHeadline(report, first) : '',
      report.simulated ? 1 : 0,
      new TextEncoder().encode(json).byteLength,
    ],
  });
  return { id, deleteToken };
}

const rowSchema = z.object({
  id: z.string(),
  created_at: z.number(),
  deleted_at: z.number().nullable(),
  snapshot: z.string().nullable().optional(),
  suite_name: z.string().nullable(),
  headline: z.string().nullable(),
  simulated: z.number().nullable(),
});

async function readRow(id: string, withSnapshot: boolean): Promise<EvalShareLookup<z.infer<typeof rowSchema>>> {
  // Anything but 22 base64url characters (a path, `..`) is no id: missing, without a query.
  if (!evalShareIdSchema.safeParse(id).success) return { status: 'missing' };
  const database = await getDatabase();
  const { rows } = await database.execute({
    sql: `SELECT id, created_at, deleted_at, ${withSnapshot ? 'snapshot, ' : ''}suite_name, headline, simulated FROM eval_shares WHERE id = ?`,
    args: [id],
  });
  if (!rows[0]) return { status: 'missing' };
  const row = rowSchema.parse(rows[0]);
  return row.deleted_at === null ? { status: 'found', share: row } : { status: 'deleted' };
}

/** Reads a shared report whole, for its page. */
export async function getEvalShare(id: string): Promise<EvalShareLookup<StoredEvalShare>> {
  const result = await readRow(id, true);
  if (result.status !== 'found') return result;
  const snapshot = evalShareSnapshotSchema.parse(JSON.parse(result.share.snapshot ?? 'null'));
  return { status: 'found', share: { id: result.share.id, createdAt: result.share.created_at, snapshot } };
}

/** Reads what a link preview of a shared report shows, without its records. */
export async function getEvalShareCard(id: string): Promise<EvalShareLookup<EvalShareCard>> {
  const result = await readRow(id, false);
  if (result.status !== 'found') return result;
  const { suite_name, headline, simulated } = result.share;
  return {
    status: 'found',
    share: { suiteName: suite_name ?? '', headline: headline ?? '', simulated: simulated === 1 },
  };
}

/**
 * Deletes a shared report when `token` is its delete token, leaving a tombstone so its page can say it is gone. A
 * wrong token is `forbidden` and changes nothing; an unknown or already deleted report is `missing`.
 */
export async function deleteEvalShare(id: string, token: string): Promise<'deleted' | 'forbidden' | 'missing'> {
  if (!evalShareIdSchema.safeParse(id).success) return 'missing';
  const database = await getDatabase();
  const { rows } = await database.execute({
    sql: 'SELECT delete_token_hash FROM eval_shares WHERE id = ? AND deleted_at IS NULL',
    args: [id],
  });
  const storedHash = rows[0]?.delete_token_hash;
  if (typeof storedHash !== 'string') return 'missing';
  // Hashing first gives equal-length inputs whatever was sent, which the constant-time comparison needs.
  const offeredHash = await hashToken(token);
  const matches = timingSafeEqual(Buffer.from(offeredHash, 'hex'), Buffer.from(storedHash, 'hex'));
  if (!matches || !deleteTokenSchema.safeParse(token).success) return 'forbidden';
  // The hash in the WHERE clause makes a concurrent second delete affect no row instead of deleting twice.
  const result = await database.execute({
    sql: `UPDATE eval_shares SET deleted_at = ?, snapshot = NULL, delete_token_hash = NULL, suite_name = NULL, headline = NULL,
            simulated = NULL, byte_size = NULL
          WHERE id = ? AND delete_token_hash = ?`,
    args: [Date.now(), id, storedHash],
  });
  return result.rowsAffected === 1 ? 'deleted' : 'missing';
}
