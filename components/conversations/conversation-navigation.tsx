'use client';
import { useCallback, useState } from 'react';
import type { Conversation } from '@/lib/client/conversation';
import { conversationJson, conversationMarkdown, exportFileName } from '@/lib/client/conversation-export';
import { downloadFile } from '@/lib/client/download-file';
import { loadConversationQueries } from '@/lib/client/load-conversation-queries';
import { writeDraft } from '@/lib/client/prompt-draft';
import { Button } from '@/components/ui/button';
import { Drawer } from '@/components/ui/drawer';
import { Toast } from '@/components/ui/toast';
import { ConversationList } from './conversation-list';
import { useConversationList } from './use-conversation-list';

/**
 * The conversations beside the chat: a sidebar on wide screens, a drawer on small ones (the chat's header opens
 * it), one search for both. Renames, exports and deletes here; a deletion can be undone from a toast for a few
 * seconds. What concerns the chat on screen (opening one, the open one renamed or deleted) goes to the callbacks.
 */
export function ConversationNavigation({
  activeId,
  drawerOpen,
  onCloseDrawer,
  onOpen,
  onRenamed,
  onDeleteActive,
}: {
  activeId: string | undefined;
  drawerOpen: boolean;
  onCloseDrawer: () => void;
  onOpen: (id: string) => void;
  onRenamed: (id: string, title: string) => void;
  /** The conversation on screen is being deleted: the chat moves to a new one. */
  onDeleteActive: () => void;
}) {
  const [search, setSearch] = useState('');
  const conversations = useConversationList(search);
  const [deleted, setDeleted] = useState<Conversation>();

  const rename = (id: string, title: string) => {
    onRenamed(id, title);
    void loadConversationQueries().then((queries) => queries.renameConversation(id, title));
  };
  const remove = async (id: string) => {
    if (id === activeId) onDeleteActive();
    setDeleted(await (await loadConversationQueries()).deleteConversation(id));
  };
  const undo = () => {
    if (deleted) void loadConversationQueries().then((queries) => queries.restoreConversation(deleted));
    setDeleted(undefined);
  };
  // Once the undo is gone, so is the deleted conversation's unsent question.
  const dismiss = useCallback(() => {
    if (deleted) writeDraft(deleted.id, '');
    setDeleted(undefined);
  }, [deleted]);
  const exportAs = async (id: string, format: 'md' | 'json') => {
    const stored = await (await loadConversationQueries()).getConversation(id);
    if (!stored) return;
    downloadFile({
      name: exportFileName(stored, format),
      type: format === 'md' ? 'text/markdown' : 'application/json',
      text: format === 'md' ? conversationMarkdown(stored) : conversationJson(stored),
    });
  };
  const listProps = {
    conversations,
    activeId,
    search,
    onSearch: setSearch,
    onOpen,
    onRename: rename,
    onDelete: (id: string) => void remove(id),
    onExport: (id: string, format: 'md' | 'json') => void exportAs(id, format),
  };

  return (
    <>
      <aside
        aria-label="Conversations"
        data-testid="conversation-sidebar"
        className="sticky top-0 hidden h-dvh w-72 shrink-0 overflow-y-auto border-r border-zinc-200 p-3 lg:block dark:border-zinc-800"
      >
        <ConversationList idPrefix="sidebar" {...listProps} />
      </aside>
      <Drawer open={drawerOpen} onClose={onCloseDrawer} label="Conversations" testId="conversation-drawer">
        <ConversationList idPrefix="drawer" action={<Button onClick={onCloseDrawer}>Close</Button>} {...listProps} />
      </Drawer>
      {deleted && (
        <Toast
          message={`Deleted “${deleted.title}”`}
          actionLabel="Undo"
          onAction={undo}
          onDismiss={dismiss}
          testId="undo-toast"
        />
      )}
    </>
  );
}
