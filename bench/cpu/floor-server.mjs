/**
 * The floor of `npm run bench:cpu`: the least a server can do for one MoA run. A bare Node HTTP server that, for
 * `POST /run`, makes the same upstream calls as the route (each layer's models at once over `fetch`, layers in
 * sequence, every layer after the first given the previous layer's answers in its system message), parses every
 * SSE chunk of every call and writes every token out again as one SSE event. No validation, no retries, no
 * framework: what is left is the work no implementation can skip.
 *
 * Started by the benchmark as `node bench/cpu/floor-server.mjs`; prints `listening <port>` once it listens.
 */
import http from 'node:http';

const UPSTREAM = process.env.FLOOR_UPSTREAM_BASE_URL;

/** One streamed chat completion: every token goes out to `response` as its own SSE event; resolves to the text. */
async function relayCompletion({ model, system, question, maxTokens }, agentId, response) {
  const messages = system === undefined ? [] : [{ role: 'system', content: system }];
  messages.push({ role: 'user', content: question });
  const upstream = await fetch(`${UPSTREAM}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-floor' },
    body: JSON.stringify({ model, messages, max_tokens: maxTokens, stream: true, stream_options: { include_usage: true } }),
  });
  const reader = upstream.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let boundary = buffer.indexOf('\n\n');
    while (boundary !== -1) {
      const event = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      boundary = buffer.indexOf('\n\n');
      if (!event.startsWith('data: ') || event === 'data: [DONE]') continue;
      const token = JSON.parse(event.slice(6)).choices?.[0]?.delta?.content;
      if (!token) continue;
      text += token;
      response.write(`data: ${JSON.stringify({ type: 'text-delta', id: agentId, delta: token })}\n\n`);
    }
  }
  return text;
}

async function run(request, response) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const { question, referencesPrompt, layers, maxTokens } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  let references = [];
  for (const [layerIndex, models] of layers.entries()) {
    const system =
      references.length === 0
        ? undefined
        : referencesPrompt + references.map((reference, index) => `\n${index + 1}. ${reference}`).join('');
    references = await Promise.all(
      models.map((model, index) =>
        relayCompletion({ model, system, question, maxTokens }, `L${layerIndex + 1}.${index + 1}`, response),
      ),
    );
  }
  response.end('data: [DONE]\n\n');
}

const server = http.createServer((request, response) => {
  run(request, response).catch((error) => {
    console.error(error);
    response.destroy();
  });
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
