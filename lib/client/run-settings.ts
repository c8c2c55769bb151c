import { z } from 'zod';
import { agentCount, CAPS, everyAgent, everyAgentPath, moaConfigSchema, type MoaConfigInput } from '@/lib/protocol/moa-config';
import { isSimulatedModel, modelIdSchema } from '@/lib/protocol/model-id';
import { usageCapProblems, usageClassOf } from '@/lib/limits/caps';
import type { UsageClass } from '@/lib/limits/config';
import type { CatalogView } from '@/lib/protocol/catalog';
import { useStoredValue } from './local-storage';

/** How the next run is configured: a preset from the catalog (the default one when unset), or a full config. */
export type RunSettings = { mode: 'preset'; presetId?: string } | { mode: 'custom'; config: MoaConfigInput };

/** One problem with a custom config: the field it concerns (`layers.0.agents.2.model`) and what to do about it. */
export interface SettingsProblem {
  field: string;
  message: string;
}

// JSON turns NaN (an emptied number field) into null; reading it back as NaN keeps the half-edited config.
const storedNumber = z.union([z.number(), z.null().transform(() => Number.NaN)]);

const storedAgentSchema = z.object({
  model: z.string(),
  temperature: storedNumber.optional(),
  maxOutputTokens: storedNumber.optional(),
  systemPrompt: z.string().optional(),
});

/**
 * The shape of a config, not its rules: a config being edited may break them (and `validateCustomConfig` says how),
 * and it should survive a reload all the same.
 */
const storedConfigSchema = z.object({
  layers: z.array(z.object({ agents: z.array(storedAgentSchema) })),
  aggregator: storedAgentSchema,
  straggler: z.object({ minResponses: storedNumber, layerDeadlineMs: storedNumber }).optional(),
  agentTimeoutMs: storedNumber.optional(),
  maxRetries: storedNumber.optional(),
});

/** Run settings as stored in localStorage. */
export const runSettingsSchema: z.ZodType<RunSettings> = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('preset'), presetId: z.string().optional() }),
  z.object({ mode: z.literal('custom'), config: storedConfigSchema }),
]);

/** What a browser with nothing stored runs: the catalog's default preset. */
export const defaultRunSettings: RunSettings = { mode: 'preset' };

const RUN_SETTINGS_KEY = 'run-settings:v1';

/**
 * The run settings, kept in localStorage (`moa-studio:run-settings:v1`) and shared by every component. The server
 * render and the first client render see `{ mode: 'preset' }`; the stored settings follow right after hydration.
 */
export function useRunSettings(): [RunSettings, (next: RunSettings) => void] {
  return useStoredValue(RUN_SETTINGS_KEY, runSettingsSchema, defaultRunSettings);
}

/**
 * The preset a run would use: the chosen one while the catalog still offers it, else the catalog's default (a
 * preset may go away when its key is removed). Without a catalog, the choice as it is.
 */
export function selectedPresetId(presetId: string | undefined, catalog?: CatalogView): string | undefined {
  if (!catalog) return presetId;
  if (presetId !== undefined && catalog.presets.some((preset) => preset.id === presetId)) return presetId;
  return catalog.defaultPresetId;
}

/** The fields of the `POST /api/moa` body that say what to run: `preset` or `config`, never both. */
export function requestFields(settings: RunSettings, catalog?: CatalogView): { preset?: string; config?: MoaConfigInput } {
  if (settings.mode === 'custom') return { config: settings.config };
  const preset = selectedPresetId(settings.presetId, catalog);
  return preset === undefined ? {} : { preset };
}

/** A copy of a preset's config to edit in custom mode, with every default written out. */
export function configFromPreset(preset: { config: MoaConfigInput }): MoaConfigInput {
  const copy = structuredClone(preset.config);
  const parsed = moaConfigSchema.safeParse(copy);
  return parsed.success ? parsed.data : copy;
}

/**
 * "2 proposer layers + aggregator · 6 + 6 + 1 agents": counted the way the layer setting counts them (proposer layers),
 * so the summary never seems to contradict the control beside it.
 */
export function describeLayers(config: MoaConfigInput): string {
  const proposerLayers = config.layers.length;
  const counts = [...config.layers.map((layer) => layer.agents.length), 1];
  return `${proposerLayers} proposer ${proposerLayers === 1 ? 'layer' : 'layers'} + aggregator · ${counts.join(' + ')} agents`;
}

/** Number fields of a config: what the user calls them and the range the server accepts. */
const NUMBER_FIELDS: Record<string, { label: string; min: number; max: number; integer?: boolean; seconds?: boolean }> = {
  temperature: { label: 'Temperature', min: 0, max: 2 },
  maxOutputTokens: { label: 'Max tokens', min: 1, max: CAPS.maxOutputTokens, integer: true },
  minResponses: { label: 'Answers needed', min: 1, max: CAPS.agentsPerLayer, integer: true },
  layerDeadlineMs: { label: 'Layer deadline', min: 0, max: CAPS.layerDeadlineMs, seconds: true },
  agentTimeoutMs: { label: 'Agent timeout', min: 1_000, max: CAPS.agentTimeoutMs, seconds: true },
  maxRetries: { label: 'Retries', min: 0, max: CAPS.retries, integer: true },
};

function rangeMessage(name: string): string | undefined {
  const field = NUMBER_FIELDS[name];
  if (!field) return undefined;
  if (field.seconds) return `${field.label} must be between ${field.min / 1000} and ${field.max / 1000} seconds.`;
  return `${field.label} must be ${field.integer ? 'a whole number ' : ''}between ${field.min} and ${field.max}.`;
}

