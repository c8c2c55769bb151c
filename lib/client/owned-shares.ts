import { z } from 'zod';
import { deleteTokenSchema, shareIdSchema } from '@/lib/protocol/share';
import { useStoredValue } from './local-storage';

const ownedSharesSchema = z.record(shareIdSchema, z.object({ deleteToken: deleteTokenSchema, createdAt: z.number() }));
export type OwnedShares = z.infer<typeof ownedSharesSchema>;
const none: OwnedShares = {};

/**
 * The shares this browser created, with their delete tokens. The server keeps only a hash of each token, so this
 * is the one place it exists: clearing site data gives up the power to delete.
 */
export function useOwnedShares() {
  const [shares, setShares] = useStoredValue('shares:v1', ownedSharesSchema, none);
  return {
    shares,
    remember: (id: string, deleteToken: string) =>
      setShares((previous) => ({ ...previous, [id]: { deleteToken, createdAt: Date.now() } })),
    forget: (id: string) =>
      setShares((previous) => {
        const { [id]: _forgotten, ...rest } = previous;
        return rest;
      }),
  };
}

/** Deletes a share with its token; resolves to whether the link is gone. */
export async function deleteShare(id: string, deleteToken: string): Promise<boolean> {
  const response = await fetch(`/api/shares/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${deleteToken}` } });
  return response.status === 204 || response.status === 404;
}
