import { POST as postMoa } from '@/app/api/moa/route';
import type { ShareSnapshot } from '@/lib/protocol/share';
import { readChunks } from './sse';
import { sharedMessageFromChunks, type SharedAssistantMessage } from './shared-message';

/**
 * Runs the real `POST /api/moa` with the simulated preset and returns the run as a shared assistant message.
 * The caller stubs `LOCAL_MODELS=off` and a fast `SIMULATOR_SPEED`.
 */
export async function simulatedRunMessage(question: string): Promise<SharedAssistantMessage> {
  const response = await postMoa(
    new Request('http://localhost/api/moa', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: question }], preset: 'simulated' }),
    }),
  );
  if (response.status !== 200) throw new Error(`POST /api/moa answered ${response.status}: ${await response.text()}`);
  const { chunks } = await readChunks(response);
  return sharedMessageFromChunks(chunks);
}

/** A one-turn conversation, question and simulated run, as a share snapshot. */
export async function simulatedSnapshot(question = 'Why is the sky blue?'): Promise<ShareSnapshot> {
  return { version: 1, messages: [{ role: 'user', text: question }, await simulatedRunMessage(question)] };
}
