'use client';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { USAGE_CAPS } from '@/lib/limits/caps';
import { agentCount, CAPS, type MoaConfigInput } from '@/lib/protocol/moa-config';
import type { CatalogView } from '@/lib/protocol/catalog';
import {
  configFromPreset,
  describeLayers,
  isRunSettingsValid,
  selectedPresetId,
  usageClassOfConfig,
  validateCustomConfig,
  type RunSettings,
  type SettingsProblem,
} from '@/lib/client/run-settings';

export { isRunSettingsValid };

type AgentInput = MoaConfigInput['aggregator'];

/** Problems by field, so each input can show its own next to it. */
type ProblemsByField = Map<string, string[]>;

const inputClass =
  'rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm text-zinc-900 disabled:opacity-60 aria-[invalid=true]:border-red-600 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100 dark:aria-[invalid=true]:border-red-400';
const buttonClass =
  'rounded-md border border-zinc-300 px-2.5 py-1 text-sm hover:bg-zinc-100 disabled:cursor-not-allowed disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800';
const hintClass = 'text-xs text-zinc-600 dark:text-zinc-400';

const DEFAULT_LAYER_DEADLINE_MS = 15_000;

/**
 * Chooses what the next run uses: a preset from the catalog, or a custom config of proposer layers, aggregator and
 * straggler policy. Problems with a custom config are explained next to their fields; the root carries
 * `data-valid="true|false"` (the same answer as `isRunSettingsValid(settings, catalog)`).
 */
export function SettingsPanel({
  catalog,
  settings,
  onChange,
  disabled,
}: {
  catalog: CatalogView;
  settings: RunSettings;
  onChange(next: RunSettings): void;
  disabled?: boolean;
}) {
  const id = useId();
  // Switching modes and back restores what was there, for as long as the panel stays open.
  const [lastPresetId, setLastPresetId] = useState<string>();
  const [lastCustomConfig, setLastCustomConfig] = useState<MoaConfigInput>();
  const presetId = selectedPresetId(settings.mode === 'preset' ? settings.presetId : lastPresetId, catalog);
  const valid = isRunSettingsValid(settings, catalog);

  const choosePreset = () => {
    if (settings.mode === 'preset') return;
    setLastCustomConfig(settings.config);
    onChange({ mode: 'preset', presetId: lastPresetId });
  };
  const chooseCustom = () => {
    if (settings.mode === 'custom') return;
    setLastPresetId(settings.presetId);
    const preset = catalog.presets.find((candidate) => candidate.id === presetId);
    const config = lastCustomConfig ?? (preset ? configFromPreset(preset) : undefined);
    if (config) onChange({ mode: 'custom', config });
  };

  return (
    <section
      aria-labelledby={`${id}-heading`}
      data-testid="settings-panel"
      data-valid={String(valid)}
      className="rounded-lg border border-zinc-200 bg-white p-3 text-sm text-zinc-900 sm:p-4 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <h2 id={`${id}-heading`} className="mb-2 text-base font-semibold">
        Run settings
      </h2>
      <fieldset disabled={disabled} className="min-w-0 space-y-3">
        <fieldset className="min-w-0">
          <legend className="mb-1 font-medium">Run with</legend>
          <div className="flex flex-wrap gap-2">
            <ModeOption name={`${id}-mode`} checked={settings.mode === 'preset'} onSelect={choosePreset} testId="settings-mode-preset">
              A preset
            </ModeOption>
            <ModeOption name={`${id}-mode`} checked={settings.mode === 'custom'} onSelect={chooseCustom} testId="settings-mode-custom">
              Custom layers
            </ModeOption>
          </div>
        </fieldset>
        {settings.mode === 'preset' ? (
          <PresetChoice
            catalog={catalog}
            wantedPresetId={settings.presetId}
            presetId={presetId}
            onSelect={(next) => onChange({ mode: 'preset', presetId: next })}
          />
        ) : (
          <CustomConfigEditor
            id={id}
            catalog={catalog}
            config={settings.config}
            initialStartPresetId={presetId}
            onChange={(config) => onChange({ mode: 'custom', config })}
          />
        )}
      </fieldset>
    </section>
  );
}

