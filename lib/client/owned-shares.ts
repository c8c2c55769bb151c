import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { deleteTokenSchema, shareIdSchema } from '@/lib/protocol/share';
import { useStoredValue } from './local-storage';

const ownedSharesSchema = z.record(
  shareIdSchema,
  z.object({
    deleteToken: deleteTokenSchema,
    createdAt: z.number(),
    /** The first question, for the list of your links. */
    title: z.string().max(200).optional(),
    url: z.string().max(500).optional(),
    /** SHA-256 of what was published: sharing the same conversation again shows this link instead of a new one. */
    fingerprint: z.string().max(64).optional(),
  }),
);
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
    remember: (id: string, details: { deleteToken: string; title: string; url: string; fingerprint: string }) =>
      setShares((previous) => ({ ...previous, [id]: { ...details, title: details.title.slice(0, 200), createdAt: Date.now() } })),
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

/**
 * Deleting one of this browser's links: `forget` drops it from the list once the server says it is gone, and a
 * refusal is the mutation's error, for the page to show.
 */
export function useDeleteShare(forget: (id: string) => void) {
  return useMutation({
    mutationFn: async ({ id, deleteToken }: { id: string; deleteToken: string }) => {
      if (!(await deleteShare(id, deleteToken))) throw new Error('The server did not delete the link. Try again.');
    },
    onSuccess: (_deleted, { id }) => forget(id),
  });
}

/** What a share holds, as a short hash: the same messages give the same fingerprint. */
export async function shareFingerprint(shared: unknown): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(shared)));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
