import type { SharedMessage } from '@/lib/protocol/share';

/**
 * A turn of a shared conversation as the page first draws it when it is not among the last few runs; `position` is
 * its place in the whole conversation.
 */
export type LightTurn = { position: number } & (
  | { role: 'user'; text: string }
  /** A comparison's answers stay out: the plain text would say which one is the MoA's. */
  | { role: 'assistant'; comparison: true }
  | { role: 'assistant'; comparison: false; answer: string }
);

/**
 * Splits a shared conversation for its page: the last `wholeRuns` runs (and the question before the first of them)
 * go to the page whole; everything earlier goes as plain text only, and the browser fetches the rest of a turn
 * when asked. A snapshot of up to 1 MB then costs the server about what a short one does, however many runs it
 * holds, and the page ships what it shows rather than every agent's output twice (in the HTML and in its data).
 */
export function pageTurns(messages: SharedMessage[], wholeRuns: number): { earlier: LightTurn[]; recent: SharedMessage[] } {
  const runIndexes = messages.flatMap((message, index) => (message.role === 'assistant' ? [index] : []));
  const firstWholeRun = runIndexes.length > wholeRuns ? (runIndexes.at(-wholeRuns) ?? 0) : 0;
  const start = firstWholeRun > 0 && messages[firstWholeRun - 1]?.role === 'user' ? firstWholeRun - 1 : firstWholeRun;
  const earlier = messages.slice(0, start).map((message, position): LightTurn => {
    if (message.role === 'user') return { position, role: 'user', text: message.text };
    if (message.parts.some((part) => part.type === 'data-run' && part.data.baseline !== undefined)) {
      return { position, role: 'assistant', comparison: true };
    }
    const answer = message.parts.filter((part) => part.type === 'text').at(-1);
    return { position, role: 'assistant', comparison: false, answer: answer?.type === 'text' ? answer.text : '' };
  });
  return { earlier, recent: messages.slice(start) };
}
