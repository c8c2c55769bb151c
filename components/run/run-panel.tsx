'use client';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import type { LiveClock } from '@/lib/client/run-store';
import type { RunState } from '@/lib/client/run-state';
import { RunTotals } from './run-totals';

// The diagram, the timeline and the inspector are drawn only once a run is under way or unfolded: they load when the
// browser is idle, or when first drawn, rather than with the page.
const loadRunDetails = () => import('./run-details');
const LazyRunDetails = lazy(() => loadRunDetails().then((module) => ({ default: module.RunDetails })));

/** Starts loading the diagram's code ahead of the first run. */
export function preloadRunDetails(): void {
  void loadRunDetails();
}

export interface RunView {
  state: RunState;
  interrupted: boolean;
  /** Present while the run streams. */
  live?: { clock: LiveClock; now: number };
}

/**
 * Whether a run's diagram is open. A live run's always is; when a run finishes well its diagram folds into the
 * one-line summary, since the answer is what is read then. A run that failed or was cut short stays as it was: its
 * diagram shows where it broke.
 */
export function useDiagramFold(defaultOpen: boolean, { state, live }: RunView) {
  const [open, setOpen] = useState(defaultOpen);
  const wasLive = useRef(live !== undefined);
  const isLive = live !== undefined;
  const done = state.summary?.status === 'done';
  useEffect(() => {
    if (wasLive.current && !isLive && done) setOpen(false);
    wasLive.current = isLive;
  }, [isLive, done]);
  const toggle = useCallback(() => setOpen((value) => !value), []);
  return { open: open || isLive, toggle };
}

/**
 * The line at the top of a run: while it streams, where it stands (kept in view as the page scrolls); once over, its
 * totals as the button that opens and folds the diagram. One height for both, so nothing moves when the run ends.
 */
export function RunHeader({ view, open, onToggle, panelId }: { view: RunView; open: boolean; onToggle: () => void; panelId: string }) {
  const { state, interrupted, live } = view;
  if (!state.run) return null;
  if (live) {
    return (
      <div className="sticky top-0 z-10 flex min-h-7 items-center bg-white dark:bg-zinc-950">
        <RunTotals state={state} interrupted={interrupted} live={live} />
      </div>
    );
  }
  return (
    <div className="flex min-h-7 items-center">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="toggle-diagram"
        onClick={onToggle}
        className="-mx-1.5 inline-flex items-center gap-1.5 rounded-md px-1.5 py-0.5 text-left hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:hover:bg-zinc-800"
      >
        <RunTotals state={state} interrupted={interrupted} />
        <span aria-hidden="true" className={`text-xs text-zinc-600 transition-transform dark:text-zinc-400 ${open ? 'rotate-90' : ''}`}>
          ▸
        </span>
        <span className="sr-only">{open ? 'Hide diagram' : 'Show diagram'}</span>
      </button>
    </div>
  );
}

/** A run's diagram and timeline, drawn while open, and the agent inspector. */
export function RunPanel({ view, open, panelId }: { view: RunView; open: boolean; panelId: string }) {
  if (!view.state.run) return null;
  return (
    <section aria-label="How the layers got there" data-testid="run-panel" data-diagram={open ? 'open' : 'folded'}>
      {open && (
        // Until its code is in, the space the diagram will take, so the answer beside or below it does not move.
        <Suspense fallback={<div id={panelId} className="h-72" aria-busy="true" />}>
          <LazyRunDetails view={view} panelId={panelId} />
        </Suspense>
      )}
    </section>
  );
}

/** The header and the panel together, for a run drawn on its own (beside a comparison). */
export function CollapsibleRun({ view, defaultOpen }: { view: RunView; defaultOpen: boolean }) {
  const { open, toggle } = useDiagramFold(defaultOpen, view);
  const panelId = `run-${view.state.run?.runId ?? 'pending'}`;
  return (
    <div className="space-y-2">
      <RunHeader view={view} open={open} onToggle={toggle} panelId={panelId} />
      <RunPanel view={view} open={open} panelId={panelId} />
    </div>
  );
}
