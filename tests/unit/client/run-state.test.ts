import { describe, expect, it } from 'vitest';
import { emptyRunState, foldPart, runStateOf, type RunState } from '@/lib/client/run-state';
import { toRequestMessages } from '@/lib/client/to-request-messages';
import type { MoaUIMessage } from '@/lib/protocol/moa-message';
import type { AgentPart } from '@/lib/protocol/run-parts';
import { doneSummary } from '../../support/run-fixtures';

type Part = MoaUIMessage['parts'][number];
const base = { layer: 1, role: 'proposer' as const, model: 'simulator:a' };

function agent(overrides: Partial<AgentPart> = {}): Part {
  const data: AgentPart = { id: 'L1.1', ...base, status: 'running', attempt: 1, ...overrides };
  return { type: 'data-agent', id: data.id, data };
}

function delta(offset: number, text: string, attempt = 1, id = 'L1.1'): Part {
  return { type: 'data-agent-delta', data: { id, attempt, offset, delta: text } };
}

function fold(...parts: Part[]): RunState {
  return parts.reduce(foldPart, emptyRunState);
}

const summary = doneSummary;

describe('foldPart', () => {
  it('keeps the run plan, layers, summary and answer text', () => {
    const run = { runId: 'r', simulated: true, startedAt: 0, layers: [] };
    const layer = { layer: 1, status: 'done' as const, startMs: 0, endMs: 5, succeeded: 1, failed: 0, cut: 0 };
    const state = fold(
      { type: 'data-run', id: 'run', data: run },
      { type: 'data-layer', id: 'layer-1', data: layer },
      { type: 'data-summary', id: 'summary', data: summary },
      { type: 'text', text: 'The answer.' },
    );
    expect(state).toMatchObject({ run, layers: { 1: layer }, summary, answer: 'The answer.' });
  });

  it('appends deltas in order', () => {
    expect(fold(agent(), delta(0, 'Hel'), delta(3, 'lo')).agents['L1.1']?.liveText).toBe('Hello');
  });

  it('skips a delta that arrives twice', () => {
    expect(fold(agent(), delta(0, 'Hel'), delta(3, 'lo'), delta(3, 'lo')).agents['L1.1']?.liveText).toBe('Hello');
  });

  it('takes only the new end of a delta that overlaps what is there', () => {
    expect(fold(agent(), delta(0, 'Hel'), delta(1, 'ello')).agents['L1.1']?.liveText).toBe('Hello');
  });

  it('holds a delta that arrives ahead of a gap until the gap is filled', () => {
    const early = fold(agent(), delta(0, 'a'), delta(3, 'd'));
    expect(early.agents['L1.1']?.liveText).toBe('a');
    const filled = foldPart(early, delta(1, 'bc'));
    expect(filled.agents['L1.1']).toMatchObject({ liveText: 'abcd', ahead: undefined });
  });

  it('appends deltas of the current attempt and ignores those of a retried one', () => {
    const state = fold(agent({ attempt: 2 }), delta(0, 'old ', 1), delta(0, 'new', 2));
    expect(state.agents['L1.1']?.liveText).toBe('new');
  });

  it('starts a retried attempt with empty text', () => {
    const state = fold(agent(), delta(0, 'first try'), agent({ attempt: 2, error: { code: 'network_error', message: 'cut' } }));
    expect(state.agents['L1.1']).toMatchObject({ liveText: '', attempt: 2 });
  });

  it('takes the final text of a finished agent over what streamed, and ignores late deltas', () => {
    const state = fold(agent(), delta(0, 'partial'), agent({ status: 'done', text: 'complete' }), delta(7, ' late'));
    expect(state.agents['L1.1']).toMatchObject({ status: 'done', liveText: 'complete' });
  });

  it('keeps what a failed or cut agent streamed, with the reason', () => {
    const failed = fold(agent(), delta(0, 'half'), agent({ status: 'failed', error: { code: 'provider_error', message: 'HTTP 502' } }));
    expect(failed.agents['L1.1']).toMatchObject({ status: 'failed', liveText: 'half', error: { message: 'HTTP 502' } });
    const cut = fold(agent(), agent({ status: 'cut', error: { code: 'cut', message: 'Cut by the straggler policy.' } }));
    expect(cut.agents['L1.1']).toMatchObject({ status: 'cut', error: { code: 'cut' } });
  });

  it('ignores deltas of an agent it has not heard of', () => {
    const state = fold(delta(0, 'orphan'));
    expect(state.agents).toEqual({});
  });

  it('rebuilds a run from a stored message alone', () => {
    const message: MoaUIMessage = {
      id: 'm',
      role: 'assistant',
      parts: [agent({ status: 'failed', error: { code: 'timeout', message: 'Timed out' } }), { type: 'text', text: 'The answer.' }],
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
