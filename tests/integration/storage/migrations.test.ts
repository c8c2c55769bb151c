import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createClient, type Client, type ResultSet } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  appliedVersions,
  closeDatabase,
  getDatabase,
  migrateDatabase,
  MIGRATIONS,
  SCHEMA_VERSION,
} from '@/lib/store/database';
import { useTemporaryDatabase } from './share-api';

const { url } = useTemporaryDatabase();

const scratch = path.join(os.tmpdir(), `moa-${crypto.randomUUID()}`);
beforeAll(() => mkdir(scratch, { recursive: true }));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** The URL of a new, empty database file. */
function freshFileUrl(): string {
  return pathToFileURL(path.join(scratch, `${crypto.randomUUID()}.db`)).href;
}

async function migrationRows(client: Client) {
  const { rows } = await client.execute('SELECT version, name FROM schema_migrations ORDER BY version');
  return rows.map((row) => ({ version: row.version, name: row.name }));
}

const everyMigration = MIGRATIONS.map(({ version, name }) => ({ version, name }));

describe('the schema', () => {
  it('is created on first use and its version recorded', async () => {
    const database = await getDatabase();
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.at(-1)?.version);
    expect(await migrationRows(database)).toEqual(everyMigration);
    expect((await database.execute('SELECT count(*) AS count FROM shares')).rows[0]?.count).toBe(0);
  });

  it('puts a file database in WAL mode', async () => {
    const database = await getDatabase();
    const { rows } = await database.execute('PRAGMA journal_mode');
    expect(rows[0]?.journal_mode).toBe('wal');
  });

  it('gives every caller the same client, however many ask at once', async () => {
    await closeDatabase();
    const [first, second] = await Promise.all([getDatabase(), getDatabase()]);
    expect(first).toBe(second);
    expect(await getDatabase()).toBe(first);
    expect(await migrationRows(first)).toEqual(everyMigration);
  });

  it('opens and migrates again after a close, without applying anything twice', async () => {
    await closeDatabase();
    expect(await migrationRows(await getDatabase())).toEqual(everyMigration);
  });

  it('lets two clients migrate one new file at the same time', async () => {
    const fileUrl = freshFileUrl();
    const clients = [createClient({ url: fileUrl, timeout: 5000 }), createClient({ url: fileUrl, timeout: 5000 })];
    try {
      await Promise.all(clients.map(migrateDatabase));
      for (const client of clients) expect(await migrationRows(client)).toEqual(everyMigration);
    } finally {
      for (const client of clients) client.close();
    }
  });

  it('moves on when another process applied a step after this one read the versions', async () => {
    const fileUrl = freshFileUrl();
    const winner = createClient({ url: fileUrl });
    const loser = createClient({ url: fileUrl });
    // The loser's first read of the versions sees the database as it was before the winner migrated it.
    let staleRead = true;
    const late = new Proxy(loser, {
      get(target, property) {
        if (property === 'execute') {
          return async (statement: string) => {
            if (staleRead && statement.includes('FROM schema_migrations')) {
              staleRead = false;
              return { rows: [] } as unknown as ResultSet;
            }
            return target.execute(statement);
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    try {
      await migrateDatabase(winner);
      await expect(migrateDatabase(late)).resolves.toBeUndefined();
      expect(staleRead).toBe(false);
      expect(await migrationRows(loser)).toEqual(everyMigration);
      expect([...(await appliedVersions(loser))].sort((a, b) => a - b)).toEqual(MIGRATIONS.map(({ version }) => version));
    } finally {
      winner.close();
      loser.close();
    }
  });

  it('creates DATA_DIR and its database file when LIBSQL_URL is not set', async () => {
    const dataDirectory = path.join(scratch, 'nested', 'data');
    await closeDatabase();
    vi.stubEnv('LIBSQL_URL', '');
    vi.stubEnv('DATA_DIR', dataDirectory);
    try {
      expect(await migrationRows(await getDatabase())).toEqual(everyMigration);
      expect(existsSync(path.join(dataDirectory, 'moa-studio.db'))).toBe(true);
    } finally {
      await closeDatabase();
      vi.stubEnv('LIBSQL_URL', url);
    }
  });
});
