import { MemoryLimitStore } from './store';

const KEY = Symbol.for('moa-studio.limit-store');

/**
 * The in-process store of this JavaScript realm. Kept on `globalThis`, not in a module variable: each Node route is
 * bundled on its own and would otherwise get a store of its own, and with it a daily ceiling of its own.
 */
export function processLimitStore(): MemoryLimitStore {
  const holder = globalThis as { [KEY]?: MemoryLimitStore };
  holder[KEY] ??= new MemoryLimitStore();
  return holder[KEY];
}
