import { describe, expect, it } from 'vitest';
import { emptyRunState, foldPart } from '@/lib/client/run-state';
import { withLiveText } from '@/lib/client/with-live-text';
import type { MoaUIMessage } from '@/lib/protocol/moa-message';

const base = { layer: 1, role: 'proposer' as const, model: 'simulator:a', attempt: 1 };
const question: MoaUIMessage = { id: 'u', role: 'user', parts: [{ type: 'text', text: 'Q' }] };
const running: MoaUIMessage = {
  id: 'a',
  role: 'assistant',
  parts: [
    { type: 'data-agent', id: 'L1.1', data: { id: 'L1.1', ...base, status: 'running' } },
    { type: 'data-agent', id: 'L1.2', data: { id: 'L1.2', ...base, status: 'done', text: 'Final.' } },
  ],
};

function streamed(text: string, attempt = 1) {
  return [
    ...running.parts,
    { type: 'data-agent-delta' as const, data: { id: 'L1.1', attempt, offset: 0, delta: text } },
  ].reduce(foldPart, emptyRunState);
}

describe('withLiveText', () => {
  it('writes a running agent’s text so far into the answer, its status left running', () => {
    const [, answer] = withLiveText([question, running], streamed('So far'));
    const agent = answer?.parts.find((part) => part.type === 'data-agent' && part.id === 'L1.1');
    expect(agent).toMatchObject({ data: { status: 'running', text: 'So far' } });
  });

  it('leaves an agent’s final text as the run reported it', () => {
    const [, answer] = withLiveText([question, running], streamed('So far'));
    expect(answer?.parts.find((part) => part.type === 'data-agent' && part.id === 'L1.2')).toEqual(running.parts[1]);
  });

  it('gives the same messages back when no agent has streamed anything', () => {
    const messages = [question, running];
    expect(withLiveText(messages, running.parts.reduce(foldPart, emptyRunState))).toBe(messages);
  });

  it('changes nothing while the last message is the question', () => {
    const messages = [question];
    expect(withLiveText(messages, streamed('So far'))).toBe(messages);
  });
});
