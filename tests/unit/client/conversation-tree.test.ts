import { describe, expect, it } from 'vitest';
import { activePath, branchesOf, createConversation, switchBranch, withPath } from '@/lib/client/conversation-tree';
import type { MoaUIMessage } from '@/lib/protocol/moa-message';

const user = (id: string, text: string): MoaUIMessage => ({ id, role: 'user', parts: [{ type: 'text', text }] });
const answer = (id: string, text: string): MoaUIMessage => ({ id, role: 'assistant', parts: [{ type: 'text', text }] });
const ids = (messages: MoaUIMessage[]) => messages.map((message) => message.id);

describe('conversation tree', () => {
  it('titles a new conversation after its first question, on one trimmed line', () => {
    const conversation = createConversation({ id: 'c', messages: [user('u1', '  Why is\nthe sky blue?  ')], now: 1 });
    expect(conversation.title).toBe('Why is the sky blue?');
    expect(ids(activePath(conversation))).toEqual(['u1']);
  });

  it('cuts a long first question to eighty characters in the title', () => {
    const conversation = createConversation({ id: 'c', messages: [user('u1', 'a '.repeat(100))], now: 1 });
    expect(conversation.title).toHaveLength(80);
    expect(conversation.title.endsWith('…')).toBe(true);
  });

  it('updates a message already kept in place, as an answer streams', () => {
    const start = createConversation({ id: 'c', messages: [user('u1', 'Q'), answer('a1', 'Par')], now: 1 });
    const later = withPath(start, [user('u1', 'Q'), answer('a1', 'Partial answer')], 2);
    expect(later.nodes).toHaveLength(2);
    expect(activePath(later)[1]?.parts).toEqual([{ type: 'text', text: 'Partial answer' }]);
    expect(later.updatedAt).toBe(2);
  });

  it('keeps the earlier answer as a branch when the last one is regenerated', () => {
    const first = createConversation({ id: 'c', messages: [user('u1', 'Q'), answer('a1', 'One')], now: 1 });
    const regenerated = withPath(first, [user('u1', 'Q'), answer('a2', 'Two')], 2);
    expect(ids(activePath(regenerated))).toEqual(['u1', 'a2']);
    expect(branchesOf(regenerated, 'a2')).toEqual(['a1', 'a2']);
  });

  it('branches at an edited question and keeps the earlier branch reachable whole', () => {
    const messages = [user('u1', 'Q1'), answer('a1', 'A1'), user('u2', 'Q2'), answer('a2', 'A2')];
    const first = createConversation({ id: 'c', messages, now: 1 });
    const edited = withPath(
      first,
      [user('u1', 'Q1'), answer('a1', 'A1'), user('u3', 'Q2 edited'), answer('a3', 'A3')],
      2,
    );
    expect(branchesOf(edited, 'u3')).toEqual(['u2', 'u3']);
    expect(ids(activePath(switchBranch(edited, 'u2')))).toEqual(['u1', 'a1', 'u2', 'a2']);
    expect(ids(activePath(switchBranch(edited, 'u3')))).toEqual(['u1', 'a1', 'u3', 'a3']);
  });

  it('follows the most recent answer below a branch it switches to', () => {
    const first = createConversation({ id: 'c', messages: [user('u1', 'Q'), answer('a1', 'One')], now: 1 });
    const second = withPath(first, [user('u1', 'Q'), answer('a2', 'Two')], 2);
    const edited = withPath(second, [user('u2', 'Other')], 3);
    expect(ids(activePath(switchBranch(edited, 'u1')))).toEqual(['u1', 'a2']);
  });

  it('gives the same conversation back when the messages are already its branch', () => {
    const messages = [user('u1', 'Q'), answer('a1', 'A')];
    const conversation = createConversation({ id: 'c', messages, now: 1 });
    expect(withPath(conversation, activePath(conversation), 2)).toBe(conversation);
  });

  it('offers no branches for a message it does not hold', () => {
    expect(branchesOf(createConversation({ id: 'c', messages: [], now: 1 }), 'missing')).toEqual([]);
  });
});
