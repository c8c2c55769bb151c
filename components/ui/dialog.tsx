'use client';
import type { ReactNode } from 'react';
import { useModalDialog } from './use-modal-dialog';
import { Button } from './button';

const widths = { md: 'w-[min(34rem,calc(100vw-1.5rem))]', lg: 'w-[min(46rem,calc(100vw-2rem))]' } as const;

/**
 * A modal dialog on the native `<dialog>`: it opens with `open`, closes on Escape, on a click on the backdrop or when
 * its content closes it, and then calls `onClose` and gives focus back to what had it (see `useModalDialog`). The
 * content sits in an inner box, so a click on the dialog element itself is a click on the backdrop.
 */
export function Dialog({
  open,
  onClose,
  labelledBy,
  describedBy,
  testId,
  width = 'md',
  children,
}: {
  open: boolean;
  onClose: () => void;
  labelledBy: string;
  describedBy?: string;
  testId: string;
  width?: keyof typeof widths;
  children: ReactNode;
}) {
  const ref = useModalDialog(open);

  return (
    <dialog
      ref={ref}
      data-testid={testId}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      onClose={onClose}
      className={`m-auto max-h-[calc(100dvh-2rem)] overflow-y-auto ${widths[width]} rounded-xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-2xl backdrop:bg-black/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100`}
    >
      {children}
    </dialog>
  );
}

/** A button that closes the dialog it is in, as Escape would, so `onClose` runs once, from the dialog's own event. */
export function DialogCloseButton({ className }: { className?: string }) {
  return (
    <Button className={className} onClick={(event) => event.currentTarget.closest('dialog')?.close()}>
      Close
    </Button>
  );
}
