import { Button } from '@/components/ui/button';
import { hintClass } from '@/components/ui/field';
import type { OwnedShares } from '@/lib/client/owned-shares';

/** The links this browser published, newest first, each with a way to take it down. */
export function YourSharedLinks({
  shares,
  current,
  onDelete,
}: {
  shares: OwnedShares;
  /** The link the dialog is about, listed above it already. */
  current: string | undefined;
  onDelete: (id: string, deleteToken: string) => void;
}) {
  const others = Object.entries(shares)
    .filter(([id]) => id !== current)
    .sort(([, a], [, b]) => b.createdAt - a.createdAt);
  if (others.length === 0) return null;
  return (
    <section aria-labelledby="your-shared-links" className="mt-5 border-t border-zinc-200 pt-3 text-sm dark:border-zinc-800">
      <h3 id="your-shared-links" className="mb-2 font-medium">
        Your shared links
      </h3>
      <ul className="space-y-2" data-testid="your-shared-links">
        {others.map(([id, share]) => (
          <li key={id} className="flex items-center justify-between gap-2">
            <span className="min-w-0">
              <a href={share.url ?? `/s/${id}`} className="block truncate underline underline-offset-2">
                {share.title ?? `/s/${id}`}
              </a>
              <span className={hintClass}>{new Date(share.createdAt).toLocaleString()}</span>
            </span>
            <Button size="xs" variant="danger" onClick={() => onDelete(id, share.deleteToken)} aria-label={`Delete the link to ${share.title ?? id}`}>
              Delete
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
