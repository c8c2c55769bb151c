import { z } from 'zod';
import { readStored, removeStored, writeStored } from './local-storage';

const KEY = 'active-conversation:v1';

/** The conversation this browser had open, so a reload opens it again; nothing for a new, empty chat. */
export function readActiveConversationId(): string | undefined {
  return readStored(KEY, z.string().optional(), undefined);
}

export function writeActiveConversationId(id: string | undefined): void {
  if (id === undefined) removeStored(KEY);
  else writeStored(KEY, id);
}
