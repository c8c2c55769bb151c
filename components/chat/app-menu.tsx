'use client';
import Link from 'next/link';
import { useRef, useState } from 'react';
import { buttonClass } from '@/components/ui/button';

const ITEM =
  'block w-full rounded px-3 py-1.5 text-left text-sm hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-sky-600 dark:hover:bg-zinc-800';

/**
 * The header's "More" menu: the places visited now and then (keys, shared links, evaluations, statistics). A native
 * popover, so Escape and a click elsewhere close it and it sits above everything; anchored under its button. An item
 * that opens a dialog closes the menu and puts focus on the menu's button first, so closing the dialog comes back
 * there rather than to an item of a closed menu.
 */
export function AppMenu({ onOpenKeys, onOpenSharedLinks }: { onOpenKeys: () => void; onOpenSharedLinks: () => void }) {
  const menu = useRef<HTMLElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const then = (action: () => void) => () => {
    menu.current?.hidePopover();
    button.current?.focus();
    action();
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        popoverTarget="app-menu"
        aria-expanded={open}
        aria-controls="app-menu"
        data-testid="open-menu"
        className={`${buttonClass('secondary', 'md')} [anchor-name:--app-menu]`}
      >
        More <span aria-hidden="true">▾</span>
      </button>
      <nav
        ref={menu}
        id="app-menu"
        popover="auto"
        onToggle={(event) => setOpen(event.newState === 'open')}
        aria-label="More"
        className="m-0 mt-1 w-48 rounded-lg border border-zinc-200 bg-white p-1 text-zinc-900 shadow-lg [position-anchor:--app-menu] [position-area:bottom_span-left] dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <ul>
          <li>
            <button type="button" className={ITEM} onClick={then(onOpenKeys)} data-testid="open-keys">
              API keys
            </button>
          </li>
          <li>
            <button type="button" className={ITEM} onClick={then(onOpenSharedLinks)} data-testid="open-shared-links">
              Your shared links
            </button>
          </li>
          <li>
            <Link href="/eval" className={ITEM}>
              Evaluate
            </Link>
          </li>
          <li>
            <Link href="/stats" className={ITEM}>
              Stats
            </Link>
          </li>
        </ul>
      </nav>
    </>
  );
}
