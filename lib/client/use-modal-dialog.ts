'use client';
import { useEffect, useRef } from 'react';

/**
 * Keeps a native `<dialog>` modal in step with `open`, and gives focus back to what opened it when it closes
 * (browsers differ on whether they do that themselves). Returns the ref to put on the dialog.
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
        if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
      };
      dialog.addEventListener('close', restoreFocus, { once: true });
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);
  return ref;
}
