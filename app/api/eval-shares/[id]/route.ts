import { ApiError } from '@/lib/protocol/api-error';
import { errorResponse } from '@/lib/protocol/error-response';
import { deleteEvalShare, getEvalShare } from '@/lib/store/eval-shares';

// libSQL opens local `file:` databases through a native Node binding.
export const runtime = 'nodejs';

type Context = { params: Promise<{ id: string }> };

/**
 * Reads a shared report: 200 `{ id, createdAt, records, questions }`, 404 `not_found` for an id that does not exist
 * (or is not an id at all), 404 `deleted` once its creator deleted it.
 */
export async function GET(_request: Request, context: Context): Promise<Response> {
  try {
    const result = await getEvalShare((await context.params).id);
    if (result.status === 'missing') throw notFound();
    if (result.status === 'deleted') throw new ApiError('deleted', 'Its creator deleted this shared report.');
    const { id, createdAt, snapshot } = result.share;
    // A deleted report must stop answering at once: nothing may keep a copy.
    return Response.json(
      { id, createdAt, records: snapshot.records, questions: snapshot.questions },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * Deletes a shared report, given its delete token as `Authorization: Bearer <token>`: 204, 403 `forbidden` for a
 * missing or wrong token (nothing is deleted), 404 `not_found` for an unknown or already deleted report.
 */
export async function DELETE(request: Request, context: Context): Promise<Response> {
  try {
    const { id } = await context.params;
    const token = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
    const result = await deleteEvalShare(id, token);
    if (result === 'missing') throw notFound();
    if (result === 'forbidden') throw new ApiError('forbidden', 'This delete token does not belong to this report.');
    return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

function notFound(): ApiError {
  return new ApiError('not_found', 'There is no shared report at this address.');
}
