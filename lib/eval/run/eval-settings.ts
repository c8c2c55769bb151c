import { z } from 'zod';
import { modelIdSchema } from '@/lib/protocol/model-id';
import { moaConfigSchema } from '@/lib/protocol/moa-config';
import { presetIdSchema } from '@/lib/protocol/moa-request';

/** What one evaluation may ask for, whoever starts it. */
export const EVAL_LIMITS = {
  contestants: 6,
  concurrency: 16,
} as const;

/** A preset id, a config's name or a model id such as `together:Qwen/Qwen2.5-72B-Instruct-Turbo`. */
const contestantIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._:/-]{1,200}$/, 'must be 1–200 letters, digits or . _ : / -');

/** A MoA setup (a preset, or a whole config) or one model alone. */
export const contestantSchema = z.discriminatedUnion('kind', [
  z
    .strictObject({
      kind: z.literal('moa'),
      id: contestantIdSchema,
      preset: presetIdSchema.optional(),
      config: moaConfigSchema.optional(),
    })
    .superRefine((contestant, context) => {
      if ((contestant.preset === undefined) === (contestant.config === undefined)) {
        context.addIssue({ code: 'custom', path: ['preset'], message: 'give exactly one of "preset" and "config"' });
      }
    }),
  z.strictObject({ kind: z.literal('model'), id: contestantIdSchema, model: modelIdSchema }),
]);
export type Contestant = z.infer<typeof contestantSchema>;

export const evalProtocolSchema = z.enum(['pairwise', 'mt-bench']);

/**
 * One evaluation. `pairwise`: every contestant but the reference is judged against the reference's answer, in both
 * orders. `mt-bench`: the judge grades every contestant's answers 1–10 (no reference contestant needed).
 */
export const evalSettingsSchema = z
  .strictObject({
    suite: z.string().regex(/^[a-z0-9-]{1,64}$/),
    protocol: evalProtocolSchema,
    contestants: z.array(contestantSchema).min(1).max(EVAL_LIMITS.contestants),
    referenceId: contestantIdSchema.optional(),
    judgeModel: modelIdSchema,
    concurrency: z.number().int().min(1).max(EVAL_LIMITS.concurrency).default(4),
    /** US dollars; the run stops before a call that could go past it. */
    spendCapUsd: z.number().nonnegative().optional(),
    /** Only the first questions of the set. */
    limit: z.number().int().positive().optional(),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  })
  .superRefine((settings, context) => {
    const ids = settings.contestants.map((contestant) => contestant.id);
    ids.forEach((id, index) => {
      if (ids.indexOf(id) !== index) context.addIssue({ code: 'custom', path: ['contestants', index, 'id'], message: `repeats "${id}"` });
    });
    if (settings.protocol === 'pairwise') {
      if (settings.referenceId === undefined) {
        context.addIssue({ code: 'custom', path: ['referenceId'], message: 'is needed for the pairwise protocol' });
      } else if (!ids.includes(settings.referenceId)) {
        context.addIssue({ code: 'custom', path: ['referenceId'], message: `names no contestant ("${settings.referenceId}")` });
      }
      if (settings.contestants.length < 2) {
        context.addIssue({ code: 'custom', path: ['contestants'], message: 'needs a reference and at least one other contestant' });
      }
    }
  });
export type EvalSettings = z.infer<typeof evalSettingsSchema>;
export type EvalSettingsInput = z.input<typeof evalSettingsSchema>;

/** What must not change when a run is resumed: the same questions asked of the same contestants, judged the same way. */
export function resumeKey(settings: EvalSettings): string {
  const { suite, protocol, contestants, referenceId, judgeModel, seed } = settings;
  return JSON.stringify({ suite, protocol, contestants, referenceId: referenceId ?? null, judgeModel, seed });
}
