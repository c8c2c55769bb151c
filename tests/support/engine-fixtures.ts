/** Small builders shared by the engine's unit tests. */
import { moaConfigSchema, type MoaConfigInput } from '@/lib/protocol/moa-config';
import type { MoaEvent } from '@/lib/moa/events';

export const question = [{ role: 'user' as const, content: 'Why is the sky blue?' }];

/** A config as the route would get it: parsed, defaults filled in. */
export function config(input: MoaConfigInput) {
  return moaConfigSchema.parse(input);
}

/** A layer of one agent per model id. */
export function agents(...models: string[]) {
  return { agents: models.map((model) => ({ model })) };
}

/** Keeps every event the run emits. */
export function collect() {
  const events: MoaEvent[] = [];
  return { events, onEvent: (event: MoaEvent) => events.push(event) };
}
