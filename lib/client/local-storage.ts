import { useCallback, useSyncExternalStore } from 'react';
import type { ZodType } from 'zod';

/** Every key this app writes to localStorage starts with this, so its entries are easy to find and clear. */
export const STORAGE_PREFIX = 'moa-studio:';

/** The browser's localStorage, or nothing on the server or where storage is blocked. */
function browserStorage(): Storage | undefined {
  if (typeof window === 'undefined') return undefined;
  try {
    // Reading the property itself throws a SecurityError when the user blocks site data.
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads `moa-studio:<key>` and parses it with `schema`. Gives `fallback` on the server, when storage is blocked,
 * when nothing is stored, and when what is stored is not JSON or does not match the schema.
 */
export function readStored<T>(key: string, schema: ZodType<T>, fallback: T): T {
  const raw = readRaw(key);
  if (raw === null) return fallback;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

/** Writes `value` as JSON under `moa-studio:<key>`; a full or blocked storage is ignored (the value then lasts only this page). */
export function writeStored(key: string, value: unknown): void {
  try {
    browserStorage()?.setItem(STORAGE_PREFIX + key, JSON.stringify(value));
  } catch {
    // QuotaExceededError or storage disabled: nothing to do but keep the value in memory.
  }
}

/** Removes `moa-studio:<key>`; blocked storage is ignored. */
export function removeStored(key: string): void {
  try {
    browserStorage()?.removeItem(STORAGE_PREFIX + key);
  } catch {
    // Storage disabled: there is nothing to remove.
  }
}

function readRaw(key: string): string | null {
  try {
    return browserStorage()?.getItem(STORAGE_PREFIX + key) ?? null;
  } catch {
    return null;
  }
}

/** The value each key holds in this page, shared by every component that reads it. */
const memory = new Map<string, unknown>();
const listeners = new Map<string, Set<() => void>>();

function currentValue<T>(key: string, schema: ZodType<T>, fallback: T): T {
  if (!memory.has(key)) memory.set(key, readStored(key, schema, fallback));
  return memory.get(key) as T;
}

function notify(key: string): void {
  for (const listener of listeners.get(key) ?? []) listener();
}

function subscribe(key: string, listener: () => void): () => void {
  const forKey = listeners.get(key) ?? new Set();
  listeners.set(key, forKey);
  forKey.add(listener);
  // Another tab changed the value: drop ours so the next snapshot reads storage again.
  const onStorage = (event: StorageEvent) => {
    if (event.key !== null && event.key !== STORAGE_PREFIX + key) return;
    memory.delete(key);
    listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    forKey.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/**
 * A value kept in localStorage under `moa-studio:<key>`, shared by every component of the page and kept in step
 * with other tabs. The server render and the hydrating render see `fallback`, then the stored value, so markup
 * never mismatches. `fallback` must be a stable reference (a module constant). The setter takes a value or an
 * update of the latest one.
 */
export function useStoredValue<T>(
  key: string,
  schema: ZodType<T>,
  fallback: T,
): [T, (next: T | ((previous: T) => T)) => void] {
  const value = useSyncExternalStore(
    useCallback((listener: () => void) => subscribe(key, listener), [key]),
    () => currentValue(key, schema, fallback),
    () => fallback,
  );
  const setValue = useCallback(
    (next: T | ((previous: T) => T)) => {
      const value = typeof next === 'function' ? (next as (previous: T) => T)(currentValue(key, schema, fallback)) : next;
      memory.set(key, value);
      writeStored(key, value);
      notify(key);
    },
    [key, schema, fallback],
  );
  return [value, setValue];
}
