'use client';
import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';

/** How far above the prompt bar the end of the latest answer is kept, and how far below it counts as out of view. */
const MARGIN_PX = 16;
const AWAY_PX = 48;
const ADJACENT_PX = 40;
const UP_KEYS = new Set(['ArrowUp', 'PageUp', 'Home']);

/**
 * Keeps the latest answer in view while it streams, as chat apps do: sending scrolls the question into view, and
 * while the answer grows the page follows its end, held just above the sticky prompt bar. The following outlasts the
 * run, so the last changes of its layout (the diagram folding, the answer's buttons) keep the end in view too, until
 * the user does anything else: scrolling up (wheel, touch, keys), a click, a key outside the prompt. Scrolling back
 * down to the end of a streaming answer resumes it. `away` says the end of the latest answer is below the view, for
 * a "Jump to latest" button; `jump` goes there and follows again.
 *
 * The page scrolls as a whole (the window), so positions are the window's; the list is watched with a
 * `ResizeObserver`, which fires once a frame at most however fast tokens arrive.
 */
export function useFollowLatest({
  list,
  bar,
  busy,
  turns,
  conversationId,
}: {
  list: RefObject<HTMLElement | null>;
  bar: RefObject<HTMLElement | null>;
  busy: boolean;
  turns: number;
  conversationId: string | undefined;
}) {
  const [away, setAway] = useState(false);
  const following = useRef(false);

  /** How far the window must scroll for the end of the latest turn's answer to sit just above the prompt bar. */
  const distanceToEnd = useCallback((): number | undefined => {
    const last = list.current?.lastElementChild;
    if (!last) return undefined;
    const answer = last.querySelector('[data-testid="answer"], [data-testid="comparison"]') ?? last;
    // The turn's buttons count with the answer when they sit right under it (not below an unfolded diagram).
    const actions = last.querySelector('[data-turn-actions]');
    const end =
      actions && actions.getBoundingClientRect().top - answer.getBoundingClientRect().bottom < ADJACENT_PX ? actions : answer;
    const visibleBottom = window.innerHeight - (bar.current?.offsetHeight ?? 0) - MARGIN_PX;
    return end.getBoundingClientRect().bottom - visibleBottom;
  }, [list, bar]);

  const measure = useCallback(() => {
    const distance = distanceToEnd();
    const isAway = distance !== undefined && distance > AWAY_PX;
    setAway(isAway);
    // Back at the end by the user's own scrolling: follow again.
    if (!isAway && busy) following.current = true;
  }, [distanceToEnd, busy]);

  const scrollToEnd = useCallback(() => {
    const distance = distanceToEnd();
    if (distance !== undefined && distance > 0) window.scrollBy({ top: distance, behavior: 'instant' });
  }, [distanceToEnd]);

  // A question sent: bring it and its answer into view and follow the answer.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when a run starts or a turn is added, not on every render.
  useEffect(() => {
    if (!busy) return;
    following.current = true;
    scrollToEnd();
  }, [busy, turns]);

  // Another conversation opened: start at its latest answer.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per conversation opened.
  useEffect(() => {
    if (conversationId === undefined) return;
    following.current = false;
    requestAnimationFrame(() => {
      scrollToEnd();
      measure();
    });
  }, [conversationId]);

  // `hasTurns`: the list is only rendered once the conversation has a turn.
  const hasTurns = turns > 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-attaches when the list appears.
  useEffect(() => {
    const element = list.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      if (following.current) scrollToEnd();
      measure();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [list, scrollToEnd, measure, hasTurns]);

  useEffect(() => {
    const stop = () => {
      following.current = false;
    };
    const onWheel = (event: WheelEvent) => {
      if (event.deltaY < 0) stop();
    };
    const onKey = (event: KeyboardEvent) => {
      const typing = event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLInputElement;
      // While a run streams only keys that scroll up stop it (a key down the page is on the way to the end).
      if (!typing && (UP_KEYS.has(event.key) || !busy)) stop();
    };
    window.addEventListener('wheel', onWheel, { passive: true });
    window.addEventListener('touchmove', stop, { passive: true });
    window.addEventListener('pointerdown', stop, { passive: true });
    window.addEventListener('keydown', onKey);
    window.addEventListener('scroll', measure, { passive: true });
    return () => {
      window.removeEventListener('wheel', onWheel);
      window.removeEventListener('touchmove', stop);
      window.removeEventListener('pointerdown', stop);
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('scroll', measure);
    };
  }, [measure, busy]);

  const jump = useCallback(() => {
    following.current = true;
    scrollToEnd();
  }, [scrollToEnd]);

  return { away, jump };
}
