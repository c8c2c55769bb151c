'use client';
import { Button } from '@/components/ui/button';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useMemo, useRef, useState } from 'react';
import { writeActiveConversationId } from '@/lib/client/active-conversation';
import { createConversation } from '@/lib/client/conversation-tree';
import { loadConversationQueries } from '@/lib/client/load-conversation-queries';
import { deleteShare, useOwnedShares } from '@/lib/client/owned-shares';
import { fromSharedMessages } from '@/lib/client/share-messages';
import { loadSharedMessages } from '@/lib/client/shared-messages';
import type { SharedMessage } from '@/lib/protocol/share';
import type { LightTurn } from '@/lib/share/page-turns';
import { AssistantTurn } from '@/components/chat/assistant-turn';
import { UserBubble, UserTurn } from '@/components/chat/user-turn';
import { EarlierRun } from './earlier-run';
// A shared page is read for its diagrams: their code comes with the page rather than when the browser is idle, so
// the server-drawn diagram hydrates with the rest and a visitor's first click on a node opens it.
import '@/components/run/run-details';

/**
 * A shared conversation, read-only, drawn with the chat's own views: every run's diagram in its final state (the
 * last one open; in a long conversation the earliest runs a click away), its nodes inspectable. It can be continued
 * as a new conversation of this browser, and deleted by the browser that created it.
 */
export function SharedConversation({
  id,
  createdAt,
  earlier,
  recent,
}: {
  id: string;
  createdAt: number;
  /** The turns before the last few runs, as plain text (`pageTurns`). */
  earlier: LightTurn[];
  /** The last few runs, whole. */
  recent: SharedMessage[];
}) {
  const router = useRouter();
  const idPrefix = `share-${id}`;
  const chatMessages = useMemo(() => fromSharedMessages(recent, idPrefix, earlier.length), [recent, idPrefix, earlier.length]);
  // Only the last run's diagram is drawn open.
  const lastRunIndex = chatMessages.findLastIndex((message) => message.role === 'assistant');
  // The whole conversation is fetched once, when an earlier turn or "continue" needs it.
  const allMessages = useRef<Promise<SharedMessage[]> | undefined>(undefined);
  const loadMessages = useCallback(() => {
    allMessages.current ??= loadSharedMessages(id).catch((error: unknown) => {
      allMessages.current = undefined;
      throw error;
    });
    return allMessages.current;
  }, [id]);
  const owned = useOwnedShares();
  const deleteToken = owned.shares[id]?.deleteToken;
  const [deleted, setDeleted] = useState(false);

  const [continueError, setContinueError] = useState<string>();
  const continueChat = async () => {
    try {
      // A new conversation of this browser: the ones it already keeps stay as they are.
      const messages = earlier.length > 0 ? fromSharedMessages(await loadMessages(), idPrefix) : chatMessages;
      const conversation = createConversation({ id: crypto.randomUUID(), messages, now: Date.now() });
      await (await loadConversationQueries()).addConversation(conversation);
      writeActiveConversationId(conversation.id);
      router.push('/');
    } catch (error) {
      setContinueError(error instanceof Error ? error.message : 'The conversation could not be loaded.');
    }
  };
  const remove = async () => {
    if (!deleteToken) return;
    if (await deleteShare(id, deleteToken)) {
      owned.forget(id);
      setDeleted(true);
    }
  };

  if (deleted) {
    return (
      <main className="mx-auto max-w-2xl space-y-3 px-4 py-16 text-center">
        <h1 className="text-xl font-semibold">This conversation was deleted</h1>
        <p>The link now answers “not found” for everyone.</p>
        <Link href="/" className="underline">
          Ask your own question
        </Link>
      </main>
    );
  }
  return (
    <div className="mx-auto flex min-h-dvh max-w-6xl flex-col gap-4 px-3 py-4 sm:px-6">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            <Link href="/" className="font-semibold text-zinc-900 underline-offset-2 hover:underline dark:text-zinc-100">
              MoA Studio
            </Link>{' '}
            · shared conversation · <time dateTime={new Date(createdAt).toISOString()}>{new Date(createdAt).toUTCString().slice(0, 16)}</time>
          </p>
        </div>
        <nav aria-label="Shared conversation actions" className="flex flex-wrap gap-2 text-sm">
          <Button variant="primary" size="md" onClick={() => void continueChat()} data-testid="continue-conversation">
            Continue this conversation
          </Button>
          {deleteToken && (
            <Button variant="danger" size="md" onClick={() => void remove()} data-testid="delete-shared">
              Delete this link
            </Button>
          )}
        </nav>
      </header>
      <main className="@container">
        <h1 className="sr-only">Shared Mixture-of-Agents conversation</h1>
        {continueError && (
          <p role="alert" className="mb-4 text-sm text-red-800 dark:text-red-300">
            {continueError}
          </p>
        )}
        <ol className="flex flex-col gap-6">
          {earlier.map((turn) => (
            <li key={`${idPrefix}-${turn.position}`} data-role={turn.role}>
              {turn.role === 'user' ? (
                <UserBubble text={turn.text} />
              ) : (
                <EarlierRun turn={turn} idPrefix={idPrefix} loadMessages={loadMessages} />
              )}
            </li>
          ))}
          {chatMessages.map((message, index) => {
            const shared = recent[index];
            return (
              <li key={message.id} data-role={message.role}>
                {message.role === 'user' ? (
                  <UserTurn message={message} />
                ) : (
                  <AssistantTurn
                    message={message}
                    defaultOpen={index === lastRunIndex}
                    readOnly
                    sharedComparison={shared?.role === 'assistant' ? shared.comparison : undefined}
                  />
                )}
              </li>
            );
          })}
        </ol>
      </main>
    </div>
  );
}
