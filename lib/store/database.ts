import 'server-only';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createClient, type Client, type InStatement } from '@libsql/client';

/**
 * The schema, one step per entry, applied in order and recorded in `schema_migrations`. Never edit a step that has
 * shipped: add the next one. A step is applied at most once per database, even when two processes start together.
 */
export const MIGRATIONS: readonly { version: number; name: string; statements: readonly string[] }[] = [
  {
    version: 1,
    name: 'shares',
    statements: [
      // A deleted share keeps its row as a tombstone (id, format_version, created_at, deleted_at) so its page can
      // say it was deleted; everything else is cleared.
      `CREATE TABLE IF NOT EXISTS shares (
        id TEXT PRIMARY KEY,
        format_version INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        deleted_at INTEGER,
        snapshot TEXT,
        delete_token_hash TEXT,
        first_question TEXT,
        preset TEXT,
        turn_count INTEGER,
        layer_count INTEGER,
        agent_count INTEGER,
        total_ms INTEGER,
        byte_size INTEGER
      )`,
      'CREATE INDEX IF NOT EXISTS shares_created_at ON shares (created_at)',
    ],
  },
  {
    version: 2,
    name: 'judgments',
    statements: [
      // One row per pairwise judgment of a MoA answer against a single model's. No question text is kept, only its
      // length; `moa_models` is a JSON array of model ids; `simulated` is 0 or 1.
      `CREATE TABLE IF NOT EXISTS judgments (
        id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        preset TEXT,
        moa_models TEXT NOT NULL,
        baseline_model TEXT,
        judge_model TEXT NOT NULL,
        verdict TEXT NOT NULL,
        question_length INTEGER NOT NULL,
        simulated INTEGER NOT NULL
      )`,
      'CREATE INDEX IF NOT EXISTS judgments_created_at ON judgments (created_at)',
    ],
  },
  {
    version: 3,
    name: 'votes',
    statements: [
      // One row per person's vote on a comparison, anonymous: no question text (only its length), nothing from the
      // request's headers. `browser_id` is a random id the browser made up; with the UNIQUE constraint it keeps one
      // vote per comparison per browser. `moa_models` is a JSON array of model ids; costs are in US dollars.
      `CREATE TABLE IF NOT EXISTS votes (
        id INTEGER PRIMARY KEY,
        created_at INTEGER NOT NULL,
        comparison_id TEXT NOT NULL,
        browser_id TEXT NOT NULL,
        vote TEXT NOT NULL,
        preset TEXT,
        moa_models TEXT NOT NULL,
        baseline_model TEXT NOT NULL,
        question_length INTEGER NOT NULL,
        moa_time_ms REAL NOT NULL,
        moa_cost REAL NOT NULL,
        baseline_time_ms REAL NOT NULL,
        baseline_cost REAL NOT NULL,
        UNIQUE (comparison_id, browser_id)
      )`,
      'CREATE INDEX IF NOT EXISTS votes_created_at ON votes (created_at)',
    ],
  },
  {
    version: 4,
    name: 'receipt-backed comparisons',
    statements: [
      // Votes and verdicts that rest on a comparison receipt: what was compared and measured comes from the receipt
      // the server signed, never from the client. One of each per comparison, whoever sends it (the primary key).
      // The `votes` and `judgments` tables above keep what was stored before; nothing counts them any more.
      `CREATE TABLE IF NOT EXISTS comparison_votes (
        comparison_id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        issued_at INTEGER NOT NULL,
        mode TEXT NOT NULL,
        vote TEXT NOT NULL,
        preset TEXT,
        moa_models TEXT NOT NULL,
        baseline_model TEXT NOT NULL,
        simulated INTEGER NOT NULL,
        question_length INTEGER NOT NULL,
        moa_time_ms REAL NOT NULL,
        moa_cost REAL NOT NULL,
        baseline_time_ms REAL NOT NULL,
        baseline_cost REAL NOT NULL
      )`,
      'CREATE INDEX IF NOT EXISTS comparison_votes_created_at ON comparison_votes (created_at)',
      `CREATE TABLE IF NOT EXISTS comparison_judgments (
        comparison_id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        preset TEXT,
        moa_models TEXT NOT NULL,
        baseline_model TEXT NOT NULL,
        judge_model TEXT NOT NULL,
        verdict TEXT NOT NULL,
        question_length INTEGER NOT NULL,
        simulated INTEGER NOT NULL
      )`,
      'CREATE INDEX IF NOT EXISTS comparison_judgments_created_at ON comparison_judgments (created_at)',
    ],
  },
  {
    version: 5,
    name: 'eval shares',
    statements: [
      // A shared evaluation report: its records and questions as one JSON snapshot, and what a link preview shows
      // (suite, headline, simulated) so a preview never parses megabytes. Deleted ones stay as tombstones, as shares do.
      `CREATE TABLE IF NOT EXISTS eval_shares (
        id TEXT PRIMARY KEY,
        format_version INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        deleted_at INTEGER,
        snapshot TEXT,
        delete_token_hash TEXT,
        suite_name TEXT,
        headline TEXT,
        simulated INTEGER,
        byte_size INTEGER
      )`,
      'CREATE INDEX IF NOT EXISTS eval_shares_created_at ON eval_shares (created_at)',
    ],
  },
];

