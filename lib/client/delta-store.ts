import type { AgentDeltaPart } from '@/lib/protocol/run-parts';

export type LiveTexts = Record<string, { attempt: number; text: string }>;

/**
 * Holds the text streamed to each agent of the current run. Many agents stream at once, so listeners are told at
 * most once per animation frame, and the snapshot object changes only then.
 */
export class DeltaStore {
  private texts: LiveTexts = {};
  private snapshot: LiveTexts = {};
  private listeners = new Set<() => void>();
  private scheduled = false;

  push(part: AgentDeltaPart): void {
    const current = this.texts[part.id];
    this.texts[part.id] =
      current && current.attempt === part.attempt
        ? { attempt: part.attempt, text: current.text + part.delta }
        : { attempt: part.attempt, text: part.delta };
    this.schedule();
  }

  reset(): void {
    this.texts = {};
    this.schedule();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): LiveTexts => this.snapshot;

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const publish = () => {
      this.scheduled = false;
      this.snapshot = { ...this.texts };
      for (const listener of this.listeners) listener();
    };
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(publish);
    else setTimeout(publish, 16);
  }
}
