import { describe, expect, it } from 'vitest';
import { emptyRunState, foldPart, runStateOf } from '@/lib/client/run-state';
import { toRequestMessages } from '@/lib/client/to-request-messages';
import type { MoaUIMessage } from '@/lib/protocol/moa-message';

const base = { layer: 1, role: 'proposer' as const, model: 'simulator:a' };

describe('foldPart', () => {
  it('appends deltas of the current attempt and ignores those of a retried one', () => {
    let state = foldPart(emptyRunState, { type: 'data-agent', id: 'L1.1', data: { id: 'L1.1', ...base, status: 'running', attempt: 2 } });
    state = foldPart(state, { type: 'data-agent-delta', data: { id: 'L1.1', attempt: 1, delta: 'old ' } });
    state = foldPart(state, { type: 'data-agent-delta', data: { id: 'L1.1', attempt: 2, delta: 'new' } });
    expect(state.agents['L1.1']?.liveText).toBe('new');
  });

  it('takes the final text of a finished agent over what streamed', () => {
    let state = foldPart(emptyRunState, { type: 'data-agent', id: 'L1.1', data: { id: 'L1.1', ...base, status: 'running', attempt: 1 } });
    state = foldPart(state, { type: 'data-agent-delta', data: { id: 'L1.1', attempt: 1, delta: 'partial' } });
    state = foldPart(state, { type: 'data-agent', id: 'L1.1', data: { id: 'L1.1', ...base, status: 'done', attempt: 1, text: 'complete' } });
    state = foldPart(state, { type: 'data-agent-delta', data: { id: 'L1.1', attempt: 1, delta: ' late' } });
    expect(state.agents['L1.1']).toMatchObject({ status: 'done', liveText: 'complete' });
  });

  it('rebuilds a run from a stored message alone', () => {
    const message: MoaUIMessage = {
      id: 'm',
      role: 'assistant',
      parts: [
        { type: 'data-agent', id: 'L1.1', data: { id: 'L1.1', ...base, status: 'failed', attempt: 1, error: { code: 'timeout', message: 'Timed out' } } },
        { type: 'text', text: 'The answer.' },
      ],
    };
    const state = runStateOf(message);
    expect(state.answer).toBe('The answer.');
    expect(state.agents['L1.1']?.error?.code).toBe('timeout');
  });
});

describe('toRequestMessages', () => {
  it('sends earlier answers as assistant turns and drops a question whose run gave no answer', () => {
    const user = (id: string, text: string): MoaUIMessage => ({ id, role: 'user', parts: [{ type: 'text', text }] });
    const assistant = (id: string, texts: string[]): MoaUIMessage => ({
      id,
      role: 'assistant',
      parts: texts.map((text) => ({ type: 'text' as const, text })),
    });
    expect(
      toRequestMessages([
        user('1', 'First?'),
        assistant('2', ['draft', 'First answer.']),
        user('3', 'Failed?'),
        assistant('4', []),
        user('5', 'Next?'),
      ]),
    ).toEqual([
      { role: 'user', content: 'First?' },
      { role: 'assistant', content: 'First answer.' },
      { role: 'user', content: 'Next?' },
    ]);
  });
});