/** The version a database is at once `getDatabase` has resolved. */
export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

/** How long a local write waits for another process's lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

let pending: Promise<Client> | undefined;

/**
 * The process's one database client, created and migrated on first use. `LIBSQL_URL` (with `LIBSQL_AUTH_TOKEN`)
 * selects a libSQL server such as Turso, or any `file:` database; without it, `<DATA_DIR>/moa-studio.db`
 * (`DATA_DIR` defaults to `./data`). The environment is read when the client is created.
 */
export function getDatabase(): Promise<Client> {
  if (!pending) {
    const opening = openDatabase();
    pending = opening;
    // Let the next call try again rather than caching a failure for the life of the process.
    opening.catch(() => {
      if (pending === opening) pending = undefined;
    });
  }
  return pending;
}

/** Closes the process's client; the next `getDatabase` opens a new one from the environment as it is then. */
export async function closeDatabase(): Promise<void> {
  const closing = pending;
  pending = undefined;
  const client = await closing?.catch(() => undefined);
  client?.close();
}

async function openDatabase(): Promise<Client> {
  const url = await databaseUrl();
  const local = url.startsWith('file:');
  const client = createClient({
    url,
    authToken: process.env.LIBSQL_AUTH_TOKEN || undefined,
    // Applied to every pooled connection (a `PRAGMA busy_timeout` would reach only the one that ran it).
    ...(local ? { timeout: BUSY_TIMEOUT_MS } : {}),
  });
  try {
    // Readers never wait for the writer in WAL mode; the setting is stored in the file, so once is enough.
    if (local) await client.execute('PRAGMA journal_mode = WAL');
    await migrateDatabase(client);
    return client;
  } catch (error) {
    client.close();
    throw error;
  }
}

async function databaseUrl(): Promise<string> {
  if (process.env.LIBSQL_URL) return process.env.LIBSQL_URL;
  // Chosen at run time: keep the bundler from tracing the whole project into the server output.
  const directory = path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR || 'data');
  await mkdir(directory, { recursive: true });
  return pathToFileURL(path.join(directory, 'moa-studio.db')).href;
}

/**
 * Brings a database to `SCHEMA_VERSION`. Each step runs in one write transaction that first records its version,
 * so when another process applies the same step at the same time, one transaction wins and the other fails on the
 * primary key and rolls back whole; the loser then sees the version recorded and moves on.
 *
 * Only batches are used, never interactive transactions: a local batch runs start to commit without yielding,
 * whereas a transaction held across an `await` would make another connection of this process wait for its lock
 * inside a synchronous call, blocking the very event loop that would release it.
 */
export async function migrateDatabase(client: Client): Promise<void> {
  await client.batch(
    [
      `CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at INTEGER NOT NULL
      )`,
    ],
    'write',
  );
  const applied = await appliedVersions(client);
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    const record: InStatement = {
      sql: 'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
      args: [migration.version, migration.name, Date.now()],
    };
    try {
      await client.batch([record, ...migration.statements], 'write');
    } catch (error) {
      if (!(await appliedVersions(client)).has(migration.version)) throw error;
    }
  }
}

/** The versions recorded in `schema_migrations`. */
export async function appliedVersions(client: Client): Promise<Set<number>> {
  const result = await client.execute('SELECT version FROM schema_migrations');
  return new Set(result.rows.map((row) => Number(row.version)));
}
