import { fnv1a, mulberry32 } from '@/lib/random';

/** Returns a number in [0, 1). */
export type Random = () => number;

/** mulberry32, seeded from the call hash and a purpose label. */
export function createRandom(callHash: number, purpose: string): Random {
  return mulberry32(fnv1a(purpose, callHash));
}

export function pick<T>(items: readonly T[], random: Random): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('Cannot pick from an empty list.');
  return item;
}

export function shuffle<T>(items: readonly T[], random: Random): T[] {
  const shuffled = [...items];
  for (let index = shuffled.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [shuffled[index], shuffled[other]] = [shuffled[other] as T, shuffled[index] as T];
  }
  return shuffled;
}
