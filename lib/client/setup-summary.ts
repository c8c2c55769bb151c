import { catalogDirectory } from '@/lib/client/eval/prepare-browser-eval';
import { estimateAnswerUsd } from '@/lib/eval/run/estimate-spend';
import type { CatalogView } from '@/lib/protocol/catalog';
import { everyAgent, moaConfigSchema, type MoaConfig } from '@/lib/protocol/moa-config';
import { requestFields, type RunSettings } from './run-settings';

/** What the next question will run, in a line beside the prompt: the setup, its size, and what it can cost at most. */
export interface SetupSummary {
  /** The preset's name, or "Custom". */
  name: string;
  agents: number;
  /** At catalog prices with every agent writing its whole allowance; 0 when every model is free to this visitor. */
  maxCostUsd: number;
  simulated: boolean;
}

/**
 * Summarises the settings as the server will run them (the preset the catalog still offers, or the custom config),
 * and bounds the cost of one answer to `question` after the `earlier` messages of the conversation. Undefined
 * while the settings cannot run (a custom config with problems).
 */
export function summarizeSetup(options: { settings: RunSettings; catalog: CatalogView; question: string; earlier: string[] }): SetupSummary | undefined {
  const { settings, catalog } = options;
  const fields = requestFields(settings, catalog);
  const preset = fields.preset !== undefined ? catalog.presets.find((candidate) => candidate.id === fields.preset) : undefined;
  const parsed = moaConfigSchema.safeParse(preset?.config ?? fields.config);
  if (!parsed.success) return undefined;
  const config: MoaConfig = parsed.data;
  const agents = everyAgent(config);
  const models = catalogDirectory(catalog);
  let maxCostUsd = 0;
  try {
    // Every agent reads the conversation so far before the question: counted as one long turn.
    const turn = [...options.earlier, options.question].join('\n\n');
    maxCostUsd = estimateAnswerUsd({ id: 'chat', kind: 'moa', config }, { id: 'chat', category: 'general', turns: [turn] }, models);
  } catch {
    // A model the catalog no longer lists: the server will say so when it is sent.
    return undefined;
  }
  const simulated = agents.every((agent) => catalog.models.find((model) => model.id === agent.model)?.simulated ?? false);
  return { name: preset?.name ?? 'Custom', agents: agents.length, maxCostUsd: simulated ? 0 : maxCostUsd, simulated };
}