function friendlyMessage(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String);
  const last = path.at(-1) ?? '';
  if (issue.code === 'unrecognized_keys') {
    return `Unknown setting${issue.keys.length === 1 ? '' : 's'}: ${issue.keys.join(', ')}.`;
  }
  if (last === 'model') return 'Choose a model.';
  if (last === 'systemPrompt') return `The system prompt must be at most ${CAPS.systemPromptChars} characters.`;
  if (path.length === 1 && last === 'layers') {
    if (issue.code === 'too_small') return 'Add at least one proposer layer.';
    if (issue.code === 'too_big') return `Use at most ${CAPS.proposerLayers} proposer layers.`;
  }
  if (last === 'agents') {
    if (issue.code === 'too_small') return 'Each layer needs at least one agent.';
    if (issue.code === 'too_big') return `A layer has at most ${CAPS.agentsPerLayer} agents.`;
  }
  return rangeMessage(last) ?? issue.message;
}

/**
 * A model can be used when the catalog lists it, or when its provider is available and calls models by any id
 * (every provider but the simulator, whose models exist only in the catalog): the server accepts those too.
 */
function isModelUsable(modelId: string, listed: Set<string>, catalog: CatalogView): boolean {
  if (listed.has(modelId)) return true;
  const provider = providerOf(modelId, catalog);
  return provider?.available === true && !isSimulatedModel(modelId);
}

function providerOf(modelId: string, catalog: CatalogView): CatalogView['providers'][number] | undefined {
  const providerId = modelId.slice(0, modelId.indexOf(':'));
  return catalog.providers.find((candidate) => candidate.id === providerId);
}

function unavailableModelMessage(modelId: string, catalog: CatalogView): string {
  const providerId = modelId.slice(0, modelId.indexOf(':'));
  const provider = providerOf(modelId, catalog);
  if (!provider) return `${modelId} is not available: there is no provider "${providerId}".`;
  if (!provider.available && provider.acceptsKey) return `${modelId} is not available: add a key for ${provider.name}.`;
  if (!provider.available && provider.local) return `${modelId} is not available: ${provider.name} is not running here.`;
  return `${modelId} is not available: ${provider.name} has no such model.`;
}

/**
 * Everything wrong with a custom config, each with the field it concerns (`layers.0.agents.2.model`,
 * `aggregator.temperature`, `straggler.minResponses`, `layers` for the whole run) and a message for the user. Checks
 * the schema and caps the server applies, that every model is in the catalog this browser can use, and that the
 * straggler policy waits for no more answers than the smallest layer can give. Empty when the config can be sent.
 */
export function validateCustomConfig(config: MoaConfigInput, catalog: CatalogView): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const add = (field: string, message: string) => {
    if (!problems.some((problem) => problem.field === field && problem.message === message)) {
      problems.push({ field, message });
    }
  };

  const parsed = moaConfigSchema.safeParse(config);
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    // The total-agents rule is checked below on every config; the schema only reports it once all else is valid.
    if (issue.code === 'custom' && issue.path.length === 1 && issue.path[0] === 'layers') continue;
    add(issue.path.map(String).join('.'), friendlyMessage(issue));
  }

  const total = agentCount(config);
  if (total > CAPS.totalAgents) {
    add('layers', `This run has ${total} agents in all, counting the aggregator; the limit is ${CAPS.totalAgents}.`);
  }

  const available = new Set(catalog.models.map((model) => model.id));
  for (const { path, agent } of everyAgentPath(config)) {
    // A malformed id already has its "Choose a model" problem.
    if (modelIdSchema.safeParse(agent.model).success && !isModelUsable(agent.model, available, catalog)) {
      add(`${path}.model`, unavailableModelMessage(agent.model, catalog));
    }
  }

  // Runs on the server's keys have smaller caps than the schema's: say so before the server does.
  if (usageClassOfConfig(config, catalog) === 'server') {
    for (const problem of usageCapProblems('server', config, [], '')) add(problem.field, problem.message);
  }

  const minResponses = config.straggler?.minResponses;
  if (minResponses !== undefined && Number.isFinite(minResponses) && config.layers.length > 0) {
    const smallest = Math.min(...config.layers.map((layer) => layer.agents.length));
    if (smallest > 0 && minResponses > smallest) {
      add(
        'straggler.minResponses',
        `Answers needed is ${minResponses}, but the smallest layer has ${smallest} agent${smallest === 1 ? '' : 's'}; use ${smallest} or fewer.`,
      );
    }
  }
  return problems;
}

/** Who pays for a run of this config, as the server will judge it: its caps are `USAGE_CAPS[class]`. */
export function usageClassOfConfig(config: MoaConfigInput, catalog: CatalogView): UsageClass {
  return usageClassOf(everyAgent(config).map((agent) => providerOf(agent.model, catalog)?.keySource ?? 'simulator'));
}

/** Whether a run with these settings can be sent: a preset the catalog offers, or a custom config with no problem. */
export function isRunSettingsValid(settings: RunSettings, catalog: CatalogView): boolean {
  if (settings.mode === 'custom') return validateCustomConfig(settings.config, catalog).length === 0;
  const presetId = selectedPresetId(settings.presetId, catalog);
  return catalog.presets.some((preset) => preset.id === presetId);
}
