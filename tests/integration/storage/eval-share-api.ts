import { DELETE, GET } from '@/app/api/eval-shares/[id]/route';
import { POST } from '@/app/api/eval-shares/route';
import { getDatabase } from '@/lib/store/database';

/** `POST /api/eval-shares` with a JSON body (a string is sent as is). */
export function postEvalShare(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return POST(
    new Request('http://localhost/api/eval-shares', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

const contextFor = (id: string) => ({ params: Promise.resolve({ id }) });

/** `GET /api/eval-shares/<id>`. */
export function getEvalShareResponse(id: string): Promise<Response> {
  return GET(new Request(`http://localhost/api/eval-shares/${encodeURIComponent(id)}`), contextFor(id));
}

/** `DELETE /api/eval-shares/<id>`, with the token as a bearer token when given. */
export function deleteEvalShareResponse(id: string, token?: string): Promise<Response> {
  const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
  return DELETE(
    new Request(`http://localhost/api/eval-shares/${encodeURIComponent(id)}`, { method: 'DELETE', headers }),
    contextFor(id),
  );
}

/** Rows in the eval_shares table, tombstones included. */
export async function evalShareRowCount(): Promise<number> {
  const database = await getDatabase();
  const { rows } = await database.execute('SELECT count(*) AS count FROM eval_shares');
  return Number(rows[0]?.count);
}
