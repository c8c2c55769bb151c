import { describe, expect, it } from 'vitest';
import { isSlashShortcut, type KeyPress } from '@/lib/client/slash-shortcut';

const press = (overrides: Partial<KeyPress> = {}): KeyPress => ({
  key: '/',
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  defaultPrevented: false,
  target: { tagName: 'BUTTON', isContentEditable: false },
  ...overrides,
});

describe('isSlashShortcut', () => {
  it('takes a bare slash pressed outside any field', () => {
    expect(isSlashShortcut(press())).toBe(true);
    expect(isSlashShortcut(press({ target: { tagName: 'BODY' } }))).toBe(true);
    expect(isSlashShortcut(press({ target: null }))).toBe(true);
  });

  it('leaves the slash to a field the user is typing in', () => {
    for (const tagName of ['INPUT', 'TEXTAREA', 'SELECT', 'input']) {
      expect(isSlashShortcut(press({ target: { tagName } }))).toBe(false);
    }
    expect(isSlashShortcut(press({ target: { tagName: 'DIV', isContentEditable: true } }))).toBe(false);
  });

  it('ignores other keys and chords with Ctrl, Cmd or Alt', () => {
    expect(isSlashShortcut(press({ key: '?' }))).toBe(false);
    expect(isSlashShortcut(press({ ctrlKey: true }))).toBe(false);
    expect(isSlashShortcut(press({ metaKey: true }))).toBe(false);
    expect(isSlashShortcut(press({ altKey: true }))).toBe(false);
  });

  it('ignores a press another handler already took or an input method is composing', () => {
    expect(isSlashShortcut(press({ defaultPrevented: true }))).toBe(false);
    expect(isSlashShortcut(press({ isComposing: true }))).toBe(false);
  });
});