function ModeOption({
  name,
  checked,
  onSelect,
  testId,
  children,
}: {
  name: string;
  checked: boolean;
  onSelect: () => void;
  testId: string;
  children: ReactNode;
}) {
  return (
    <label className="flex cursor-pointer items-center gap-2 rounded-md border border-zinc-300 px-3 py-1.5 has-checked:border-blue-600 has-checked:bg-blue-50 dark:border-zinc-700 dark:has-checked:border-blue-400 dark:has-checked:bg-blue-950">
      <input type="radio" name={name} checked={checked} onChange={onSelect} data-testid={testId} className="accent-blue-600" />
      {children}
    </label>
  );
}

function PresetChoice({
  catalog,
  wantedPresetId,
  presetId,
  onSelect,
}: {
  catalog: CatalogView;
  wantedPresetId: string | undefined;
  presetId: string | undefined;
  onSelect: (presetId: string) => void;
}) {
  const id = useId();
  const wantedIsGone = wantedPresetId !== undefined && wantedPresetId !== presetId;
  return (
    <fieldset className="min-w-0">
      <legend className="mb-1 font-medium">Preset</legend>
      {wantedIsGone && (
        <p role="status" className="mb-2 text-xs text-amber-800 dark:text-amber-300">
          The preset “{wantedPresetId}” is not available now (its provider has no key); the default runs instead.
        </p>
      )}
      <div className="grid gap-2 sm:grid-cols-2">
        {catalog.presets.map((preset) => (
          <label
            key={preset.id}
            className="flex cursor-pointer gap-2 rounded-md border border-zinc-300 p-2 has-checked:border-blue-600 has-checked:bg-blue-50 dark:border-zinc-700 dark:has-checked:border-blue-400 dark:has-checked:bg-blue-950"
          >
            <input
              type="radio"
              name={`${id}-preset`}
              value={preset.id}
              checked={preset.id === presetId}
              onChange={() => onSelect(preset.id)}
              aria-labelledby={`${id}-${preset.id}-name`}
              aria-describedby={`${id}-${preset.id}-description`}
              data-testid={`preset-option-${preset.id}`}
              className="mt-1 shrink-0 accent-blue-600"
            />
            <span className="min-w-0">
              <span id={`${id}-${preset.id}-name`} className="flex flex-wrap items-baseline gap-x-2">
                <span className="font-medium">{preset.name}</span>
                <span className={hintClass}>{describeLayers(preset.config)}</span>
                {preset.id === catalog.defaultPresetId && <span className={hintClass}>(default)</span>}
              </span>
              <span id={`${id}-${preset.id}-description`} className={`block ${hintClass}`}>
                {preset.description}
              </span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Moves focus after the render that adds or removes the element focus should go to. */
function useFocusAfterRender(): (elementId: string) => void {
  const pending = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (pending.current === undefined) return;
    document.getElementById(pending.current)?.focus();
    pending.current = undefined;
  });
  return (elementId) => {
    pending.current = elementId;
  };
}

function groupProblems(problems: SettingsProblem[]): ProblemsByField {
  const byField: ProblemsByField = new Map();
  for (const problem of problems) byField.set(problem.field, [...(byField.get(problem.field) ?? []), problem.message]);
  return byField;
}

/** The fields the editor draws an input or group for; problems of any other field are listed at its end. */
function shownFields(config: MoaConfigInput): Set<string> {
  const fields = new Set(['layers', 'straggler.minResponses', 'straggler.layerDeadlineMs']);
  config.layers.forEach((layer, layerIndex) => {
    fields.add(`layers.${layerIndex}.agents`);
    layer.agents.forEach((_, agentIndex) => {
      for (const name of ['model', 'temperature', 'maxOutputTokens']) fields.add(`layers.${layerIndex}.agents.${agentIndex}.${name}`);
    });
  });
  for (const name of ['model', 'temperature', 'maxOutputTokens']) fields.add(`aggregator.${name}`);
  return fields;
}

function CustomConfigEditor({
  id,
  catalog,
  config,
  initialStartPresetId,
  onChange,
}: {
  id: string;
  catalog: CatalogView;
  config: MoaConfigInput;
  initialStartPresetId: string | undefined;
  onChange: (config: MoaConfigInput) => void;
}) {
  const [startPresetId, setStartPresetId] = useState(initialStartPresetId);
  const [showTestModels, setShowTestModels] = useState(false);
  const focusAfterRender = useFocusAfterRender();
  const problems = groupProblems(validateCustomConfig(config, catalog));
  const shown = shownFields(config);
  const otherProblems = [...problems].filter(([field]) => !shown.has(field));
  const hasTestModels = catalog.models.some((model) => model.testing);
  const fieldId = (field: string) => `${id}-${field.replaceAll('.', '-')}`;
  const totalAgents = agentCount(config);

  const startPreset = catalog.presets.find((preset) => preset.id === startPresetId);
  const setLayers = (layers: MoaConfigInput['layers']) => onChange({ ...config, layers });
  const setLayerCount = (count: number) => {
    const last = config.layers.at(-1) ?? { agents: [config.aggregator] };
    const layers = config.layers.slice(0, count);
    while (layers.length < count) layers.push(structuredClone(last));
    setLayers(layers);
  };
  const setLayerAgents = (layerIndex: number, agents: AgentInput[]) =>
    setLayers(config.layers.map((layer, index) => (index === layerIndex ? { ...layer, agents } : layer)));

  const layerCountId = fieldId('layers');
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex min-w-0 flex-col gap-1">
          <span className={hintClass}>Preset to start from</span>
          <select className={inputClass} value={startPresetId ?? ''} onChange={(event) => setStartPresetId(event.target.value)}>
            {catalog.presets.map((preset) => (
              <option key={preset.id} value={preset.id}>
                {preset.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className={buttonClass} disabled={!startPreset} onClick={() => startPreset && onChange(configFromPreset(startPreset))}>
          Start from preset
        </button>
      </div>

      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <label className="flex items-center gap-2">
          <span className="font-medium">Proposer layers</span>
          <select
            id={layerCountId}
            className={inputClass}
            value={config.layers.length}
            onChange={(event) => setLayerCount(Number(event.target.value))}
            aria-describedby={`${layerCountId}-summary${problems.has('layers') ? ` ${layerCountId}-error` : ''}`}
            aria-invalid={problems.has('layers') || undefined}
            data-testid="layer-count"
          >
            {Array.from({ length: CAPS.proposerLayers }, (_, index) => index + 1).map((count) => (
              <option key={count} value={count}>
                {count}
              </option>
            ))}
          </select>
        </label>
        <span id={`${layerCountId}-summary`} className={hintClass}>
          {describeLayers(config)}, aggregator included ({totalAgents} of at most {USAGE_CAPS[usageClassOfConfig(config, catalog)].totalAgents})
        </span>
        {hasTestModels && (
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={showTestModels} onChange={(event) => setShowTestModels(event.target.checked)} className="accent-blue-600" />
            <span>
              Show test models <span className={hintClass}>(they simulate failures)</span>
            </span>
          </label>
        )}
      </div>
      <FieldErrors id={`${layerCountId}-error`} messages={problems.get('layers')} />

      {config.layers.map((layer, layerIndex) => {
        const layerField = `layers.${layerIndex}.agents`;
        const addButtonId = fieldId(`${layerField}.add`);
        return (
          <fieldset key={layerIndex} className="min-w-0 rounded-md border border-zinc-200 p-2 sm:p-3 dark:border-zinc-800">
            <legend className="px-1 font-medium">
              Layer {layerIndex + 1} <span className={hintClass}>· {layer.agents.length} {layer.agents.length === 1 ? 'agent' : 'agents'}</span>
            </legend>
            <ol className="space-y-2">
              {layer.agents.map((agent, agentIndex) => {
                const agentId = `L${layerIndex + 1}.${agentIndex + 1}`;
                const field = `${layerField}.${agentIndex}`;
                return (
                  <li key={agentIndex}>
                    <AgentEditor
                      idBase={fieldId(field)}
                      field={field}
                      agentId={agentId}
                      legend={`Agent ${agentId}`}
                      agent={agent}
                      catalog={catalog}
                      showTestModels={showTestModels}
                      problems={problems}
                      compactLabels={agentIndex > 0}
                      modelTestId={`agent-model-${agentId}`}
                      onChange={(next) => setLayerAgents(layerIndex, layer.agents.map((candidate, index) => (index === agentIndex ? next : candidate)))}
                      onRemove={
                        layer.agents.length > 1
                          ? () => {
                              setLayerAgents(layerIndex, layer.agents.filter((_, index) => index !== agentIndex));
                              focusAfterRender(addButtonId);
                            }
                          : undefined
                      }
                    />
                  </li>
                );
              })}
            </ol>
            <FieldErrors id={fieldId(`${layerField}-error`)} messages={problems.get(layerField)} />
            <button
              id={addButtonId}
              type="button"
              className={`${buttonClass} mt-2`}
              disabled={layer.agents.length >= CAPS.agentsPerLayer}
              onClick={() => {
                const last = layer.agents.at(-1) ?? config.aggregator;
                setLayerAgents(layerIndex, [...layer.agents, structuredClone(last)]);
                focusAfterRender(`${fieldId(`${layerField}.${layer.agents.length}`)}-model`);
              }}
            >
              Add agent<span className="sr-only"> to layer {layerIndex + 1}</span>
            </button>
          </fieldset>
        );
      })}

      <fieldset className="min-w-0 rounded-md border border-zinc-200 p-2 sm:p-3 dark:border-zinc-800">
        <legend className="px-1 font-medium">
          Aggregator <span className={hintClass}>· layer {config.layers.length + 1}, writes the answer</span>
        </legend>
        <AgentEditor
          idBase={fieldId('aggregator')}
          field="aggregator"
          agentId={`L${config.layers.length + 1}.1`}
          legend="Aggregator model and sampling"
          agent={config.aggregator}
          catalog={catalog}
          showTestModels={showTestModels}
          problems={problems}
          compactLabels={false}
          modelTestId="aggregator-model"
          onChange={(aggregator) => onChange({ ...config, aggregator })}
        />
      </fieldset>

      <StragglerEditor id={id} config={config} problems={problems} onChange={onChange} />

      {otherProblems.length > 0 && (
        <ul className="space-y-1">
          {otherProblems.flatMap(([field, messages]) =>
            messages.map((message) => (
              <li key={`${field}:${message}`} data-testid="settings-error" className="text-xs text-red-700 dark:text-red-400">
                <code>{field}</code>: {message}
              </li>
            )),
          )}
        </ul>
      )}
    </div>
  );
}

function AgentEditor({
  idBase,
  field,
  agentId,
  legend,
  agent,
  catalog,
  showTestModels,
  problems,
  compactLabels,
  modelTestId,
  onChange,
  onRemove,
}: {
  idBase: string;
  field: string;
  agentId: string;
  legend: string;
  agent: AgentInput;
  catalog: CatalogView;
  showTestModels: boolean;
  problems: ProblemsByField;
  /** Rows after a layer's first show their labels only to screen readers on wide screens, under the first row's. */
  compactLabels: boolean;
  modelTestId: string;
  onChange: (agent: AgentInput) => void;
  onRemove?: () => void;
}) {
  const labelClass = `${hintClass} ${compactLabels ? 'sm:sr-only' : ''}`;
  const problemsOf = (name: string) => problems.get(`${field}.${name}`);
  const describedBy = (name: string) => (problemsOf(name) ? `${idBase}-${name}-error` : undefined);
  return (
    <fieldset className="min-w-0">
      <legend className="sr-only">{legend}</legend>
      <div className="grid grid-cols-[1fr_1fr_auto] items-end gap-x-2 gap-y-1 sm:grid-cols-[3rem_minmax(0,1fr)_6rem_7rem_5rem]">
        <span aria-hidden="true" className="hidden font-mono text-xs text-zinc-600 sm:block sm:self-end sm:pb-1.5 dark:text-zinc-400">
          {agentId}
        </span>
        <div className="col-span-3 flex min-w-0 flex-col gap-1 sm:col-span-1">
          <label htmlFor={`${idBase}-model`} className={labelClass}>
            <span aria-hidden="true" className="font-mono sm:hidden">
              {agentId} ·{' '}
            </span>
            Model
          </label>
          <ModelSelect
            id={`${idBase}-model`}
            value={agent.model}
            catalog={catalog}
            showTestModels={showTestModels}
            describedBy={describedBy('model')}
            testId={modelTestId}
            onChange={(model) => onChange({ ...agent, model })}
          />
        </div>
        <NumberField
          id={`${idBase}-temperature`}
          label="Temperature"
          labelClass={labelClass}
          value={agent.temperature}
          min={0}
          max={2}
          step={0.1}
          placeholder="0.7"
          describedBy={describedBy('temperature')}
          onChange={(temperature) => onChange({ ...agent, temperature })}
        />
        <NumberField
          id={`${idBase}-maxOutputTokens`}
          label="Max tokens"
          labelClass={labelClass}
          value={agent.maxOutputTokens}
          min={1}
          max={CAPS.maxOutputTokens}
          step={1}
          placeholder="512"
          describedBy={describedBy('maxOutputTokens')}
          onChange={(maxOutputTokens) => onChange({ ...agent, maxOutputTokens })}
        />
        {onRemove ? (
          <button type="button" className={buttonClass} onClick={onRemove} aria-label={`Remove agent ${agentId}`} data-testid={`agent-remove-${agentId}`}>
            Remove
          </button>
        ) : (
          <span />
        )}
      </div>
      {['model', 'temperature', 'maxOutputTokens'].map((name) => (
        <FieldErrors key={name} id={`${idBase}-${name}-error`} messages={problemsOf(name)} />
      ))}
    </fieldset>
  );
}

function ModelSelect({
  id,
  value,
  catalog,
  showTestModels,
  describedBy,
  testId,
  onChange,
}: {
  id: string;
  value: string;
  catalog: CatalogView;
  showTestModels: boolean;
  describedBy: string | undefined;
  testId: string;
  onChange: (model: string) => void;
}) {
  // The chosen model stays listed even when hidden or unavailable, so the select shows what the config holds.
  const models = catalog.models.filter((model) => showTestModels || !model.testing || model.id === value);
  const known = catalog.models.some((model) => model.id === value);
  const groups = catalog.providers
    .map((provider) => ({ provider, models: models.filter((model) => model.provider === provider.id) }))
    .filter((group) => group.models.length > 0);
  const ungrouped = models.filter((model) => !catalog.providers.some((provider) => provider.id === model.provider));
  return (
    <select
      id={id}
      className={`${inputClass} w-full min-w-0`}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      aria-describedby={describedBy}
      aria-invalid={describedBy !== undefined || undefined}
      data-testid={testId}
    >
      {value === '' && <option value="">Choose a model</option>}
      {!known && value !== '' && <option value={value}>{value} (not available)</option>}
      {groups.map(({ provider, models: providerModels }) => (
        <optgroup key={provider.id} label={provider.name}>
          {providerModels.map((model) => (
            <option key={model.id} value={model.id}>
              {model.displayName}
            </option>
          ))}
        </optgroup>
      ))}
      {ungrouped.map((model) => (
        <option key={model.id} value={model.id}>
          {model.displayName}
        </option>
      ))}
    </select>
  );
}

/** A number input whose empty state is `undefined` (the server's default) or, when `required`, NaN (a problem to show). */
function NumberField({
  id,
  label,
  labelClass,
  value,
  min,
  max,
  step,
  placeholder,
  describedBy,
  required,
  testId,
  onChange,
}: {
  id: string;
  label: ReactNode;
  labelClass: string;
  value: number | undefined;
  min: number;
  max: number;
  step: number;
  placeholder?: string;
  describedBy: string | undefined;
  required?: boolean;
  testId?: string;
  onChange: (value: number | undefined) => void;
}) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <input
        id={id}
        type="number"
        inputMode={Number.isInteger(step) ? 'numeric' : 'decimal'}
        className={`${inputClass} w-full`}
        value={value === undefined || Number.isNaN(value) ? '' : value}
        min={min}
        max={max}
        step={step}
        placeholder={placeholder}
        required={required}
        aria-describedby={describedBy}
        aria-invalid={describedBy !== undefined || undefined}
        data-testid={testId}
        onChange={(event) => {
          const raw = event.target.value;
          onChange(raw === '' ? (required ? Number.NaN : undefined) : Number(raw));
        }}
      />
    </div>
  );
}

function StragglerEditor({
  id,
  config,
  problems,
  onChange,
}: {
  id: string;
  config: MoaConfigInput;
  problems: ProblemsByField;
  onChange: (config: MoaConfigInput) => void;
}) {
  const straggler = config.straggler;
  const smallestLayer = Math.min(...config.layers.map((layer) => layer.agents.length), CAPS.agentsPerLayer);
  const toggle = (on: boolean) => {
    if (!on) {
      const { straggler: _off, ...rest } = config;
      onChange(rest);
      return;
    }
    onChange({ ...config, straggler: { minResponses: Math.max(1, smallestLayer - 1), layerDeadlineMs: DEFAULT_LAYER_DEADLINE_MS } });
  };
  const describedBy = (name: string) => (problems.has(`straggler.${name}`) ? `${id}-straggler-${name}-error` : undefined);
  return (
    <fieldset className="min-w-0 rounded-md border border-zinc-200 p-2 sm:p-3 dark:border-zinc-800">
      <legend className="px-1 font-medium">Stragglers</legend>
      <label className="flex items-start gap-2">
        <input
          type="checkbox"
          checked={straggler !== undefined}
          onChange={(event) => toggle(event.target.checked)}
          aria-describedby={`${id}-straggler-hint`}
          data-testid="straggler-toggle"
          className="mt-0.5 accent-blue-600"
        />
        <span>Let a layer go on without its slowest agents</span>
      </label>
      <p id={`${id}-straggler-hint`} className={`${hintClass} mt-1`}>
        {straggler
          ? 'Once the deadline has passed and enough agents have answered, the rest are cut.'
          : 'Off: every layer waits for all its agents (each still bounded by its timeout).'}
      </p>
      {straggler && (
        <>
          <div className="mt-2 grid max-w-sm grid-cols-2 gap-2">
            <NumberField
              id={`${id}-straggler-minResponses`}
              label="Minimum responses"
              labelClass={hintClass}
              value={straggler.minResponses}
              min={1}
              max={smallestLayer}
              step={1}
              required
              describedBy={describedBy('minResponses')}
              testId="straggler-min-responses"
              onChange={(minResponses) => onChange({ ...config, straggler: { ...straggler, minResponses: minResponses ?? Number.NaN } })}
            />
            <NumberField
              id={`${id}-straggler-layerDeadline`}
              label="Layer deadline (seconds)"
              labelClass={hintClass}
              value={straggler.layerDeadlineMs / 1000}
              min={0}
              max={CAPS.layerDeadlineMs / 1000}
              step={1}
              required
              describedBy={describedBy('layerDeadlineMs')}
              testId="straggler-deadline"
              onChange={(seconds) =>
                onChange({ ...config, straggler: { ...straggler, layerDeadlineMs: seconds === undefined ? Number.NaN : Math.round(seconds * 1000) } })
              }
            />
          </div>
          <FieldErrors id={`${id}-straggler-minResponses-error`} messages={problems.get('straggler.minResponses')} />
          <FieldErrors id={`${id}-straggler-layerDeadlineMs-error`} messages={problems.get('straggler.layerDeadlineMs')} />
        </>
      )}
    </fieldset>
  );
}

function FieldErrors({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages || messages.length === 0) return null;
  return (
    <p id={id} data-testid="settings-error" className="mt-1 text-xs text-red-700 dark:text-red-400">
      {messages.join(' ')}
    </p>
  );
}
