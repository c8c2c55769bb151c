'use client';
import type { ReactNode } from 'react';
import type { CatalogView } from '@/lib/protocol/catalog';
import type { CompareSettings } from '@/lib/client/compare-settings';
import { SIMULATED_JUDGE_MODEL } from '@/lib/protocol/model-id';

/** The "Compare" switch beside the prompt, and which single model to compare with. */
export function CompareToggle({
  catalog,
  settings,
  onChange,
  disabled,
}: {
  catalog: CatalogView | undefined;
  settings: CompareSettings;
  onChange: (next: CompareSettings) => void;
  disabled?: boolean;
}) {
  const models = catalog?.models.filter((model) => !model.testing) ?? [];
  const judges = catalog?.models.filter((model) => !model.testing || model.id === SIMULATED_JUDGE_MODEL) ?? [];
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          role="switch"
          aria-checked={settings.enabled}
          data-testid="compare-toggle"
          checked={settings.enabled}
          disabled={disabled}
          onChange={(event) => onChange({ ...settings, enabled: event.target.checked })}
          className="h-4 w-4"
        />
        Compare with a single model
      </label>
      {settings.enabled && (
        <>
          <LabelledSelect
            label="Single model"
            testId="compare-model"
            value={settings.model ?? ''}
            disabled={disabled}
            onChange={(value) => onChange({ ...settings, model: value || undefined })}
          >
            <option value="">The aggregator&apos;s model</option>
            <ModelOptions models={models} />
          </LabelledSelect>
          <LabelledSelect
            label="Comparison"
            testId="compare-mode"
            value={settings.mode ?? 'blind'}
            disabled={disabled}
            onChange={(value) => onChange({ ...settings, mode: value === 'open' ? 'open' : 'blind' })}
          >
            <option value="blind">Blind (vote first)</option>
            <option value="open">Open (watch live, not counted)</option>
          </LabelledSelect>
          <LabelledSelect
            label="Judge"
            testId="judge-model"
            value={settings.judgeModel ?? ''}
            disabled={disabled}
            onChange={(value) => onChange({ ...settings, judgeModel: value || undefined })}
          >
            <option value="">The best available</option>
            <ModelOptions models={judges} />
          </LabelledSelect>
        </>
      )}
    </div>
  );
}

function LabelledSelect({
  label,
  testId,
  value,
  disabled,
  onChange,
  children,
}: {
  label: string;
  testId: string;
  value: string;
  disabled?: boolean;
  onChange: (value: string) => void;
  children: ReactNode;
}) {
  return (
    <label className="flex items-center gap-2">
      <span className="text-zinc-600 dark:text-zinc-400">{label}</span>
      <select
        data-testid={testId}
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
        className="max-w-64 rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
      >
        {children}
      </select>
    </label>
  );
}

function ModelOptions({ models }: { models: CatalogView['models'] }) {
  return models.map((model) => (
    <option key={model.id} value={model.id}>
      {model.displayName} · {model.provider}
    </option>
  ));
}
