import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, vi } from 'vitest';
import { DELETE, GET } from '@/app/api/shares/[id]/route';
import { POST } from '@/app/api/shares/route';
import { closeDatabase, getDatabase } from '@/lib/store/database';

/**
 * Points the store at a database file of its own for the test file that calls it (files run in parallel), with
 * the simulator fast and local model servers not probed; removes the file afterwards.
 */
export function useTemporaryDatabase(): { file: string; url: string } {
  const file = path.join(os.tmpdir(), `moa-${crypto.randomUUID()}.db`);
  const url = pathToFileURL(file).href;
  beforeAll(async () => {
    await closeDatabase();
    vi.stubEnv('LIBSQL_URL', url);
    vi.stubEnv('LOCAL_MODELS', 'off');
    vi.stubEnv('SIMULATOR_SPEED', '1000');
  });
  afterAll(async () => {
    await closeDatabase();
    vi.unstubAllEnvs();
    await Promise.all(['', '-wal', '-shm'].map((suffix) => rm(`${file}${suffix}`, { force: true })));
  });
  return { file, url };
}

/** `POST /api/shares` with a JSON body (a string is sent as is). */
export function postShare(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return POST(
    new Request('http://localhost/api/shares', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

/** The route's context for an id, as Next 16 passes it. */
function contextFor(id: string) {
  return { params: Promise.resolve({ id }) };
}

/** `GET /api/shares/<id>`. */
export function getShareResponse(id: string): Promise<Response> {
  return GET(new Request(`http://localhost/api/shares/${encodeURIComponent(id)}`), contextFor(id));
}

/** `DELETE /api/shares/<id>`, with the token as a bearer token when given. */
export function deleteShareResponse(id: string, token?: string): Promise<Response> {
  const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
  return DELETE(
    new Request(`http://localhost/api/shares/${encodeURIComponent(id)}`, { method: 'DELETE', headers }),
    contextFor(id),
  );
}

/** Rows in the shares table, tombstones included. */
export async function shareRowCount(): Promise<number> {
  const database = await getDatabase();
  const { rows } = await database.execute('SELECT count(*) AS count FROM shares');
  return Number(rows[0]?.count);
}
