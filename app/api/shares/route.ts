import { limiterFor } from '@/lib/limits/limiter';
import { serverEnvironment } from '@/lib/models/model-access';
import { errorResponse } from '@/lib/protocol/error-response';
import { parseJsonRequest } from '@/lib/protocol/read-json-body';
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
    const body = await parseJsonRequest(request, createShareRequestSchema, SHARE_LIMITS.bodyBytes);
    await limiterFor(serverEnvironment()).admitWrite(request.headers);

    const { id, deleteToken } = await createShare({ version: 1, messages: body.messages });

    const created: CreateShareResponse = { id, url: `/s/${id}`, deleteToken };
    return Response.json(created, {
      status: 201,
      headers: { 'Cache-Control': 'no-store', Location: `/api/shares/${id}` },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
