'use client';
import { useChat } from '@ai-sdk/react';
import { DefaultChatTransport } from 'ai';
import { useRef, useState, useSyncExternalStore } from 'react';
import { apiErrorText } from '@/lib/client/api-error-text';
import { DeltaStore } from '@/lib/client/delta-store';
import { runStateOf } from '@/lib/client/run-state';
import { toRequestMessages } from '@/lib/client/to-request-messages';
import { useCatalog } from '@/lib/client/use-catalog';
import type { MoaUIMessage } from '@/lib/protocol/moa-message';
import { runDataPartSchemas } from '@/lib/protocol/run-parts';
import { RunView } from '@/components/run/run-view';
import { PromptForm } from './prompt-form';

/** The conversation: each question, the run that answered it, and the answer. */
export function MoaChat() {
  const catalog = useCatalog();
  const [presetChoice, setPresetChoice] = useState<string>();
  const presetId = presetChoice ?? catalog.data?.defaultPresetId;
  const presetRef = useRef(presetId);
  presetRef.current = presetId;
  const [deltas] = useState(() => new DeltaStore());
  const liveTexts = useSyncExternalStore(deltas.subscribe, deltas.getSnapshot, deltas.getSnapshot);

  const [transport] = useState(
    () =>
      new DefaultChatTransport<MoaUIMessage>({
        api: '/api/moa',
        prepareSendMessagesRequest: ({ messages }) => ({
          body: { messages: toRequestMessages(messages), preset: presetRef.current },
        }),
      }),
  );
  const { messages, sendMessage, status, stop, error } = useChat<MoaUIMessage>({
    transport,
    dataPartSchemas: runDataPartSchemas,
    onData: (part) => {
      if (part.type === 'data-agent-delta') deltas.push(part.data);
    },
  });

  const busy = status === 'submitted' || status === 'streaming';
  const preset = catalog.data?.presets.find((candidate) => candidate.id === presetId);
  const simulated = preset ? presetUsesSimulator(preset.config) : false;
  const send = (text: string) => {
    deltas.reset();
    void sendMessage({ text });
  };

  return (
    <div className="mx-auto flex min-h-dvh max-w-5xl flex-col gap-4 px-4 py-6">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">MoA Studio</h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Several models answer, later layers refine their answers, one aggregator writes the reply.
          </p>
        </div>
        <label className="flex items-center gap-2 text-sm">
          Preset
          <select
            className="rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
            value={presetId ?? ''}
            onChange={(event) => setPresetChoice(event.target.value)}
            disabled={!catalog.data || busy}
          >
            {catalog.data?.presets.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
          </select>
        </label>
      </header>

      {simulated && (
        <p role="note" data-testid="simulator-banner" className="rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200">
          Answers are simulated: no model provider is configured. Set a key such as <code>TOGETHER_API_KEY</code> on the
          server, or run Ollama locally, to use real models.
        </p>
      )}
      {catalog.error && <p role="alert" className="text-sm text-red-700 dark:text-red-400">{catalog.error.message}</p>}

      <ol className="flex flex-1 flex-col gap-6" aria-live="polite">
        {messages.map((message, index) =>
          message.role === 'user' ? (
            <li key={message.id} className="self-end rounded-lg bg-zinc-100 px-3 py-2 whitespace-pre-wrap dark:bg-zinc-800">
              {message.parts.map((part) => (part.type === 'text' ? part.text : '')).join('')}
            </li>
          ) : (
            <li key={message.id} className="space-y-3">
              <AssistantTurn message={message} live={index === messages.length - 1 ? liveTexts : undefined} />
            </li>
          ),
        )}
      </ol>

      {error && (
        <p role="alert" className="rounded-md border border-red-300 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:text-red-300">
          {apiErrorText(error)}
        </p>
      )}
      <PromptForm busy={busy} onSend={send} onStop={() => void stop()} />
    </div>
  );
}

function AssistantTurn({ message, live }: { message: MoaUIMessage; live?: Parameters<typeof runStateOf>[1] }) {
  const state = runStateOf(message, live);
  return (
    <>
      <RunView state={state} />
      <div data-testid="answer" className="leading-relaxed whitespace-pre-wrap">
        {state.answer}
      </div>
    </>
  );
}

function presetUsesSimulator(config: { layers: { agents: { model: string }[] }[]; aggregator: { model: string } }): boolean {
  return [...config.layers.flatMap((layer) => layer.agents), config.aggregator].some((agent) =>
    agent.model.startsWith('simulator:'),
  );
}
