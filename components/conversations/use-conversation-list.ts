'use client';
import { useEffect, useState } from 'react';
import type { ConversationSummary } from '@/lib/client/conversation';
import { loadConversationQueries } from '@/lib/client/load-conversation-queries';

/**
 * The stored conversations matching `search`, newest first, kept current as this tab or another changes them;
 * undefined until IndexedDB has answered (or for good where it is blocked).
 */
export function useConversationList(search: string): ConversationSummary[] | undefined {
  const [list, setList] = useState<ConversationSummary[]>();
  useEffect(() => {
    let unsubscribe: (() => void) | undefined;
    let cancelled = false;
    void loadConversationQueries().then((queries) => {
      if (!cancelled) unsubscribe = queries.watchConversations({ search }, setList);
    });
    return () => {
      cancelled = true;
      unsubscribe?.();
    };
  }, [search]);
  return list;
}
