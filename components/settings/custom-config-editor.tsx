'use client';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, hintClass, inputClass, problemIdOf } from '@/components/ui/field';
import { USAGE_CAPS } from '@/lib/limits/caps';
import {
  configFromPreset,
  describeLayers,
  usageClassOfConfig,
  validateCustomConfig,
  type SettingsProblem,
} from '@/lib/client/run-settings';
import type { CatalogView } from '@/lib/protocol/catalog';
import { agentCount, CAPS, everyAgentPath, type MoaConfigInput } from '@/lib/protocol/moa-config';
import { agentIdOf, layerIdOf } from '@/lib/protocol/run-parts';
import { AgentEditor, agentFieldPaths } from './agent-editor';
import { ConfigEditorContext, type ConfigEditor, type ProblemsByField } from './editor-context';
import { FieldErrors } from './field-errors';
import { LayerEditor } from './layer-editor';
import { StragglerEditor } from './straggler-editor';

function groupProblems(problems: SettingsProblem[]): ProblemsByField {
  const byField: ProblemsByField = new Map();
  for (const problem of problems) byField.set(problem.field, [...(byField.get(problem.field) ?? []), problem.message]);
  return byField;
}

/** The fields the editor draws an input or group for; problems of any other field are listed at its end. */
function shownFields(config: MoaConfigInput): Set<string> {
  const fields = new Set(['layers', 'straggler.minResponses', 'straggler.layerDeadlineMs']);
  config.layers.forEach((_, layerIndex) => {
    fields.add(`layers.${layerIndex}.agents`);
  });
  for (const { path } of everyAgentPath(config)) for (const field of agentFieldPaths(path)) fields.add(field);
  return fields;
}

/**
 * A custom config: a preset to start from, the number of proposer layers, each layer's agents, the aggregator and
 * the straggler policy, each field with its problems beside it.
 */
export function CustomConfigEditor({
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
  const problems = groupProblems(validateCustomConfig(config, catalog));
  const shown = shownFields(config);
  const otherProblems = [...problems].filter(([field]) => !shown.has(field));
  const hasTestModels = catalog.models.some((model) => model.testing);
  const editor: ConfigEditor = {
    catalog,
    showTestModels,
    problems,
    fieldId: (field) => `${id}-${field.replaceAll('.', '-')}`,
  };

  const startPreset = catalog.presets.find((preset) => preset.id === startPresetId);
  const setLayers = (layers: MoaConfigInput['layers']) => onChange({ ...config, layers });
  const setLayerCount = (count: number) => {
    const last = config.layers.at(-1) ?? { agents: [config.aggregator] };
    const layers = config.layers.slice(0, count);
    while (layers.length < count) layers.push(structuredClone(last));
    setLayers(layers);
  };

  const startId = editor.fieldId('start-preset');
  const layerCountId = editor.fieldId('layers');
  const summaryId = `${layerCountId}-summary`;
  return (
    <ConfigEditorContext value={editor}>
      <div className="space-y-3">
        <div className="flex flex-wrap items-end gap-2">
          <Field id={startId} label="Preset to start from">
            <select
              id={startId}
              className={inputClass}
              value={startPresetId ?? ''}
              onChange={(event) => setStartPresetId(event.target.value)}
            >
              {catalog.presets.map((preset) => (
                <option key={preset.id} value={preset.id}>
                  {preset.name}
                </option>
              ))}
            </select>
          </Field>
          <Button disabled={!startPreset} onClick={() => startPreset && onChange(configFromPreset(startPreset))}>
            Start from preset
          </Button>
        </div>

        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <label className="flex items-center gap-2">
            <span className="font-medium">Proposer layers</span>
            <select
              id={layerCountId}
              className={inputClass}
              value={config.layers.length}
              onChange={(event) => setLayerCount(Number(event.target.value))}
              aria-describedby={`${summaryId}${problems.has('layers') ? ` ${problemIdOf(layerCountId)}` : ''}`}
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
          <span id={summaryId} className={hintClass}>
            {describeLayers(config)} ({agentCount(config)} of at most{' '}
            {USAGE_CAPS[usageClassOfConfig(config, catalog)].totalAgents})
          </span>
          {hasTestModels && (
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={showTestModels}
                onChange={(event) => setShowTestModels(event.target.checked)}
                className="accent-blue-600"
              />
              <span>
                Show test models <span className={hintClass}>(they simulate failures)</span>
              </span>
            </label>
          )}
        </div>
        <FieldErrors controlId={layerCountId} messages={problems.get('layers')} />

        {config.layers.map((layer, layerIndex) => (
          <LayerEditor
            // A layer of a config is its place in it, as in the run.
            key={layerIdOf(layerIndex + 1)}
            layerIndex={layerIndex}
            agents={layer.agents}
            newAgent={config.aggregator}
            onChange={(agents) =>
              setLayers(
                config.layers.map((candidate, index) => (index === layerIndex ? { ...candidate, agents } : candidate)),
              )
            }
          />
        ))}

        <fieldset className="min-w-0 rounded-md border border-zinc-200 p-2 sm:p-3 dark:border-zinc-800">
          <legend className="px-1 font-medium">
            Aggregator <span className={hintClass}>· layer {config.layers.length + 1}, writes the answer</span>
          </legend>
          <AgentEditor
            field="aggregator"
            agentId={agentIdOf(config.layers.length + 1, 1)}
            agent={config.aggregator}
            compactLabels={false}
            onChange={(aggregator) => onChange({ ...config, aggregator })}
          />
        </fieldset>

        <StragglerEditor config={config} onChange={onChange} />

        {otherProblems.length > 0 && (
          <ul className="space-y-1">
            {otherProblems.flatMap(([field, messages]) =>
              messages.map((message) => (
                <li
                  key={`${field}:${message}`}
                  data-testid="settings-error"
                  className="text-xs text-red-700 dark:text-red-400"
                >
                  <code>{field}</code>: {message}
                </li>
              )),
            )}
          </ul>
        )}
      </div>
    </ConfigEditorContext>
  );
}
