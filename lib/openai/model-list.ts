import { z } from 'zod';
import type { Preset } from '@/lib/models/presets';

/** `created` of every preset: the day the Mixture-of-Agents paper appeared (2024-06-07), the method they all run. */
const PRESETS_CREATED = 1_717_718_400;

export const modelListSchema = z.strictObject({
  object: z.literal('list'),
  data: z.array(z.strictObject({ id: z.string(), object: z.literal('model'), created: z.number().int(), owned_by: z.string() })),
});
export type ModelList = z.infer<typeof modelListSchema>;

/** Presets as OpenAI's model list: what a client may send as `model`. */
export function modelListOf(presets: Preset[]): ModelList {
  return {
    object: 'list',
    data: presets.map((preset) => ({ id: preset.id, object: 'model', created: PRESETS_CREATED, owned_by: 'moa-studio' })),
  };
}
