import { ApiError } from '@/lib/protocol/api-error';
import { errorResponse } from '@/lib/protocol/error-response';
import { deleteShare, getShare } from '@/lib/store/shares';

// libSQL opens local `file:` databases through a native Node binding.
export const runtime = 'nodejs';

type Context = { params: Promise<{ id: string }> };

/**
 * Reads a shared conversation: 200 `{ id, createdAt, snapshot }`, 404 `not_found` for an id that does not exist
 * (or is not an id at all), 404 `deleted` once its creator deleted it.
 */
export async function GET(_request: Request, context: Context): Promise<Response> {
  try {
    const { id } = await context.params;
    const result = await getShare(id);
    if (result.status === 'missing') throw notFound();
    if (result.status === 'deleted') throw new ApiError('deleted', 'Its creator deleted this shared conversation.');

    const { share } = result;
    // A share never changes, but it can be deleted, and a deleted link must stop answering at once.
    return Response.json(
      { id: share.id, createdAt: share.createdAt, snapshot: share.snapshot },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * Deletes a shared conversation, given its delete token as `Authorization: Bearer <token>`: 204, 403 `forbidden`
 * for a missing or wrong token (nothing is deleted), 404 `not_found` for an unknown or already deleted share.
 */
export async function DELETE(request: Request, context: Context): Promise<Response> {
  try {
    const { id } = await context.params;
    const token = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
    const result = await deleteShare(id, token);
    if (result === 'missing') throw notFound();
    if (result === 'forbidden') throw new ApiError('forbidden', 'This delete token does not belong to this share.');
    return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

function notFound(): ApiError {
  return new ApiError('not_found', 'There is no shared conversation at this address.');
}
