/** Deterministic hashing and pseudo-randomness, the same in every runtime: seeds, simulated text, blind orders. */

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a of `text`, continuing from `basis` (so hashes can be chained or seeded). */
export function fnv1a(text: string, basis: number = FNV_OFFSET_BASIS): number {
  let hash = basis;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

/** The mulberry32 generator: uniform in [0, 1), the same sequence for the same seed. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** A per-item seed mixed from a base seed and an id, e.g. one per agent so samples of one model differ. */
export function mixSeed(seed: number, id: string): number {
  return fnv1a(id, FNV_OFFSET_BASIS ^ seed);
}

/** Engine seeds are 31-bit; any integer a caller sends maps onto one, the same one each time. */
export function toEngineSeed(seed: number): number {
  const range = 2 ** 31;
  return ((Math.trunc(seed) % range) + range) % range;
}
