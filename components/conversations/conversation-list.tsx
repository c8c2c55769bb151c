'use client';
import type { ReactNode } from 'react';
import type { ConversationSummary } from '@/lib/client/conversation';
import { inputClass } from '@/components/ui/field';
import { ConversationRow, type ConversationActions } from './conversation-row';

/** The conversations kept in this browser, newest first, with a search over their titles and messages. */
export function ConversationList({
  conversations,
  activeId,
  search,
  onSearch,
  idPrefix,
  action,
  ...actions
}: ConversationActions & {
  conversations: ConversationSummary[] | undefined;
  activeId: string | undefined;
  search: string;
  onSearch: (search: string) => void;
  /** Keeps ids unique when the list is drawn twice (sidebar and drawer). */
  idPrefix: string;
  /** Beside the heading (the drawer's Close). */
  action?: ReactNode;
}) {
  return (
    <nav aria-labelledby={`${idPrefix}-heading`} className="flex min-h-0 flex-col gap-2">
      <div className="flex items-center justify-between gap-2">
        <h2 id={`${idPrefix}-heading`} className="text-sm font-semibold">
          Chats
        </h2>
        {action}
      </div>
      <input
        type="search"
        aria-label="Search chats"
        placeholder="Search chats"
        value={search}
        onChange={(event) => onSearch(event.target.value)}
        className={`${inputClass} w-full`}
        data-testid="conversation-search"
      />
      {conversations === undefined ? null : conversations.length === 0 ? (
        <p className="px-1 text-sm text-zinc-600 dark:text-zinc-400">
          {search.trim() ? 'No chat matches.' : 'No chats yet.'}
        </p>
      ) : (
        <ul data-testid="conversation-list" className="flex flex-col gap-0.5">
          {conversations.map((conversation) => (
            <ConversationRow
              key={conversation.id}
              conversation={conversation}
              active={conversation.id === activeId}
              {...actions}
            />
          ))}
        </ul>
      )}
    </nav>
  );
}
