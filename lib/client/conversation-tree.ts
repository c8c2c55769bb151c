import type { MoaUIMessage } from '@/lib/protocol/moa-message';
import { titleFrom, type Conversation, type MessageNode } from './conversation';

/** A new conversation holding `messages` as its one branch. */
export function createConversation({
  id,
  messages,
  now,
}: {
  id: string;
  messages: MoaUIMessage[];
  now: number;
}): Conversation {
  return withPath(
    { id, title: titleFrom(messages), createdAt: now, updatedAt: now, nodes: [], leafId: null },
    messages,
    now,
  );
}

/** The messages of the branch on screen, first to last. */
export function activePath(conversation: Conversation): MoaUIMessage[] {
  const byId = new Map(conversation.nodes.map((node) => [node.message.id, node]));
  const path: MoaUIMessage[] = [];
  for (let node = byId.get(conversation.leafId ?? ''); node; node = byId.get(node.parentId ?? ''))
    path.unshift(node.message);
  return path;
}

/**
 * Records `messages` as the branch on screen. A message already kept is updated in place (an answer still
 * streaming); a new one joins under the message before it, so a question sent again after an edit, or an answer
 * regenerated, becomes a sibling of the one it replaces and the earlier branch stays. Gives `conversation` itself
 * when `messages` is already its branch.
 */
export function withPath(conversation: Conversation, messages: MoaUIMessage[], now: number): Conversation {
  const nodes = [...conversation.nodes];
  const indexById = new Map(nodes.map((node, index) => [node.message.id, index]));
  let parentId: string | null = null;
  let changed = false;
  for (const message of messages) {
    const index = indexById.get(message.id);
    if (index === undefined) {
      indexById.set(message.id, nodes.length);
      nodes.push({ message, parentId });
      changed = true;
    } else if (nodes[index]?.message !== message || nodes[index]?.parentId !== parentId) {
      nodes[index] = { message, parentId };
      changed = true;
    }
    parentId = message.id;
  }
  // Opening a conversation shows its branch again: nothing to store, and its place in the list stays.
  if (!changed && parentId === conversation.leafId) return conversation;
  return { ...conversation, nodes, leafId: parentId, updatedAt: now };
}

/** The alternatives to a message (itself included): the messages of its role under the same parent, oldest first. */
export function branchesOf(conversation: Conversation, messageId: string): string[] {
  const node = conversation.nodes.find((candidate) => candidate.message.id === messageId);
  if (!node) return [];
  return conversation.nodes
    .filter((candidate) => candidate.parentId === node.parentId && candidate.message.role === node.message.role)
    .map((candidate) => candidate.message.id);
}

/** Shows the branch through `messageId`, down to its most recent message. */
export function switchBranch(conversation: Conversation, messageId: string): Conversation {
  let leafId = messageId;
  for (let child = lastChildOf(conversation.nodes, leafId); child; child = lastChildOf(conversation.nodes, leafId)) {
    leafId = child.message.id;
  }
  return { ...conversation, leafId };
}

function lastChildOf(nodes: MessageNode[], parentId: string): MessageNode | undefined {
  return nodes.findLast((node) => node.parentId === parentId);
}
