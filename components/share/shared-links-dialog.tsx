'use client';
import { Dialog, DialogCloseButton } from '@/components/ui/dialog';
import { hintClass } from '@/components/ui/field';
import { useDeleteShare, useOwnedShares } from '@/lib/client/owned-shares';
import { describeRequestError } from '@/lib/client/request-error';
import { YourSharedLinks } from './your-shared-links';

/** Every link this browser published, with a way to take each down: the delete tokens live only here. */
export function SharedLinksDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const owned = useOwnedShares();
  const remove = useDeleteShare(owned.forget);
  return (
    <Dialog open={open} onClose={onClose} labelledBy="shared-links-title" testId="shared-links-dialog">
      <div className="max-h-[85dvh] overflow-y-auto p-5">
        <h2 id="shared-links-title" className="mb-1 font-semibold">
          Your shared links
        </h2>
        <p className={`${hintClass} mb-3`}>Anyone with one of these links can read it. Deleting a link makes it answer “not found”.</p>
        <YourSharedLinks
          shares={owned.shares}
          deleting={remove.isPending ? remove.variables?.id : undefined}
          onDelete={(id, deleteToken) => remove.mutate({ id, deleteToken })}
        />
        {remove.error && (
          <p role="alert" className="mt-2 text-sm text-red-800 dark:text-red-300">
            {describeRequestError(remove.error).message}
          </p>
        )}
        <div className="mt-4 flex justify-end">
          <DialogCloseButton />
        </div>
      </div>
    </Dialog>
  );
}
