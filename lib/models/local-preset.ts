import type { CatalogModel } from './catalog';
import type { Preset } from './presets';
import { moaConfigSchema } from '@/lib/protocol/moa-config';

const sampling = { temperature: 0.7, maxOutputTokens: 512 } as const;
/** Local hardware runs agents one or two at a time, so the local preset stays small. */
const LOCAL_PROPOSERS = 4;

/**
 * A preset over the models a local server has: Self-MoA (the largest model sampled 4 times) when there is one
 * model, otherwise a mix of up to 4 models with the largest aggregating.
 */
export function localPreset(models: CatalogModel[]): Preset | undefined {
  const bySize = [...models].sort((left, right) => (right.sizeBytes ?? 0) - (left.sizeBytes ?? 0));
  const largest = bySize[0];
  if (!largest) return undefined;
  const proposers =
    bySize.length === 1
      ? Array.from({ length: LOCAL_PROPOSERS }, () => largest)
      : bySize.slice(0, LOCAL_PROPOSERS);
  return {
    id: 'local',
    name: 'Local',
    description:
      bySize.length === 1
        ? `Self-MoA on your local ${largest.displayName}: 4 samples, then it aggregates them.`
        : `Your ${proposers.length} local models propose; ${largest.displayName} aggregates.`,
    config: moaConfigSchema.parse({
      layers: [{ agents: proposers.map((model) => ({ model: model.id, ...sampling })) }],
      aggregator: { model: largest.id, ...sampling },
    }),
  };
}
