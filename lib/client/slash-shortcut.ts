/** What a key press looks like to the shortcut: a DOM `KeyboardEvent` fits, and so does a plain object in a test. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  defaultPrevented: boolean;
  isComposing?: boolean;
  target: unknown;
}

/** Whether the element takes typed text: there, "/" is a character, not a shortcut. */
function isTypingTarget(target: unknown): boolean {
  if (typeof target !== 'object' || target === null) return false;
  const element = target as { tagName?: unknown; isContentEditable?: unknown };
  const tag = typeof element.tagName === 'string' ? element.tagName.toUpperCase() : '';
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || element.isContentEditable === true;
}

/**
 * Whether a key press is the "/" shortcut that jumps to the prompt, as in the chat apps people know: a bare "/"
 * outside any field, not taken by another handler, not part of an input method's composition, and not a chord with
 * Ctrl, Cmd or Alt (the browser's and the system's own shortcuts).
 */
export function isSlashShortcut(event: KeyPress): boolean {
  return (
    event.key === '/' &&
    !event.ctrlKey &&
    !event.metaKey &&
    !event.altKey &&
    !event.defaultPrevented &&
    event.isComposing !== true &&
    !isTypingTarget(event.target)
  );
}
