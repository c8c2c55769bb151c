'use client';
import { Button } from '@/components/ui/button';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { saveConversation } from '@/lib/client/conversation-storage';
import { deleteShare, useOwnedShares } from '@/lib/client/owned-shares';
import { fromSharedMessages } from '@/lib/client/share-messages';
import type { SharedMessage } from '@/lib/protocol/share';
import { AssistantTurn } from '@/components/chat/assistant-turn';
import { UserTurn } from '@/components/chat/user-turn';

/**
 * A shared conversation, read-only, drawn with the chat's own views: every run's diagram in its final state (the
 * last one open), its nodes inspectable. It can be continued as a new local chat, and deleted by the browser that created it.
 */
export function SharedConversation({ id, createdAt, messages }: { id: string; createdAt: number; messages: SharedMessage[] }) {
  const router = useRouter();
  const chatMessages = useMemo(() => fromSharedMessages(messages, `share-${id}`), [messages, id]);
  // Only the last run's diagram is drawn open: every earlier one is a click away, so a long conversation's page
  // renders one diagram on the server, not one per turn.
  const lastRunIndex = chatMessages.findLastIndex((message) => message.role === 'assistant');
  const owned = useOwnedShares();
  const deleteToken = owned.shares[id]?.deleteToken;
  const [deleted, setDeleted] = useState(false);

  const continueChat = () => {
    saveConversation(chatMessages);
    router.push('/');
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
          <Button variant="primary" size="md" onClick={continueChat} data-testid="continue-conversation">
            Continue this conversation
          </Button>
          {deleteToken && (
            <Button variant="danger" size="md" onClick={() => void remove()} data-testid="delete-shared">
              Delete this link
            </Button>
          )}
        </nav>
      </header>
      <main>
        <h1 className="sr-only">Shared Mixture-of-Agents conversation</h1>
        <ol className="flex flex-col gap-6">
          {chatMessages.map((message, index) => {
            const shared = messages[index];
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
