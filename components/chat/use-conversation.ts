'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { readActiveConversationId, writeActiveConversationId } from '@/lib/client/active-conversation';
import type { Conversation } from '@/lib/client/conversation';
import { activePath, createConversation, switchBranch, withPath } from '@/lib/client/conversation-tree';
import { loadConversationQueries } from '@/lib/client/load-conversation-queries';
import type { RunState } from '@/lib/client/run-state';
import { withLiveText } from '@/lib/client/with-live-text';
import type { MoaUIMessage } from '@/lib/protocol/moa-message';

/** How often a run's progress is written while it streams: what a reload mid-run may lose at most. */
const LIVE_SAVE_MS = 700;

/**
 * Keeps the chat's messages (what `useChat` holds: the branch on screen) in a conversation stored in IndexedDB.
 * A new question is stored at once, before its run ends; while a run streams, its progress (agents' text so far
 * included) is stored every `LIVE_SAVE_MS`. Restores the conversation this browser had open, after moving the
 * older localStorage conversation into IndexedDB.
 */
export function useConversation({
  messages,
  setMessages,
  busy,
  liveState,
}: {
  messages: MoaUIMessage[];
  setMessages: (messages: MoaUIMessage[]) => void;
  busy: boolean;
  /** The streaming run's state, for the text its agents have written so far. */
  liveState: () => RunState;
}) {
  const [conversation, setConversation] = useState<Conversation>();
  const [ready, setReady] = useState(false);
  // The conversation as last recorded, read by saves that run outside a render.
  const latest = useRef<Conversation | undefined>(undefined);
  const show = useCallback((next: Conversation | undefined) => {
    latest.current = next;
    setConversation(next);
  }, []);

  const restoring = useRef(false);
  useEffect(() => {
    if (restoring.current) return;
    restoring.current = true;
    void (async () => {
      const queries = await loadConversationQueries();
      const migrated = await queries.migrateLegacyConversation({
        storage: localStorage,
        newId: () => crypto.randomUUID(),
        now: Date.now(),
      });
      const id = migrated ?? readActiveConversationId();
      const stored = id ? await queries.getConversation(id) : undefined;
      writeActiveConversationId(stored?.id);
      show(stored);
      if (stored) setMessages(activePath(stored));
    })()
      // IndexedDB blocked or failing: the chat still works, only nothing is kept.
      .catch(() => undefined)
      .finally(() => setReady(true));
  }, [setMessages, show]);

  const save = useCallback((next: Conversation) => {
    void loadConversationQueries().then((queries) => queries.saveMessages(next));
  }, []);

  // Whether `latest` holds changes not handed to IndexedDB yet (an answer growing while its run streams).
  const unsaved = useRef(false);
  useEffect(() => {
    if (!ready || messages.length === 0) return;
    const previous = latest.current;
    if (!previous) {
      const created = createConversation({ id: crypto.randomUUID(), messages, now: Date.now() });
      show(created);
      writeActiveConversationId(created.id);
      void loadConversationQueries().then((queries) => queries.addConversation(created));
      return;
    }
    const next = withPath(previous, messages, Date.now());
    if (next !== previous) {
      show(next);
      unsaved.current = true;
    }
    // A new message (a question sent, an answer begun) is stored at once; an answer's growth by the timer below.
    const newMessage = next.nodes.length !== previous.nodes.length || next.leafId !== previous.leafId;
    if (unsaved.current && (newMessage || !busy)) {
      unsaved.current = false;
      save(next);
    }
  }, [messages, busy, ready, show, save]);

  const currentMessages = useRef(messages);
  currentMessages.current = messages;
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => {
      const recorded = latest.current;
      if (recorded) save(withPath(recorded, withLiveText(currentMessages.current, liveState()), Date.now()));
    }, LIVE_SAVE_MS);
    return () => clearInterval(timer);
  }, [busy, liveState, save]);

  /** Shows a stored conversation instead of the one on screen (which stays stored). */
  const open = useCallback(
    async (id: string) => {
      const stored = await (await loadConversationQueries()).getConversation(id);
      if (!stored) return;
      writeActiveConversationId(stored.id);
      show(stored);
      setMessages(activePath(stored));
    },
    [setMessages, show],
  );

  /** An empty chat; the conversation on screen stays stored. It is stored itself once its first question is sent. */
  const startNew = useCallback(() => {
    writeActiveConversationId(undefined);
    show(undefined);
    setMessages([]);
  }, [setMessages, show]);

  /** Shows another version of a message, with the conversation that followed it. */
  const showBranch = useCallback(
    (messageId: string) => {
      const recorded = latest.current;
      if (!recorded) return;
      const next = switchBranch(recorded, messageId);
      show(next);
      save(next);
      setMessages(activePath(next));
    },
    [setMessages, show, save],
  );

  /** Reflects a rename made in the list in the page's own copy (its title). */
  const renamed = useCallback(
    (id: string, title: string) => {
      const recorded = latest.current;
      if (recorded?.id === id && title.trim()) show({ ...recorded, title: title.replace(/\s+/g, ' ').trim() });
    },
    [show],
  );

  return { conversation, ready, open, startNew, showBranch, renamed };
}
