'use client';
import { useEffect, useRef } from 'react';

/** Moves focus after the render that adds or removes the element focus should go to. */
export function useFocusAfterRender(): (elementId: string) => void {
  const pending = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (pending.current === undefined) return;
    document.getElementById(pending.current)?.focus();
    pending.current = undefined;
  });
  return (elementId) => {
    pending.current = elementId;
  };
}
