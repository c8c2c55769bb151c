'use client';
import { useState } from 'react';
import type { SharedMessage } from '@/lib/protocol/share';
import type { LightTurn } from '@/lib/share/page-turns';
import { fromSharedMessages } from '@/lib/client/share-messages';
import { AssistantTurn } from '@/components/chat/assistant-turn';

type Loaded = { status: 'light' } | { status: 'loading' } | { status: 'shown'; message: SharedMessage } | { status: 'failed'; error: string };

/**
 * An earlier run of a long shared conversation, drawn light: its answer as plain text (a blind comparison's answers
 * stay hidden, since the plain text would say which is the MoA's), and one click to the whole run, diagram and all,
 * fetched then.
 */
export function EarlierRun({
  turn,
  idPrefix,
  loadMessages,
}: {
  turn: Extract<LightTurn, { role: 'assistant' }>;
  idPrefix: string;
  loadMessages: () => Promise<SharedMessage[]>;
}) {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'light' });
  if (loaded.status === 'shown' && loaded.message.role === 'assistant') {
    const [message] = fromSharedMessages([loaded.message], idPrefix, turn.position);
    return <AssistantTurn message={message!} defaultOpen={false} readOnly sharedComparison={loaded.message.comparison} />;
  }
  const show = async () => {
    setLoaded({ status: 'loading' });
    try {
      const message = (await loadMessages())[turn.position];
      setLoaded(message ? { status: 'shown', message } : { status: 'failed', error: 'This turn is missing from the shared conversation.' });
    } catch (error) {
      setLoaded({ status: 'failed', error: error instanceof Error ? error.message : 'The run could not be loaded.' });
    }
  };
  return (
    <div className="space-y-2" data-testid="earlier-run">
      {turn.comparison ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">A comparison of a single model with the Mixture-of-Agents.</p>
      ) : (
        <p className="text-sm leading-relaxed break-words whitespace-pre-wrap">{turn.answer}</p>
      )}
      <button
        type="button"
        onClick={() => void show()}
        disabled={loaded.status === 'loading'}
        data-testid="show-earlier-run"
        className="rounded-md border border-zinc-300 px-2 py-0.5 text-xs disabled:opacity-50 dark:border-zinc-700"
      >
        {loaded.status === 'loading' ? 'Loading…' : turn.comparison ? 'Show the comparison' : 'Show the formatted answer and its run'}
      </button>
      {loaded.status === 'failed' && (
        <p role="alert" className="text-sm text-red-800 dark:text-red-300">
          {loaded.error}
        </p>
      )}
    </div>
  );
}
