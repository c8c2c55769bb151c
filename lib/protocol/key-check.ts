import { z } from 'zod';
import { PROVIDER_ID_PATTERN } from './model-id';

/** Body of `POST /api/keys/check`; the key itself travels as `x-moa-key-<provider>`, as on every other route. */
export const keyCheckRequestSchema = z.strictObject({
  provider: z.string().regex(PROVIDER_ID_PATTERN, 'must be a provider id such as "together"').max(40),
});

/** The answer of `POST /api/keys/check`: what the provider said, never the key. */
export const keyCheckResponseSchema = z.object({
  provider: z.string(),
  ok: z.boolean(),
  status: z.number().int().optional(),
  message: z.string(),
});
export type KeyCheckResponse = z.infer<typeof keyCheckResponseSchema>;
