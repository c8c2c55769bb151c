'use client';
import { useEffect, useRef, useState } from 'react';
import { describeRequestError, fetchWithErrorDetails } from '@/lib/client/request-error';
import { deleteShare, useOwnedShares } from '@/lib/client/owned-shares';
import { toSharedMessages } from '@/lib/client/share-messages';
import { useComparisonMemory } from '@/lib/client/votes';
import type { MoaUIMessage } from '@/lib/protocol/moa-message';
import { createShareResponseSchema } from '@/lib/protocol/share';
import { CopyButton } from '@/components/ui/copy-button';
import { useModalDialog } from '@/lib/client/use-modal-dialog';

type ShareState =
  | { status: 'creating' }
  | { status: 'created'; id: string; url: string }
  | { status: 'deleted' }
  | { status: 'failed'; message: string };

/**
 * Creates a share of the conversation when opened and shows its link, with a copy button and a way to delete it.
 * The delete token stays in this browser.
 */
export function ShareDialog({ messages, open, onClose }: { messages: MoaUIMessage[]; open: boolean; onClose: () => void }) {
  const dialog = useModalDialog(open);
  const [state, setState] = useState<ShareState>({ status: 'creating' });
  const owned = useOwnedShares();
  const comparisons = useComparisonMemory().memory;
  const comparisonsRef = useRef(comparisons);
  comparisonsRef.current = comparisons;
  const ownedRef = useRef(owned);
  ownedRef.current = owned;
  // One share per opening, of the conversation as it was when the dialog opened.
  const messagesRef = useRef(messages);
  messagesRef.current = messages;

  useEffect(() => {
    if (!open) return;
    setState({ status: 'creating' });
    let cancelled = false;
    void createShare(messagesRef.current, comparisonsRef.current).then((result) => {
      if (cancelled) return;
      if (result.status === 'created') ownedRef.current.remember(result.id, result.deleteToken);
      setState(result.status === 'created' ? { status: 'created', id: result.id, url: result.url } : result);
    });
    return () => {
      cancelled = true;
    };
  }, [open]);

  const remove = async (id: string) => {
    const token = owned.shares[id]?.deleteToken;
    if (token && (await deleteShare(id, token))) {
      owned.forget(id);
      setState({ status: 'deleted' });
    }
  };

  return (
    <dialog
      ref={dialog}
      data-testid="share-dialog"
      aria-labelledby="share-title"
      onClose={onClose}
      className="m-auto w-[min(34rem,calc(100vw-2rem))] rounded-xl border border-zinc-200 bg-white p-5 text-zinc-900 shadow-2xl backdrop:bg-black/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <h2 id="share-title" className="mb-2 font-semibold">
        Share this conversation
      </h2>
      <div aria-live="polite" className="space-y-3 text-sm">
        {state.status === 'creating' && <p>Creating a link…</p>}
        {state.status === 'failed' && (
          <p role="alert" className="text-red-800 dark:text-red-300">
            {state.message}
          </p>
        )}
        {state.status === 'deleted' && <p>The link is deleted: it now answers “not found”.</p>}
        {state.status === 'created' && (
          <>
            <p>
              Anyone with this link can read the conversation, every answer and how the layers got there. It is a
              snapshot: later messages are not added.
            </p>
            <div className="flex items-center gap-2">
              <input
                readOnly
                aria-label="Share link"
                data-testid="share-link"
                value={state.url}
                onFocus={(event) => event.currentTarget.select()}
                className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-zinc-50 px-2 py-1 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-800"
              />
              <CopyButton text={state.url} label="Copy link" testId="copy-share-link" className="rounded-md border border-zinc-300 px-2 py-0.5 text-xs dark:border-zinc-700" />
            </div>
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              This browser keeps the key that can delete the link. Clear its site data and the link stays up for good.
            </p>
            <button
              type="button"
              data-testid="delete-share"
              onClick={() => void remove(state.id)}
              className="rounded-md border border-red-400 px-2.5 py-1 text-red-800 dark:border-red-700 dark:text-red-300"
            >
              Delete link
            </button>
          </>
        )}
      </div>
      <div className="mt-4 flex justify-end">
        <button type="button" onClick={() => dialog.current?.close()} className="rounded-md border border-zinc-300 px-3 py-1 text-sm dark:border-zinc-600">
          Close
        </button>
      </div>
    </dialog>
  );
}

async function createShare(
  messages: MoaUIMessage[],
  comparisons: Parameters<typeof toSharedMessages>[1],
): Promise<{ status: 'created'; id: string; url: string; deleteToken: string } | { status: 'failed'; message: string }> {
  try {
    const response = await fetchWithErrorDetails('/api/shares', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: toSharedMessages(messages, comparisons) }),
    });
    if (!response.ok) return { status: 'failed', message: describeRequestError(new Error(await response.text())).message };
    const created = createShareResponseSchema.parse(await response.json());
    return { status: 'created', id: created.id, deleteToken: created.deleteToken, url: new URL(created.url, window.location.origin).toString() };
  } catch {
    return { status: 'failed', message: 'The link could not be created. Check your connection and try again.' };
  }
}
