import { describe, expect, it } from 'vitest';
import type { SharedMessage } from '@/lib/protocol/share';
import { pageTurns } from '@/lib/share/page-turns';

const question = (text: string): SharedMessage => ({ role: 'user', text });
const run = (answer: string, baseline = false): SharedMessage => ({
  role: 'assistant',
  parts: [
    ...(baseline
      ? [{ type: 'data-run' as const, id: 'run', data: { runId: 'r', simulated: true, startedAt: 0, layers: [], baseline: { id: 'baseline', layer: 1, role: 'baseline' as const, model: 'simulator:qwen-72b', displayName: 'Qwen', provider: 'Simulator', simulated: true } } }]
      : []),
    { type: 'text', text: 'an earlier attempt' },
    { type: 'text', text: answer },
  ],
});

describe('pageTurns', () => {
  it('sends a short conversation whole', () => {
    const messages = [question('q1'), run('a1'), question('q2'), run('a2')];
    expect(pageTurns(messages, 5)).toEqual({ earlier: [], recent: messages });
  });

  it('keeps the last runs whole, with the question before the first of them, and the rest as plain text', () => {
    const messages = [question('q1'), run('a1'), question('q2'), run('a2', true), question('q3'), run('a3'), question('q4'), run('a4')];
    const { earlier, recent } = pageTurns(messages, 2);
    expect(recent).toEqual(messages.slice(4));
    expect(earlier).toEqual([
      { position: 0, role: 'user', text: 'q1' },
      { position: 1, role: 'assistant', comparison: false, answer: 'a1' },
      { position: 2, role: 'user', text: 'q2' },
      // A comparison's answers stay out of the plain text, which would say which one is the MoA's.
      { position: 3, role: 'assistant', comparison: true },
    ]);
  });
});
