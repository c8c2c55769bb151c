import 'server-only';
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ApiError, fromZodError } from '@/lib/protocol/api-error';
import {
  deleteTokenSchema,
  parseSnapshot,
  SHARE_LIMITS,
  shareIdSchema,
  shareSnapshotV1Schema,
  type ShareSnapshot,
} from '@/lib/protocol/share';
import { getDatabase } from './database';

/** What a listing or an Open Graph card shows of a share without parsing its snapshot. */
export type ShareSummary = {
  /** The first user message, cut to `FIRST_QUESTION_CHARS` characters. */
  firstQuestion: string;
  /** The preset of the first run, when it used one. */
  preset: string | null;
  /** User messages in the conversation. */
  turnCount: number;
  /** Layers of the first run, the aggregator's included. */
  layerCount: number;
  /** Agents of the first run, the aggregator included. */
  agentCount: number;
  /** Wall time of every run of the conversation, added up; null when no run finished. */
  totalMs: number | null;
  /** Bytes of the snapshot as stored. */
  byteSize: number;
};

/** A live share as read back. */
export type StoredShare = { id: string; createdAt: number; snapshot: ShareSnapshot; summary: ShareSummary };

/** The result of `getShare`: a share, the tombstone of a deleted one, or nothing under that id. */
export type ShareLookup =
  | { status: 'found'; share: StoredShare }
  | { status: 'deleted'; deletedAt: number }
  | { status: 'missing' };

/** Enough of the question for a card or a list; the whole text stays in the snapshot. */
export const FIRST_QUESTION_CHARS = 280;

/**
 * Stores a snapshot under a new unguessable id and returns the id with its delete token. Only the token's SHA-256
 * is kept, so the token cannot be recovered from the database. Throws `ApiError` 400 for an invalid snapshot and
 * 413 when it is larger than `SHARE_LIMITS.snapshotBytes` once validated and serialized.
 */
