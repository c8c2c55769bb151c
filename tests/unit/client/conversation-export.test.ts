import { describe, expect, it } from 'vitest';
import { conversationJson, conversationMarkdown, exportFileName } from '@/lib/client/conversation-export';
import { createConversation, withPath } from '@/lib/client/conversation-tree';
import type { MoaUIMessage } from '@/lib/protocol/moa-message';

const user = (id: string, text: string): MoaUIMessage => ({ id, role: 'user', parts: [{ type: 'text', text }] });
const answer = (id: string, text: string): MoaUIMessage => ({ id, role: 'assistant', parts: [{ type: 'text', text }] });

const first = createConversation({
  id: 'c',
  messages: [user('u1', 'Why is the sky blue?'), answer('a1', 'Old answer.')],
  now: 0,
});
const conversation = withPath(first, [user('u1', 'Why is the sky blue?'), answer('a2', 'Rayleigh scattering.')], 1000);

describe('conversation export', () => {
  it('writes the branch on screen as Markdown, a heading per turn', () => {
    expect(conversationMarkdown(conversation)).toBe(
      '# Why is the sky blue?\n\n## You\n\nWhy is the sky blue?\n\n## MoA\n\nRayleigh scattering.\n',
    );
  });

  it('marks an answer that has no text yet', () => {
    const unanswered = createConversation({
      id: 'c',
      messages: [user('u1', 'Q'), { id: 'a', role: 'assistant', parts: [] }],
      now: 0,
    });
    expect(conversationMarkdown(unanswered)).toContain('## MoA\n\n_No answer._');
  });

  it('writes JSON with the branch on screen as messages and every branch as nodes', () => {
    const json = JSON.parse(conversationJson(conversation));
    expect(json).toMatchObject({
      format: 'moa-studio.conversation.v1',
      id: 'c',
      title: 'Why is the sky blue?',
      leafId: 'a2',
    });
    expect(json.createdAt).toBe('1970-01-01T00:00:00.000Z');
    expect(json.messages.map((message: MoaUIMessage) => message.id)).toEqual(['u1', 'a2']);
    expect(json.nodes).toHaveLength(3);
  });

  it('names the file after the title in letters, digits and dashes', () => {
    expect(exportFileName(conversation, 'md')).toBe('why-is-the-sky-blue.md');
    expect(exportFileName({ ...conversation, title: '¿¡!?' }, 'json')).toBe('conversation.json');
  });
});
