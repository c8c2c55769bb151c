'use client';
import { useEffect, useRef } from 'react';

/**
 * Drives a native modal `<dialog>` from an `open` flag: `showModal()` when it turns true, `close()` when it turns
 * false, a click on the dialog element itself (its backdrop: the content sits in an inner box) closes it, and on close
 * focus goes back to what had it before (browsers differ on whether they do that themselves). Focus is given back only
 * while nothing else has taken it: the `close` event comes a task later than the closing key, and a Tab pressed in
 * between has already moved on.
 */
export function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      const opener = document.activeElement;
      dialog.showModal();
      const restoreFocus = () => {
        const current = document.activeElement;
        const focusIsFree = current === null || current === document.body || dialog.contains(current);
        if (focusIsFree && opener instanceof HTMLElement && opener.isConnected) opener.focus();
      };
      dialog.addEventListener('close', restoreFocus, { once: true });
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // A listener rather than a JSX handler: a backdrop has no keyboard equivalent to pair it with (Escape is the
    // dialog's own).
    const closeOnBackdrop = (event: MouseEvent) => {
      if (event.target === dialog) dialog.close();
    };
    dialog.addEventListener('click', closeOnBackdrop);
    return () => dialog.removeEventListener('click', closeOnBackdrop);
  }, []);

  return ref;
}
