'use client';
import { useEffect, useState } from 'react';
import { Button } from './button';

/**
 * A short message at the bottom of the screen with one action (Undo), gone after `durationMs`. Screen readers hear
 * the message; while the pointer or the keyboard focus is on it, it stays, so there is time to reach the action.
 */
export function Toast({
  message,
  actionLabel,
  onAction,
  onDismiss,
  durationMs = 8000,
  testId,
}: {
  message: string;
  actionLabel: string;
  onAction: () => void;
  onDismiss: () => void;
  durationMs?: number;
  testId: string;
}) {
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (held) return;
    const timer = setTimeout(onDismiss, durationMs);
    return () => clearTimeout(timer);
  }, [onDismiss, durationMs, held]);
  return (
    <div
      role="status"
      data-testid={testId}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
      className="fixed inset-x-3 bottom-36 z-50 mx-auto flex w-fit max-w-[calc(100vw-1.5rem)] items-center gap-3 rounded-lg bg-zinc-900 px-4 py-2 text-sm text-white shadow-lg dark:bg-zinc-100 dark:text-zinc-900"
    >
      <span className="min-w-0 truncate">{message}</span>
      <Button
        onClick={onAction}
        className="border-zinc-500 font-medium text-white hover:bg-zinc-700 dark:border-zinc-400 dark:text-zinc-900 dark:hover:bg-zinc-300"
      >
        {actionLabel}
      </Button>
    </div>
  );
}
