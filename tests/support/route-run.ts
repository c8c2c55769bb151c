import { POST } from '@/app/api/moa/route';
import { answerText, finalAgentParts, readChunks, type Chunk } from './sse';

export const ASK = [{ role: 'user', content: 'Why is the sky blue?' }];

/** A model of the namespace on the test server, or behind the refused port. */
export function modelOf(namespace: string, name: string, { refused = false } = {}) {
  return { model: `${refused ? 'groq' : 'together'}:${namespace}/${name}`, maxOutputTokens: 256 };
}

/** A run as the client holds it once the stream has ended. */
export interface FinishedRun {
  chunks: Chunk[];
  /** The last `data-agent` part per agent id. */
  agents: Map<string, any>;
  /** The last `data-layer` part per layer number. */
  layers: Map<number, any>;
  summary: any;
  answer: string;
  /** `errorText` of the stream's `error` chunks: the run error, when there is one. */
  errors: string[];
}

/**
 * Posts a MoA config to the route and reads the response to its end. The models of the test server are outside the
 * catalog, so the run brings its own keys for both providers, as a caller paying for them would.
 */
export async function runThroughRoute(config: Record<string, unknown>): Promise<FinishedRun> {
  const response = await POST(
    new Request('http://localhost/api/moa', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-moa-key-together': 'sk-fault-suite', 'x-moa-key-groq': 'sk-fault-suite' },
      body: JSON.stringify({ messages: ASK, config }),
    }),
  );
  if (response.status !== 200) throw new Error(`The route answered ${response.status}: ${await response.text()}`);
  const { chunks } = await readChunks(response);
  const layers = new Map<number, any>();
  for (const chunk of chunks) if (chunk.type === 'data-layer') layers.set(chunk.data.layer, chunk.data);
  return {
    chunks,
    agents: finalAgentParts(chunks),
    layers,
    summary: chunks.find((chunk) => chunk.type === 'data-summary')?.data,
    answer: answerText(chunks),
    errors: chunks.filter((chunk) => chunk.type === 'error').map((chunk) => chunk.errorText ?? ''),
  };
}
