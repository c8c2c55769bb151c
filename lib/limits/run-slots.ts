import { ApiError } from '@/lib/protocol/api-error';

/** How long a client refused for too many runs at once is told to wait: runs last seconds to a minute. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Runs in flight in this instance, per client and in all. Every run holds memory (its streams, its agents' texts)
 * and CPU until it ends, so one client holding its whole call budget as parallel runs would slow every run of
 * everyone; past the caps a run is refused until one ends. Counted in memory: a slot is freed when the run ends,
 * which only this instance sees.
 */
export class RunSlots {
  private readonly perClient = new Map<string, number>();
  private inFlight = 0;

  constructor(private readonly caps: { perClient: number; perInstance: number }) {}

  get total(): number {
    return this.inFlight;
  }

  /**
   * Takes a slot, counted against `client` when there is one (clients told apart), or throws 429 `too_many_runs`;
   * the returned function frees it (once).
   */
  take(client: string | undefined): () => void {
    const held = client === undefined ? 0 : (this.perClient.get(client) ?? 0);
    if (client !== undefined && held >= this.caps.perClient) {
      throw new ApiError(
        'too_many_runs',
        `You already have ${held} runs going, the most allowed at once. Wait for one to finish or stop one.`,
        undefined,
        RETRY_AFTER_SECONDS,
      );
    }
    if (this.inFlight >= this.caps.perInstance) {
      throw new ApiError('too_many_runs', 'The server is running as many answers as it can hold. Try again in a few seconds.', undefined, RETRY_AFTER_SECONDS);
    }
    if (client !== undefined) this.perClient.set(client, held + 1);
    this.inFlight += 1;
    let freed = false;
    return () => {
      if (freed) return;
      freed = true;
      this.inFlight -= 1;
      if (client === undefined) return;
      const left = (this.perClient.get(client) ?? 1) - 1;
      if (left > 0) this.perClient.set(client, left);
      else this.perClient.delete(client);
    };
  }
}
