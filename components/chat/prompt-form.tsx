'use client';
import { Button } from '@/components/ui/button';
import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import { readDraft, writeDraft } from '@/lib/client/prompt-draft';
import { useSlashFocus } from '@/lib/client/use-slash-focus';

/**
 * The prompt box: Enter sends, Shift+Enter adds a line, Escape or Stop ends a run. What is typed and not sent is
 * kept per conversation (`draftOf`: its id, null for a new chat, undefined while the conversation is restored).
 */
export function PromptForm({
  busy,
  disabled,
  disabledReason,
  onSend,
  onStop,
  draftOf,
}: {
  busy: boolean;
  disabled?: boolean;
  disabledReason?: string;
  onSend: (text: string) => void;
  onStop: () => void;
  draftOf?: string | null;
}) {
  useSlashFocus('prompt');
  const [text, setText] = useState('');
  useEffect(() => {
    if (draftOf !== undefined) setText(readDraft(draftOf));
  }, [draftOf]);
  // Ready to type on arrival, where a keyboard is at hand: on a touch screen focus would cover half the page with one.
  useEffect(() => {
    if (window.matchMedia('(pointer: fine)').matches) document.getElementById('prompt')?.focus({ preventScroll: true });
  }, []);
  const change = (value: string) => {
    setText(value);
    if (draftOf !== undefined) writeDraft(draftOf, value);
  };
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const trimmed = text.trim();
    if (trimmed.length === 0 || busy || disabled) return;
    onSend(trimmed);
    change('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
    if (event.key === 'Escape' && busy) onStop();
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap gap-2">
      <label htmlFor="prompt" className="sr-only">
        Your question
      </label>
      <textarea
        id="prompt"
        rows={2}
        value={text}
        onChange={(event) => change(event.target.value)}
        onKeyDown={onKeyDown}
        placeholder="Ask anything… (Enter sends, Shift+Enter adds a line)"
        aria-keyshortcuts="/"
        aria-describedby={disabledReason ? 'prompt-disabled-reason' : undefined}
        className="min-w-0 flex-1 resize-none rounded-md border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
      />
      {busy ? (
        <Button size="md" onClick={onStop}>
          Stop
        </Button>
      ) : (
        <Button variant="primary" size="md" type="submit" disabled={disabled}>
          Send
        </Button>
      )}
      {disabledReason && (
        <p id="prompt-disabled-reason" className="w-full text-sm text-red-800 dark:text-red-300">
          {disabledReason}
        </p>
      )}
    </form>
  );
}
