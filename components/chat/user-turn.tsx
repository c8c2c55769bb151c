'use client';
import { useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { MoaUIMessage } from '@/lib/protocol/moa-message';
import { messageText } from '@/lib/client/conversation';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';

/**
 * The user's question, as a bubble on the right, with a copy button; in the chat also an edit that sends the
 * question again as a new branch (`onEdit`), and the switcher between its versions (`versions`).
 */
export function UserTurn({
  message,
  onEdit,
  versions,
}: {
  message: MoaUIMessage;
  onEdit?: (text: string) => void;
  versions?: ReactNode;
}) {
  const text = messageText(message);
  const [editing, setEditing] = useState(false);
  return (
    <div className="flex flex-col items-end gap-1">
      {editing && onEdit ? (
        <EditQuestion
          text={text}
          onCancel={() => setEditing(false)}
          onSend={(edited) => {
            setEditing(false);
            onEdit(edited);
          }}
        />
      ) : (
        <UserBubble text={text} />
      )}
      <div className="flex flex-wrap items-center justify-end gap-1">
        {versions}
        <CopyButton text={text} label="Copy" name="Copy question" testId="copy-question" />
        {onEdit && !editing && (
          <Button size="xs" onClick={() => setEditing(true)} data-testid="edit-question">
            Edit
          </Button>
        )}
      </div>
    </div>
  );
}

export function UserBubble({ text }: { text: string }) {
  return (
    <div className="ml-auto w-fit max-w-[85%] rounded-lg bg-zinc-100 px-3 py-2 whitespace-pre-wrap dark:bg-zinc-800">
      {text}
    </div>
  );
}

/** The question in a text box: Enter sends it (Shift+Enter adds a line), Escape gives up. */
function EditQuestion({
  text,
  onSend,
  onCancel,
}: {
  text: string;
  onSend: (text: string) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(text);
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const trimmed = value.trim();
    if (trimmed.length > 0) onSend(trimmed);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
    if (event.key === 'Escape') onCancel();
  };
  return (
    <form onSubmit={submit} className="flex w-[min(36rem,80vw)] flex-col gap-2" data-testid="edit-question-form">
      <textarea
        aria-label="Edit your question"
        rows={3}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={onKeyDown}
        ref={(element) => element?.focus()}
        className="w-full resize-y rounded-md border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
      />
      <div className="flex justify-end gap-2">
        <Button size="sm" onClick={onCancel}>
          Cancel
        </Button>
        <Button size="sm" variant="primary" type="submit">
          Save and send
        </Button>
      </div>
    </form>
  );
}
