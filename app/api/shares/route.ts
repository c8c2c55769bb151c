import { ApiError, fromZodError } from '@/lib/protocol/api-error';
import { errorResponse } from '@/lib/protocol/error-response';
import { readJsonBody } from '@/lib/protocol/read-json-body';
import { createShareRequestSchema, SHARE_LIMITS, type CreateShareResponse } from '@/lib/protocol/share';
import { createShare } from '@/lib/store/shares';

// libSQL opens local `file:` databases through a native Node binding.
export const runtime = 'nodejs';

/**
 * Shares a conversation: stores a snapshot of it under a new unguessable id and answers 201 with the id, the page's
 * path and the delete token, which is shown this once. Request headers (such as provider keys) are never stored.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const contentType = request.headers.get('content-type');
    if (contentType && !contentType.includes('application/json')) {
      throw new ApiError('unsupported_media_type', 'Send the body as application/json.');
    }
    const parsed = createShareRequestSchema.safeParse(await readJsonBody(request, SHARE_LIMITS.bodyBytes));
    if (!parsed.success) throw fromZodError(parsed.error);

    const { id, deleteToken } = await createShare({ version: 1, messages: parsed.data.messages });

    const body: CreateShareResponse = { id, url: `/s/${id}`, deleteToken };
    return Response.json(body, {
      status: 201,
      headers: { 'Cache-Control': 'no-store', Location: `/api/shares/${id}` },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
