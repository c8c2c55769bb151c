import { z } from 'zod';
import { moaConfigSchema } from './moa-config';

/** Who pays for a model's calls: the server's key, the caller's own key, a local server, or nobody (simulator). */
export const keySourceSchema = z.enum(['server', 'byo', 'local', 'simulator']);
export type KeySource = z.infer<typeof keySourceSchema>;

/** A provider as `GET /api/models` shows it: whether it can be used on this request, never its key. */
export const catalogProviderSchema = z.object({
  id: z.string(),
  name: z.string(),
  local: z.boolean(),
  /** Takes a bring-your-own key (`x-moa-key-<id>`). */
  acceptsKey: z.boolean(),
  available: z.boolean(),
  /** Who pays for its calls on this request, which decides the caps and budget of a run that uses it. */
  keySource: keySourceSchema,
});

export const catalogModelSchema = z.object({
  id: z.string(),
  provider: z.string(),
  displayName: z.string(),
  /** US dollars per million tokens. */
  inputPricePerMillion: z.number(),
  outputPricePerMillion: z.number(),
  contextWindow: z.number(),
  simulated: z.boolean(),
  /** Meant for trying things out (failures, the simulated judge): listed, but in no preset. */
  testing: z.boolean(),
});

export const catalogPresetSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  config: moaConfigSchema,
});

/** A preset this request cannot run yet, and the providers whose keys it needs. */
export const lockedPresetSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  /** Names of the providers without a key, e.g. "Together AI". */
  needsKeysFor: z.array(z.string()),
});

/** The body of `GET /api/models`: what this request can use, and the preset to start with. */
export const catalogSchema = z.object({
  providers: z.array(catalogProviderSchema),
  models: z.array(catalogModelSchema),
  presets: z.array(catalogPresetSchema),
  /** The built-in presets that need a key this request does not have: listed so people know what a key unlocks. */
  lockedPresets: z.array(lockedPresetSchema),
  defaultPresetId: z.string(),
  /** Evaluations may spend the server's own keys (`EVAL_ON_SERVER_KEYS`); otherwise only own keys, local models and the simulator. */
  evalOnServerKeys: z.boolean(),
});
export type CatalogView = z.infer<typeof catalogSchema>;
export type CatalogModelView = z.infer<typeof catalogModelSchema>;
