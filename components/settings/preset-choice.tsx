'use client';
import { useId } from 'react';
import { hintClass } from '@/components/ui/field';
import { describeLayers } from '@/lib/client/run-settings';
import type { CatalogView } from '@/lib/protocol/catalog';

/** The presets of the catalog as radio cards; says so when the one the settings name is not available now. */
export function PresetChoice({
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
        {catalog.lockedPresets.map((preset) => (
          <div
            key={preset.id}
            className="flex gap-2 rounded-md border border-dashed border-zinc-300 p-2 text-zinc-600 dark:border-zinc-700 dark:text-zinc-400"
            data-testid={`preset-locked-${preset.id}`}
          >
            <input type="radio" disabled aria-label={`${preset.name} (needs a key)`} className="mt-1 shrink-0" />
            <span className="min-w-0">
              <span className="flex flex-wrap items-baseline gap-x-2">
                <span className="font-medium">{preset.name}</span>
                <span className="rounded bg-zinc-100 px-1 text-xs dark:bg-zinc-800">needs a key</span>
              </span>
              <span className={`block ${hintClass}`}>
                {preset.description} Add a key for {preset.needsKeysFor.join(' and ')} under API keys to use it.
              </span>
            </span>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
