'use client';
import { useId, useState, type ReactNode } from 'react';
import type { CatalogView } from '@/lib/protocol/catalog';
import type { MoaConfigInput } from '@/lib/protocol/moa-config';
import { configFromPreset, isRunSettingsValid, selectedPresetId, type RunSettings } from '@/lib/client/run-settings';
import { CustomConfigEditor } from './custom-config-editor';
import { PresetChoice } from './preset-choice';

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
            <ModeOption
              name={`${id}-mode`}
              checked={settings.mode === 'preset'}
              onSelect={choosePreset}
              testId="settings-mode-preset"
            >
              A preset
            </ModeOption>
            <ModeOption
              name={`${id}-mode`}
              checked={settings.mode === 'custom'}
              onSelect={chooseCustom}
              testId="settings-mode-custom"
            >
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
      <input
        type="radio"
        name={name}
        checked={checked}
        onChange={onSelect}
        data-testid={testId}
        className="accent-blue-600"
      />
      {children}
    </label>
  );
}