export async function createShare(snapshot: ShareSnapshot): Promise<{ id: string; deleteToken: string }> {
  const parsed = shareSnapshotV1Schema.safeParse(snapshot);
  if (!parsed.success) throw fromZodError(parsed.error);
  const json = JSON.stringify(parsed.data);
  const byteSize = new TextEncoder().encode(json).byteLength;
  if (byteSize > SHARE_LIMITS.snapshotBytes) {
    const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
    throw new ApiError(
      'payload_too_large',
      `The conversation takes ${megabytes(byteSize)} MB; a share holds ${megabytes(SHARE_LIMITS.snapshotBytes)} MB at most.`,
    );
  }

  // 128 random bits: a collision on the primary key is not a case worth handling.
  const id = randomBase64Url(16);
  const deleteToken = randomBase64Url(32);
  const summary = summarizeSnapshot(parsed.data, byteSize);
  const database = await getDatabase();
  await database.execute({
    sql: `INSERT INTO shares (id, format_version, created_at, snapshot, delete_token_hash, first_question, preset,
            turn_count, layer_count, agent_count, total_ms, byte_size)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [
      id,
      parsed.data.version,
      Date.now(),
      json,
      await hashToken(deleteToken),
      summary.firstQuestion,
      summary.preset,
      summary.turnCount,
      summary.layerCount,
      summary.agentCount,
      summary.totalMs,
      summary.byteSize,
    ],
  });
  return { id, deleteToken };
}

const shareRowSchema = z.object({
  id: z.string(),
  created_at: z.number(),
  deleted_at: z.number().nullable(),
  snapshot: z.string().nullable(),
  first_question: z.string().nullable(),
  preset: z.string().nullable(),
  turn_count: z.number().nullable(),
  layer_count: z.number().nullable(),
  agent_count: z.number().nullable(),
  total_ms: z.number().nullable(),
  byte_size: z.number().nullable(),
});

/**
 * Parsed snapshots of recently read shares, by id. A share never changes, so a page viewed again skips reading and
 * checking up to 1 MB of JSON; only whether it was deleted is read again each time. Bounded by the snapshots'
 * stored size, the least recently read forgotten first.
 */
const recentSnapshots = new Map<string, { snapshot: ShareSnapshot; bytes: number }>();
const RECENT_SNAPSHOT_BYTES = 16 * 1024 * 1024;
let recentBytes = 0;

function rememberSnapshot(id: string, snapshot: ShareSnapshot, bytes: number): void {
  forgetSnapshot(id);
  recentSnapshots.set(id, { snapshot, bytes });
  recentBytes += bytes;
  for (const oldest of recentSnapshots.keys()) {
    if (recentBytes <= RECENT_SNAPSHOT_BYTES) break;
    forgetSnapshot(oldest);
  }
}

function forgetSnapshot(id: string): void {
  const known = recentSnapshots.get(id);
  if (!known) return;
  recentSnapshots.delete(id);
  recentBytes -= known.bytes;
}

/**
 * Reads a share. A string that is not a share id (a path, `..`, anything but 22 base64url characters) is
 * `missing` without a query. Stored snapshots of any format version are read as the current one.
 */
export async function getShare(id: string): Promise<ShareLookup> {
  if (!shareIdSchema.safeParse(id).success) return { status: 'missing' };
  const database = await getDatabase();
  const known = recentSnapshots.get(id);
  const { rows } = await database.execute({
    sql: `SELECT id, created_at, deleted_at, ${known ? 'NULL AS snapshot' : 'snapshot'}, first_question, preset, turn_count,
            layer_count, agent_count, total_ms, byte_size
          FROM shares WHERE id = ?`,
    args: [id],
  });
  if (!rows[0]) {
    forgetSnapshot(id);
    return { status: 'missing' };
  }
  const row = shareRowSchema.parse(rows[0]);
  if (row.deleted_at !== null || (!known && row.snapshot === null)) {
    forgetSnapshot(id);
    return { status: 'deleted', deletedAt: row.deleted_at ?? 0 };
  }
  let snapshot = known?.snapshot;
  if (!snapshot) {
    snapshot = parseSnapshot(JSON.parse(row.snapshot ?? 'null'));
    rememberSnapshot(id, snapshot, row.snapshot?.length ?? 0);
  } else {
    // Most recently read last, so the bound forgets the coldest.
    rememberSnapshot(id, snapshot, known?.bytes ?? 0);
  }
  return {
    status: 'found',
    share: {
      id: row.id,
      createdAt: row.created_at,
      snapshot,
      summary: {
        firstQuestion: row.first_question ?? '',
        preset: row.preset,
        turnCount: row.turn_count ?? 0,
        layerCount: row.layer_count ?? 0,
        agentCount: row.agent_count ?? 0,
        totalMs: row.total_ms,
        byteSize: row.byte_size ?? 0,
      },
    },
  };
}

/**
 * Deletes a share when `token` is its delete token: the snapshot and summary go, a tombstone (id, created and
 * deleted times) stays so the share's page can say it was deleted. A wrong or malformed token is `forbidden` and
 * changes nothing. A share already deleted is `missing`: its token hash went with it, so a second call cannot be
 * told apart from a stranger's, and there is nothing left to delete.
 */
export async function deleteShare(id: string, token: string): Promise<'deleted' | 'forbidden' | 'missing'> {
  if (!shareIdSchema.safeParse(id).success) return 'missing';
  const database = await getDatabase();
  const { rows } = await database.execute({
    sql: 'SELECT delete_token_hash FROM shares WHERE id = ? AND deleted_at IS NULL',
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
    sql: `UPDATE shares SET deleted_at = ?, snapshot = NULL, delete_token_hash = NULL, first_question = NULL,
            preset = NULL, turn_count = NULL, layer_count = NULL, agent_count = NULL, total_ms = NULL, byte_size = NULL
          WHERE id = ? AND delete_token_hash = ?`,
    args: [Date.now(), id, storedHash],
  });
  return result.rowsAffected === 1 ? 'deleted' : 'missing';
}

/** Hex SHA-256 of a delete token, as stored. */
export async function hashToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return Buffer.from(digest).toString('hex');
}

/** `byteCount` random bytes in base64url: ids and tokens nobody can guess. */
export function randomBase64Url(byteCount: number): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(byteCount))).toString('base64url');
}

/** The listing columns of a validated snapshot. */
export function summarizeSnapshot(snapshot: ShareSnapshot, byteSize: number): ShareSummary {
  const questions = snapshot.messages.flatMap((message) => (message.role === 'user' ? [message.text] : []));
  const parts = snapshot.messages.flatMap((message) => (message.role === 'assistant' ? message.parts : []));
  const firstRun = parts.find((part) => part.type === 'data-run')?.data;
  const wallTimes = parts.flatMap((part) => (part.type === 'data-summary' ? [part.data.wallTimeMs] : []));
  return {
    // By code points, so a cut never splits a surrogate pair.
    firstQuestion: [...(questions[0] ?? '')].slice(0, FIRST_QUESTION_CHARS).join(''),
    preset: firstRun?.preset ?? null,
    turnCount: questions.length,
    layerCount: firstRun?.layers.length ?? 0,
    agentCount: firstRun?.layers.reduce((sum, layer) => sum + layer.agents.length, 0) ?? 0,
    totalMs: wallTimes.length > 0 ? Math.round(wallTimes.reduce((sum, time) => sum + time, 0)) : null,
    byteSize,
  };
}
