'use client';
import { useEffect, useRef, type ReactNode } from 'react';

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
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      const opener = document.activeElement;
      dialog.showModal();
      dialog.addEventListener(
        'close',
        () => {
          if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
        },
        { once: true },
      );
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // The overlay is the dialog element itself around the panel; it has no keyboard twin besides Escape.
    const closeOnOverlay = (event: MouseEvent) => {
      if (event.target === dialog) dialog.close();
    };
    dialog.addEventListener('click', closeOnOverlay);
    return () => dialog.removeEventListener('click', closeOnOverlay);
  }, []);

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
