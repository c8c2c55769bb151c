import { inputClass } from '@/components/ui/field';
import { useConfigEditor } from './editor-context';

/** The models of the catalog by provider; the chosen one stays listed even when hidden or unavailable. */
export function ModelSelect({
  id,
  value,
  describedBy,
  testId,
  onChange,
}: {
  id: string;
  value: string;
  describedBy: string | undefined;
  testId: string;
  onChange: (model: string) => void;
}) {
  const { catalog, showTestModels } = useConfigEditor();
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
