/**
 * Returns the same response with a body that calls `onCancel` when the consumer cancels it (the client went
 * away). Cancelling a body does not abort the work behind it by itself; this is where the two are joined.
 */
export function withCancelHook(response: Response, onCancel: () => void): Response {
  const source = response.body;
  if (!source) return response;
  const reader = source.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel(reason) {
      onCancel();
      await reader.cancel(reason).catch(() => undefined);
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
