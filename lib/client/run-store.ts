import { emptyRunState, foldPart, type RunState } from './run-state';
import type { MoaUIMessage } from '@/lib/protocol/moa-message';

type RunMessagePart = MoaUIMessage['parts'][number];

/** Client-side clock readings per agent, for live elapsed time and tokens/s before the server's figures arrive. */
export interface LiveClock {
  runStartedAt?: number;
  startedAt: Record<string, number>;
  firstDeltaAt: Record<string, number>;
}

export interface LiveRunSnapshot {
  state: RunState;
  clock: LiveClock;
}

/**
 * The state of the run that is streaming now, folded from every data part as it arrives. Many agents stream at
 * once, so subscribers hear of changes at most once per animation frame; unchanged agents keep their object
 * identity, so a view that selects one agent re-renders only when that agent changes.
 */
export class RunStore {
  private snapshot: LiveRunSnapshot = { state: emptyRunState, clock: { startedAt: {}, firstDeltaAt: {} } };
  private pending: LiveRunSnapshot = this.snapshot;
  private listeners = new Set<() => void>();
  private frame: number | undefined;

  constructor(private readonly now: () => number = () => performance.now()) {}

  apply(part: RunMessagePart): void {
    const state = foldPart(this.pending.state, part);
    let clock = this.pending.clock;
    if (part.type === 'data-run' && clock.runStartedAt === undefined) clock = { ...clock, runStartedAt: this.now() };
    if (part.type === 'data-agent' && part.data.status === 'running' && clock.startedAt[part.data.id] === undefined) {
      clock = { ...clock, startedAt: { ...clock.startedAt, [part.data.id]: this.now() } };
    }
    if (part.type === 'data-agent-delta' && clock.firstDeltaAt[part.data.id] === undefined) {
      clock = { ...clock, firstDeltaAt: { ...clock.firstDeltaAt, [part.data.id]: this.now() } };
    }
    this.pending = { state, clock };
    this.schedule();
  }

  reset(): void {
    this.pending = { state: emptyRunState, clock: { startedAt: {}, firstDeltaAt: {} } };
    this.schedule();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): LiveRunSnapshot => this.snapshot;

  /** Publishes pending changes now (tests, and the end of a run). */
  flush(): void {
    if (this.frame !== undefined && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(this.frame);
    this.frame = undefined;
    this.publish();
  }

  private schedule(): void {
    if (this.frame !== undefined) return;
    this.frame =
      typeof requestAnimationFrame === 'function'
        ? requestAnimationFrame(() => {
            this.frame = undefined;
            this.publish();
          })
        : (setTimeout(() => {
            this.frame = undefined;
            this.publish();
          }, 16) as unknown as number);
  }

  private publish(): void {
    if (this.pending === this.snapshot) return;
    this.snapshot = this.pending;
    for (const listener of this.listeners) listener();
  }
}
