import { messageText, type Conversation } from './conversation';
import { activePath } from './conversation-tree';

/** The conversation's branch on screen as Markdown: a heading per turn, the questions and the final answers. */
export function conversationMarkdown(conversation: Conversation): string {
  const turns = activePath(conversation).flatMap((message) => {
    if (message.role === 'user') return [`## You\n\n${messageText(message).trim()}`];
    if (message.role === 'assistant') return [`## MoA\n\n${messageText(message).trim() || '_No answer._'}`];
    return [];
  });
  return `# ${conversation.title}\n\n${turns.join('\n\n')}\n`;
}

/**
 * The whole conversation as JSON: the branch on screen as `messages`, with every run's data parts (agents, layers,
 * summary), and every branch as `nodes`, so nothing kept in the browser is left out.
 */
export function conversationJson(conversation: Conversation): string {
  const { id, title, createdAt, updatedAt, nodes, leafId } = conversation;
  return `${JSON.stringify(
    {
      format: 'moa-studio.conversation.v1',
      id,
      title,
      createdAt: new Date(createdAt).toISOString(),
      updatedAt: new Date(updatedAt).toISOString(),
      messages: activePath(conversation),
      nodes,
      leafId,
    },
    null,
    2,
  )}\n`;
}

/** A file name from the title: letters, digits and dashes only, so every system accepts it. */
export function exportFileName(conversation: Conversation, extension: 'md' | 'json'): string {
  const slug = conversation.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'conversation'}.${extension}`;
}
