'use client';
import { useEffect } from 'react';
import { isSlashShortcut } from './slash-shortcut';

/**
 * Pressing "/" anywhere on the page, outside a field, puts the cursor at the end of the field with id `fieldId`
 * (the prompt), so a keyboard user can ask the next question without tabbing past the conversation. The field is
 * looked up on each press, so it may mount, unmount or be replaced freely.
 */
export function useSlashFocus(fieldId: string): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isSlashShortcut(event)) return;
      const field = document.getElementById(fieldId);
      if (!(field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement) || field.disabled) return;
      event.preventDefault();
      field.focus();
      field.setSelectionRange(field.value.length, field.value.length);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [fieldId]);
}
