import { apiErrorBodySchema } from '@/lib/protocol/api-error';

/** What to tell the user about a failed request: the API's own message when the body is one of ours. */
export function apiErrorText(error: Error): string {
  try {
    const parsed = apiErrorBodySchema.safeParse(JSON.parse(error.message));
    if (parsed.success) return parsed.data.message;
  } catch {
    // Not JSON: a network failure or a proxy's page.
  }
  return error.message.length > 0 && error.message.length < 300 ? error.message : 'The request failed. Please try again.';
}
