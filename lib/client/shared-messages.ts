import { shareSnapshotV1Schema, type SharedMessage } from '@/lib/protocol/share';

/** Every message of a shared conversation, from the API: for the turns its page drew light, and for continuing it. */
export async function loadSharedMessages(id: string): Promise<SharedMessage[]> {
  const response = await fetch(`/api/shares/${id}`);
  if (!response.ok) throw new Error(`The shared conversation could not be loaded (HTTP ${response.status}).`);
  const body = (await response.json()) as { snapshot?: unknown };
  return shareSnapshotV1Schema.parse(body.snapshot).messages;
}
