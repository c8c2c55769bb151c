'use client';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ConversationSummary } from '@/lib/client/conversation';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';

/** What a row's menu can do to its conversation. */
export interface ConversationActions {
  onOpen: (id: string) => void;
  onRename: (id: string, title: string) => void;
  onDelete: (id: string) => void;
  onExport: (id: string, format: 'md' | 'json') => void;
}

/**
 * One conversation in the list: its title opens it; its menu, which opens below the row (inside the list's scroll,
 * so it is never clipped), renames it in place (Enter keeps, Escape cancels), exports it or deletes it.
 */
export function ConversationRow({
  conversation,
  active,
  onOpen,
  onRename,
  onDelete,
  onExport,
}: ConversationActions & { conversation: ConversationSummary; active: boolean }) {
  const [renaming, setRenaming] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();
  const titleButton = useRef<HTMLButtonElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const wasRenaming = useRef(false);
  useEffect(() => {
    // Focus follows the rename field in and, once it is gone, goes back to the title it replaced.
    if (renaming) {
      field.current?.focus();
      field.current?.select();
    } else if (wasRenaming.current) titleButton.current?.focus();
    wasRenaming.current = renaming;
  }, [renaming]);
  const act = (action: () => void) => {
    setMenuOpen(false);
    action();
  };
  const finishRename = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const title = new FormData(event.currentTarget).get('title');
    if (typeof title === 'string') onRename(conversation.id, title);
    setRenaming(false);
  };
  return (
    <li data-testid="conversation-item" data-active={active || undefined} className="rounded-md">
      <div
        className={`flex items-center gap-1 rounded-md ${active ? 'bg-zinc-100 dark:bg-zinc-800' : 'hover:bg-zinc-50 dark:hover:bg-zinc-800/60'}`}
      >
        {renaming ? (
          <form onSubmit={finishRename} className="min-w-0 flex-1 p-1">
            <input
              name="title"
              aria-label="Conversation title"
              defaultValue={conversation.title}
              ref={field}
              onKeyDown={(event) => {
                if (event.key === 'Escape') {
                  event.preventDefault();
                  setRenaming(false);
                }
              }}
              onBlur={(event) => event.currentTarget.form?.requestSubmit()}
              className={`${inputClass} w-full`}
            />
          </form>
        ) : (
          <button
            ref={titleButton}
            type="button"
            aria-current={active ? 'page' : undefined}
            onClick={() => onOpen(conversation.id)}
            className="min-w-0 flex-1 truncate rounded-md px-2 py-1.5 text-left text-sm focus-visible:outline-2 focus-visible:outline-sky-600"
          >
            {conversation.title}
          </button>
        )}
        <button
          type="button"
          aria-label={`Actions for ${conversation.title}`}
          aria-expanded={menuOpen}
          aria-controls={menuId}
          onClick={() => setMenuOpen((open) => !open)}
          className="shrink-0 rounded-md px-2 py-1 text-sm text-zinc-700 hover:bg-zinc-200 focus-visible:outline-2 focus-visible:outline-sky-600 dark:text-zinc-300 dark:hover:bg-zinc-700"
        >
          ⋯
        </button>
      </div>
      {menuOpen && (
        <div id={menuId} className="flex flex-wrap gap-1 px-1 py-1">
          <Button size="xs" onClick={() => act(() => setRenaming(true))}>
            Rename
          </Button>
          <Button size="xs" onClick={() => act(() => onExport(conversation.id, 'md'))} data-testid="export-markdown">
            Export Markdown
          </Button>
          <Button size="xs" onClick={() => act(() => onExport(conversation.id, 'json'))} data-testid="export-json">
            Export JSON
          </Button>
          <Button size="xs" variant="danger" onClick={() => act(() => onDelete(conversation.id))}>
            Delete
          </Button>
        </div>
      )}
    </li>
  );
}
