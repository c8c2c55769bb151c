import { Button } from '@/components/ui/button';
import { hintClass } from '@/components/ui/field';
import type { OwnedShares } from '@/lib/client/owned-shares';

/** The links this browser published, newest first, each with a way to take it down. */
export function YourSharedLinks({
  shares,
  onDelete,
  deleting,
}: {
  shares: OwnedShares;
  onDelete: (id: string, deleteToken: string) => void;
  /** The link whose deletion is under way. */
  deleting?: string;
}) {
  const listed = Object.entries(shares).sort(([, a], [, b]) => b.createdAt - a.createdAt);
  if (listed.length === 0) {
    return <p className="text-sm text-zinc-700 dark:text-zinc-300">This browser has not shared a conversation yet.</p>;
  }
  return (
    <ul className="space-y-2 text-sm" data-testid="your-shared-links">
      {listed.map(([id, share]) => (
        <li key={id} className="flex items-center justify-between gap-2">
          <span className="min-w-0">
            <a href={share.url ?? `/s/${id}`} className="block truncate underline underline-offset-2">
              {share.title ?? `/s/${id}`}
            </a>
            <span className={hintClass}>{new Date(share.createdAt).toLocaleString()}</span>
          </span>
          <Button
            size="xs"
            variant="danger"
            disabled={deleting === id}
            onClick={() => onDelete(id, share.deleteToken)}
            aria-label={`Delete the link to ${share.title ?? id}`}
          >
            {deleting === id ? 'Deleting…' : 'Delete'}
          </Button>
        </li>
      ))}
    </ul>
  );
}
