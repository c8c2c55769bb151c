import type { MoaEvent } from '@/lib/moa/events';

/** Adds up what a run's agents on the server's keys really cost, from the engine's events, to settle a reservation. */
export class SpendMeter {
  private total = 0;

  constructor(private readonly serverModels: ReadonlySet<string>) {}

  get usd(): number {
    return this.total;
  }

  observe(event: MoaEvent): void {
    if ((event.type === 'agent-end' || event.type === 'agent-error') && this.serverModels.has(event.agent.model)) {
      this.total += event.agent.cost ?? 0;
    }
  }
}
