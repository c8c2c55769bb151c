'use client';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { Dialog, DialogCloseButton } from '@/components/ui/dialog';
import { deleteShare, useOwnedShares } from '@/lib/client/owned-shares';
import { describeRequestError, postJson } from '@/lib/client/request-error';
import { toSharedMessages } from '@/lib/client/share-messages';
import { useComparisonMemory } from '@/lib/client/votes';
import type { MoaUIMessage } from '@/lib/protocol/moa-message';
import { createShareResponseSchema } from '@/lib/protocol/share';

/**
 * Creates a share of the conversation when opened and shows its link, with a copy button and a way to delete it.
 * The delete token stays in this browser.
 */
export function ShareDialog({
  messages,
  open,
  onClose,
}: {
  messages: MoaUIMessage[];
  open: boolean;
  onClose: () => void;
}) {
  const owned = useOwnedShares();
  const comparisons = useComparisonMemory().memory;
  const create = useMutation({
    mutationFn: async (shared: ReturnType<typeof toSharedMessages>) => {
      const created = await postJson('/api/shares', { messages: shared }, createShareResponseSchema);
      return { ...created, url: new URL(created.url, window.location.origin).toString() };
    },
    onSuccess: (created) => owned.remember(created.id, created.deleteToken),
  });
  const remove = useMutation({
    mutationFn: ({ id, deleteToken }: { id: string; deleteToken: string }) => deleteShare(id, deleteToken),
    onSuccess: (deleted, { id }) => {
      if (deleted) owned.forget(id);
    },
  });

  // One share per opening, of the conversation as it was when the dialog opened.
  const latest = useRef({ messages, comparisons, create: create.mutate, reset: remove.reset });
  latest.current = { messages, comparisons, create: create.mutate, reset: remove.reset };
  useEffect(() => {
    if (!open) return;
    latest.current.reset();
    latest.current.create(toSharedMessages(latest.current.messages, latest.current.comparisons));
  }, [open]);

  const created = create.data;
  const deleteToken = created ? owned.shares[created.id]?.deleteToken : undefined;
  const failure = create.error && describeRequestError(create.error);
  return (
    <Dialog open={open} onClose={onClose} labelledBy="share-title" testId="share-dialog">
      <div className="p-5">
        <h2 id="share-title" className="mb-2 font-semibold">
          Share this conversation
        </h2>
        <div aria-live="polite" className="space-y-3 text-sm">
          {create.isPending && <p>Creating a link…</p>}
          {failure && (
            <p role="alert" className="text-red-800 dark:text-red-300">
              {failure.kind === 'network'
                ? 'The link could not be created. Check your connection and try again.'
                : failure.message}
            </p>
          )}
          {remove.data === true && <p>The link is deleted: it now answers “not found”.</p>}
          {created && remove.data !== true && (
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
                  value={created.url}
                  onFocus={(event) => event.currentTarget.select()}
                  className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-zinc-50 px-2 py-1 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-800"
                />
                <CopyButton text={created.url} label="Copy link" testId="copy-share-link" />
              </div>
              <p className="text-xs text-zinc-600 dark:text-zinc-400">
                This browser keeps the key that can delete the link. Clear its site data and the link stays up for good.
              </p>
              <Button
                variant="danger"
                data-testid="delete-share"
                disabled={!deleteToken || remove.isPending}
                onClick={() => deleteToken && remove.mutate({ id: created.id, deleteToken })}
              >
                Delete link
              </Button>
            </>
          )}
        </div>
        <div className="mt-4 flex justify-end">
          <DialogCloseButton />
        </div>
      </div>
    </Dialog>
  );
}
