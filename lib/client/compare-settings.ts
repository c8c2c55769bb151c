import { z } from 'zod';
import { modelIdSchema } from '@/lib/protocol/model-id';
import { comparisonModeSchema, type ComparisonMode } from '@/lib/protocol/moa-request';
import { useStoredValue } from './local-storage';

const compareSettingsSchema = z.object({
  enabled: z.boolean(),
  /** The single model to compare with; unset means the run's aggregator model. */
  model: modelIdSchema.optional(),
  /** The model that judges the pair; unset means the server's best available judge. */
  judgeModel: modelIdSchema.optional(),
  /** Unset means blind: the page hides which answer is which until the vote. */
  mode: comparisonModeSchema.optional(),
});
export type CompareSettings = z.infer<typeof compareSettingsSchema>;
const off: CompareSettings = { enabled: false };

/** Whether to run a single-model baseline beside the MoA, and which model; kept in this browser. */
export function useCompareSettings() {
  return useStoredValue('compare:v1', compareSettingsSchema, off);
}

/** The `compare` field of a `POST /api/moa` body, or nothing when comparing is off. */
export function compareFields(settings: CompareSettings): { compare?: { model?: string; mode: ComparisonMode } } {
  if (!settings.enabled) return {};
  return { compare: { ...(settings.model ? { model: settings.model } : {}), mode: settings.mode ?? 'blind' } };
}
