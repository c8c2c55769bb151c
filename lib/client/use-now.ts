'use client';
import { useEffect, useState } from 'react';

/** The current `performance.now()`, refreshed every `intervalMs` while `active`, for live elapsed times. */
export function useNow(active: boolean, intervalMs = 250): number {
  const [now, setNow] = useState(() => (typeof performance === 'undefined' ? 0 : performance.now()));
  useEffect(() => {
    if (!active) return;
    setNow(performance.now());
    const timer = setInterval(() => setNow(performance.now()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return now;
}
