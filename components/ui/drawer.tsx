'use client';
import type { ReactNode } from 'react';
import { useModalDialog } from './use-modal-dialog';

/**
 * A panel that slides over the page from the left on small screens, on the native modal `<dialog>`: the rest of the
 * page is inert while it is open, Escape and a click on the overlay close it, and focus goes back to the button
 * that opened it.
 */
export function Drawer({
  open,
  onClose,
  label,
  testId,
  children,
}: {
  open: boolean;
  onClose: () => void;
  label: string;
  testId: string;
  children: ReactNode;
}) {
  const ref = useModalDialog(open);

  return (
    <dialog
      ref={ref}
      aria-label={label}
      data-testid={testId}
      onClose={onClose}
      className="m-0 h-dvh max-h-none w-[min(20rem,85vw)] max-w-none bg-transparent p-0 backdrop:bg-black/40"
    >
      <div className="h-full overflow-y-auto border-r border-zinc-200 bg-white p-3 text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100">
        {open && children}
      </div>
    </dialog>
  );
}
