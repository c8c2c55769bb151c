'use client';
import { useChat } from '@ai-sdk/react';
import { DefaultChatTransport } from 'ai';
import { Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { branchesOf } from '@/lib/client/conversation-tree';
import { keyHeaders, useProviderKeys } from '@/lib/client/provider-keys';
import { describeRequestError, fetchOrThrow, streamEndedEarly } from '@/lib/client/request-error';
import { RunStore } from '@/lib/client/run-store';
import { isRunSettingsValid, requestFields, useRunSettings } from '@/lib/client/run-settings';
import { toRequestMessages } from '@/lib/client/to-request-messages';
import { useCatalog } from '@/lib/client/use-catalog';
import type { MoaUIMessage } from '@/lib/protocol/moa-message';
import { runDataPartSchemas } from '@/lib/protocol/run-parts';
import { preloadMarkdown } from '@/components/markdown/lazy-markdown';
import { Button } from '@/components/ui/button';
import { AssistantTurn, preloadComparison } from './assistant-turn';
import { preloadRunDetails } from '@/components/run/run-panel';
import { CompareToggle } from '@/components/compare/compare-toggle';
import { compareFields, useCompareSettings } from '@/lib/client/compare-settings';
import type { JudgePart } from '@/lib/protocol/run-parts';
import type { FailureAction } from '@/lib/client/run-failure';
import { EmptyState } from './empty-state';
import { AppMenu } from './app-menu';
import { LazyKeysDialog, LazySettingsPanel, LazyShareDialog, LazySharedLinksDialog, preloadPanels, useOpenedOnce } from './lazy-panels';
import { ErrorNotice } from './error-notice';
import { PromptForm } from './prompt-form';
import { SetupChip } from './setup-chip';
import { UserTurn } from './user-turn';
import { SimulatorBanner } from './simulator-banner';
import { summarizeSetup } from '@/lib/client/setup-summary';
import { setupKeyOf, useSetupTimes } from '@/lib/client/setup-times';
import { BranchSwitcher } from './branch-switcher';
import { InterruptedNotice } from './interrupted-notice';
import { useConversation } from './use-conversation';
import { useFollowLatest } from './use-follow-latest';
import { ConversationNavigation } from '@/components/conversations/conversation-navigation';

/** The MoA chat: settings, the conversation with a live diagram per run, and the prompt box. */
export function ChatApp() {
  const { keys, setKey, removeKey } = useProviderKeys();
  const catalog = useCatalog(keys);
  const [settings, setSettings] = useRunSettings();
  const [compare, setCompare] = useCompareSettings();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [keysOpen, setKeysOpen] = useState(false);
  const [shareOpen, setShareOpen] = useState(false);
  const [sharedLinksOpen, setSharedLinksOpen] = useState(false);
  const keysMounted = useOpenedOnce(keysOpen);
  const shareMounted = useOpenedOnce(shareOpen);
  const sharedLinksMounted = useOpenedOnce(sharedLinksOpen);
  const [store] = useState(() => new RunStore());
  const setupTimes = useSetupTimes();
  // How the last run in this tab ended without its summary: the user stopped it, or the connection was lost midway.
  const [endedEarly, setEndedEarly] = useState<'stopped' | 'cut'>();

  // The transport is created once; it reads the latest settings and keys through this ref when it sends.
  const latest = useRef({ settings, keys, catalog: catalog.data, compare });
  latest.current = { settings, keys, catalog: catalog.data, compare };
  const [transport] = useState(
    () =>
      new DefaultChatTransport<MoaUIMessage>({
        api: '/api/moa',
        fetch: fetchOrThrow,
        prepareSendMessagesRequest: ({ messages }) => ({
          body: {
            messages: toRequestMessages(messages),
            ...requestFields(latest.current.settings, latest.current.catalog),
            ...compareFields(latest.current.compare),
          },
          headers: keyHeaders(latest.current.keys),
        }),
      }),
  );
  const { messages, setMessages, sendMessage, regenerate, status, stop, error, clearError } = useChat<MoaUIMessage>({
    transport,
    dataPartSchemas: runDataPartSchemas,
    // Re-render the conversation at most every 50 ms while the answer streams; the diagram has its own store.
    throttle: 50,
    onData: (part) => store.apply(part),
    onFinish: ({ message, isAbort }) => {
      store.flush();
      const summary = message.parts.find((part) => part.type === 'data-summary');
      if (summary?.type === 'data-summary' && summary.data.status === 'done' && latest.current.catalog) {
        setupTimes.record(setupKeyOf(latest.current.settings, latest.current.catalog), summary.data.wallTimeMs);
      }
      // A run that ended without its summary, when the user did not stop it, lost its connection midway.
      const complete = message.parts.some((part) => part.type === 'data-summary');
      setEndedEarly(message.role !== 'assistant' || complete ? undefined : isAbort ? 'stopped' : 'cut');
    },
  });

  const busy = status === 'submitted' || status === 'streaming';
  // What the next question will run on. Worked out between runs only: tokens streaming in change nothing about it.
  const messagesNow = useRef(messages);
  messagesNow.current = messages;
  // biome-ignore lint/correctness/useExhaustiveDependencies: recomputed when a run ends or a message is added, not per token.
  const setup = useMemo(
    () =>
      catalog.data &&
      summarizeSetup({
        settings,
        catalog: catalog.data,
        question: '',
        earlier: messagesNow.current.map((message) => message.parts.map((part) => (part.type === 'text' ? part.text : '')).join('')),
      }),
    [settings, catalog.data, busy, messages.length],
  );
  const liveState = useCallback(() => store.getSnapshot().state, [store]);
  // `ready` is set once React has hydrated the page and restored the conversation: from then on input is handled.
  const { conversation, ready, open, startNew, showBranch, renamed } = useConversation({
    messages,
    setMessages,
    busy,
    liveState,
  });
  const [drawerOpen, setDrawerOpen] = useState(false);
  const listRef = useRef<HTMLOListElement>(null);
  const barRef = useRef<HTMLDivElement>(null);
  const latestTurn = useFollowLatest({ list: listRef, bar: barRef, busy, turns: messages.length, conversationId: conversation?.id });

  useEffect(() => {
    document.title = conversation ? `${conversation.title} · MoA Studio` : 'MoA Studio';
  }, [conversation]);

  useEffect(() => {
    // Answers render as markdown and runs as diagrams; fetch that code while the user is still typing.
    const idle = window.requestIdleCallback ?? ((callback: () => void) => window.setTimeout(callback, 1));
    idle(() => {
      preloadMarkdown();
      preloadRunDetails();
      preloadComparison();
      preloadPanels();
    });
  }, []);

  // Until the catalog arrives the settings cannot be checked here; the server checks every request anyway.
  const settingsValid = catalog.data ? isRunSettingsValid(settings, catalog.data) : true;
  const send = (text: string) => {
    store.reset();
    clearError();
    setEndedEarly(undefined);
    void sendMessage({ text });
  };
  const retry = () => {
    store.reset();
    clearError();
    setEndedEarly(undefined);
    void regenerate();
  };
  /** Sends an edited question in place of the one at `index`: the conversation branches there. */
  const resend = (index: number, text: string) => {
    store.reset();
    clearError();
    setEndedEarly(undefined);
    setMessages(messages.slice(0, index));
    void sendMessage({ text });
  };
  // A run still streaming is stopped first, and the other chat shown once it has ended: its last writes land in
  // the conversation it belongs to, not in the one opened.
  const afterStop = useRef<(() => void) | undefined>(undefined);
  useEffect(() => {
    if (busy || !afterStop.current) return;
    const action = afterStop.current;
    afterStop.current = undefined;
    action();
  }, [busy]);
  const leaveThen = (action: () => void) => {
    store.reset();
    clearError();
    setEndedEarly(undefined);
    setDrawerOpen(false);
    if (!busy) return action();
    afterStop.current = action;
    void stop();
  };
  const newChat = () => leaveThen(startNew);
  const openConversation = (id: string) => leaveThen(() => void open(id));
  const last = messages.at(-1);
  // The last question has no finished answer and nothing is running: reloaded mid-run, stopped, or cut off.
  const interrupted =
    !busy &&
    last !== undefined &&
    (last.role === 'user' || (last.role === 'assistant' && !last.parts.some((part) => part.type === 'data-summary')));
  const lastIndex = messages.length - 1;
  const versionsOf = (messageId: string, label: string) =>
    conversation && (
      <BranchSwitcher
        branches={branchesOf(conversation, messageId)}
        current={messageId}
        onSwitch={showBranch}
        disabled={busy}
        label={label}
      />
    );
  // A judgment asked for after a run joins that run's message, so it is kept and shared with it.
  const onJudged = useCallback(
    (messageId: string, judgment: JudgePart) =>
      setMessages((current) =>
        current.map((message) =>
          message.id === messageId
            ? {
                ...message,
                parts: [
                  ...message.parts.filter((part) => part.type !== 'data-judge'),
                  { type: 'data-judge', id: 'judge', data: judgment },
                ],
              }
            : message,
        ),
      ),
    [setMessages],
  );

  const openSettings = useCallback(() => {
    setSettingsOpen(true);
    requestAnimationFrame(() => document.getElementById('settings-panel')?.scrollIntoView({ block: 'nearest' }));
  }, []);
  const onFailureAction = useCallback(
    (action: FailureAction) => (action === 'keys' ? setKeysOpen(true) : openSettings()),
    [openSettings],
  );

  return (
    <div data-ready={ready || undefined} className="flex min-h-dvh">
      <ConversationNavigation
        activeId={conversation?.id}
        drawerOpen={drawerOpen}
        onCloseDrawer={() => setDrawerOpen(false)}
        onOpen={openConversation}
        onRenamed={renamed}
        onDeleteActive={newChat}
      />
      <div className="mx-auto flex min-h-dvh max-w-6xl min-w-0 flex-1 flex-col gap-4 px-3 py-4 sm:px-6">
        <header className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex items-center gap-2">
            <Button
              size="md"
              className="lg:hidden"
              aria-haspopup="dialog"
              aria-expanded={drawerOpen}
              onClick={() => setDrawerOpen(true)}
              data-testid="open-conversations"
            >
              Chats
            </Button>
            <h1 className="text-xl font-semibold">MoA Studio</h1>
          </div>
          <nav aria-label="Chat actions" className="flex flex-wrap gap-2 text-sm">
            <Button size="md" onClick={newChat} data-testid="new-chat">
              New chat
            </Button>
            <Button
              size="md"
              onClick={() => setShareOpen(true)}
              disabled={busy || !messages.some((message) => message.role === 'assistant')}
              data-testid="open-share"
            >
              Share
            </Button>
            <Button
              size="md"
              aria-expanded={settingsOpen}
              aria-controls="settings-panel"
              data-testid="open-settings"
              onClick={() => setSettingsOpen((open) => !open)}
            >
              Settings
            </Button>
            <AppMenu onOpenKeys={() => setKeysOpen(true)} onOpenSharedLinks={() => setSharedLinksOpen(true)} />
          </nav>
        </header>

        {settingsOpen && catalog.data && (
          <div id="settings-panel">
            <Suspense fallback={<p className="text-sm text-zinc-600 dark:text-zinc-400">Loading settings…</p>}>
              <LazySettingsPanel catalog={catalog.data} settings={settings} onChange={setSettings} disabled={busy} />
            </Suspense>
          </div>
        )}
        <Suspense fallback={null}>
          {keysMounted && catalog.data && (
            <LazyKeysDialog
              providers={catalog.data.providers}
              keys={keys}
              onSetKey={setKey}
              onRemoveKey={removeKey}
              open={keysOpen}
              onClose={() => setKeysOpen(false)}
            />
          )}
        </Suspense>
        <Suspense fallback={null}>
          {shareMounted && <LazyShareDialog messages={messages} open={shareOpen} onClose={() => setShareOpen(false)} />}
        </Suspense>
        <Suspense fallback={null}>
          {sharedLinksMounted && <LazySharedLinksDialog open={sharedLinksOpen} onClose={() => setSharedLinksOpen(false)} />}
        </Suspense>
        {catalog.data && (
          <SimulatorBanner catalog={catalog.data} settings={settings} onAddKey={() => setKeysOpen(true)} />
        )}
        {catalog.error && (
          <p role="alert" className="text-sm text-red-800 dark:text-red-300">
            Could not load the model catalog: {describeRequestError(catalog.error).message}
          </p>
        )}

        <main className="@container flex flex-1 flex-col gap-6">
          {messages.length === 0 ? (
            <EmptyState onPick={send} />
          ) : (
            <ol ref={listRef} className="flex flex-col gap-6">
              {messages.map((message, index) => (
                <li key={message.id} data-role={message.role}>
                  {message.role === 'user' ? (
                    <UserTurn
                      message={message}
                      onEdit={busy ? undefined : (text) => resend(index, text)}
                      versions={versionsOf(message.id, 'question')}
                    />
                  ) : (
                    <>
                      {/* The live run's diagram is open, and the latest's while it did not finish well; the others
                          start folded (the key remounts a turn when it stops being the latest). */}
                      <AssistantTurn
                        key={index === lastIndex ? 'latest' : 'earlier'}
                        message={message}
                        store={index === lastIndex && busy ? store : undefined}
                        defaultOpen={index === lastIndex && (busy || !finishedWell(message))}
                        onFailureAction={onFailureAction}
                        question={questionBefore(messages, index)}
                        onJudged={onJudged}
                        judgeModel={compare.judgeModel}
                      />
                      <div data-turn-actions className="mt-2 flex flex-wrap items-center gap-2">
                        {versionsOf(message.id, 'answer')}
                        {index === lastIndex && !busy && !interrupted && (
                          <Button onClick={retry} data-testid="regenerate">
                            Regenerate
                          </Button>
                        )}
                      </div>
                    </>
                  )}
                </li>
              ))}
            </ol>
          )}
          {error ? (
            <ErrorNotice error={error} onRetry={retry} />
          ) : endedEarly === 'cut' ? (
            <ErrorNotice error={streamEndedEarly} onRetry={retry} />
          ) : (
            interrupted && <InterruptedNotice stopped={endedEarly === 'stopped'} onRetry={retry} />
          )}
        </main>

        <div ref={barRef} className="sticky bottom-0 z-20 space-y-2 bg-white pt-2 pb-3 dark:bg-zinc-950">
          {latestTurn.away && messages.length > 0 && (
            <Button
              size="md"
              onClick={latestTurn.jump}
              data-testid="jump-to-latest"
              className="absolute -top-11 left-1/2 -translate-x-1/2 bg-white shadow-md dark:bg-zinc-900"
            >
              Jump to latest ↓
            </Button>
          )}
          <div className="flex flex-wrap items-center justify-between gap-2">
            <CompareToggle catalog={catalog.data} settings={compare} onChange={setCompare} disabled={busy} />
            {setup && catalog.data && (
              <SetupChip
                summary={setup}
                typicalMs={setupTimes.typical(setupKeyOf(settings, catalog.data))}
                onOpen={openSettings}
              />
            )}
          </div>
          <PromptForm
            busy={busy}
            disabled={!settingsValid}
            disabledReason={catalog.data && !settingsValid ? 'Fix the settings before sending.' : undefined}
            onSend={send}
            onStop={() => void stop()}
            draftOf={ready ? (conversation?.id ?? null) : undefined}
          />
        </div>
      </div>
    </div>
  );
}

function finishedWell(message: MoaUIMessage): boolean {
  return message.parts.some((part) => part.type === 'data-summary' && part.data.status === 'done');
}

function questionBefore(messages: MoaUIMessage[], index: number): string {
  const previous = messages[index - 1];
  return previous?.role === 'user'
    ? previous.parts.map((part) => (part.type === 'text' ? part.text : '')).join('')
    : '';
}
