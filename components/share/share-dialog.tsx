'use client';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { Dialog, DialogCloseButton } from '@/components/ui/dialog';
import { hintClass } from '@/components/ui/field';
import { shareFingerprint, useDeleteShare, useOwnedShares } from '@/lib/client/owned-shares';
import { describeRequestError, postJson } from '@/lib/client/request-error';
import { publicContents, toSharedMessages } from '@/lib/client/share-messages';
import { useComparisonMemory } from '@/lib/client/votes';
import type { MoaUIMessage } from '@/lib/protocol/moa-message';
import { createShareResponseSchema } from '@/lib/protocol/share';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * Shares the conversation as it is when the dialog opens: first it says what will become public and asks; once
 * published it shows the link, with a copy button and a way to delete it. A conversation that has not changed since
 * it was last shared shows that link again instead of publishing a second copy. Delete tokens stay in this browser.
 */
export function ShareDialog({ messages, open, onClose }: { messages: MoaUIMessage[]; open: boolean; onClose: () => void }) {
  const owned = useOwnedShares();
  const comparisons = useComparisonMemory().memory;
  // The conversation as it was when the dialog opened: later tokens do not change what is being confirmed.
  const [snapshot, setSnapshot] = useState<ReturnType<typeof toSharedMessages>>([]);
  const [fingerprint, setFingerprint] = useState<string>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: taken once per opening, on purpose.
  useEffect(() => {
    if (!open) return;
    const shared = toSharedMessages(messages, comparisons);
    setSnapshot(shared);
    setFingerprint(undefined);
    void shareFingerprint(shared).then(setFingerprint);
  }, [open]);

  const title = snapshot.find((message) => message.role === 'user')?.text ?? 'A conversation';
  const create = useMutation({
    mutationFn: async () => {
      const created = await postJson('/api/shares', { messages: snapshot }, createShareResponseSchema);
      return { ...created, url: new URL(created.url, window.location.origin).toString() };
    },
    onSuccess: (created) => {
      if (fingerprint) owned.remember(created.id, { deleteToken: created.deleteToken, title, url: created.url, fingerprint });
    },
  });
  const remove = useDeleteShare(owned.forget);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new opening starts over.
  useEffect(() => {
    if (!open) return;
    create.reset();
    remove.reset();
  }, [open]);

  const previous = useMemo(
    () => Object.entries(owned.shares).find(([, share]) => fingerprint !== undefined && share.fingerprint === fingerprint && share.url),
    [owned.shares, fingerprint],
  );
  const link = create.data ? { id: create.data.id, url: create.data.url } : previous ? { id: previous[0], url: previous[1].url ?? '' } : undefined;
  const deleteToken = link ? owned.shares[link.id]?.deleteToken : undefined;
  const contents = publicContents(snapshot);
  const failure = create.error && describeRequestError(create.error);

  return (
    <Dialog open={open} onClose={onClose} labelledBy="share-title" testId="share-dialog">
      <div className="max-h-[85dvh] overflow-y-auto p-5">
        <h2 id="share-title" className="mb-2 font-semibold">
          Share this conversation
        </h2>
        <div aria-live="polite" className="space-y-3 text-sm">
          {remove.isSuccess && <p>The link is deleted: it now answers “not found”.</p>}
          {!link && !remove.isSuccess && (
            <div className="space-y-3" data-testid="share-confirm">
              <p>Anyone with the link will be able to read, as it is now (later messages are not added):</p>
              <ul className="list-disc pl-5">
                <li>
                  {plural(contents.questions, 'question')} and {plural(contents.answers, 'answer')}, starting with “
                  {title.length > 80 ? `${title.slice(0, 79)}…` : title}”
                </li>
                <li>every agent’s output, model, timings, tokens and cost ({plural(contents.agentOutputs, 'agent output')})</li>
                {contents.comparisons > 0 && (
                  <li>
                    {plural(contents.comparisons, 'single-model comparison')}
                    {contents.blind > 0 ? `; ${contents.blind} not yet revealed stay blind for each visitor until they vote or reveal` : ''}
                  </li>
                )}
              </ul>
              <p className={hintClass}>Not included: your API keys, your settings, other conversations.</p>
              {failure && (
                <p role="alert" className="text-red-800 dark:text-red-300">
                  {failure.kind === 'network' ? 'The link could not be created. Check your connection and try again.' : failure.message}
                </p>
              )}
              <Button variant="primary" data-testid="share-publish" disabled={create.isPending || fingerprint === undefined} onClick={() => create.mutate()}>
                {create.isPending ? 'Publishing…' : 'Publish the link'}
              </Button>
            </div>
          )}
          {link && !remove.isSuccess && (
            <>
              <p>
                {create.data
                  ? 'Anyone with this link can read the conversation, every answer and how the layers got there.'
                  : 'You shared this conversation before and nothing has changed since: here is that link.'}
              </p>
              <div className="flex items-center gap-2">
                <input
                  readOnly
                  aria-label="Share link"
                  data-testid="share-link"
                  value={link.url}
                  onFocus={(event) => event.currentTarget.select()}
                  className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-zinc-50 px-2 py-1 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-800"
                />
                <CopyButton text={link.url} label="Copy link" testId="copy-share-link" />
              </div>
              <p className={hintClass}>This browser keeps the key that can delete the link. Clear its site data and the link stays up for good.</p>
              <Button
                variant="danger"
                data-testid="delete-share"
                disabled={!deleteToken || remove.isPending}
                onClick={() => deleteToken && remove.mutate({ id: link.id, deleteToken })}
              >
                Delete link
              </Button>
              {remove.error && (
                <p role="alert" className="text-red-800 dark:text-red-300">
                  {describeRequestError(remove.error).message}
                </p>
              )}
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
