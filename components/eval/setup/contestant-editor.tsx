'use client';

import { Button } from '@/components/ui/button';
import { hintClass, inputClass } from '@/components/ui/field';
import { EVAL_LIMITS } from '@/lib/eval/run/eval-settings';
import { type ContestantChoice, contestantIdOf, draftContestant, type DraftContestant } from '@/lib/client/eval/setup-draft';
import type { CatalogView } from '@/lib/protocol/catalog';

/** The catalog's models by provider, for a select; testing models (failures, the judge) only where asked for. */
export function ModelOptions({ catalog, withTesting = false }: { catalog: CatalogView; withTesting?: boolean }) {
  const models = catalog.models.filter((model) => withTesting || !model.testing);
  return catalog.providers
    .map((provider) => ({ provider, models: models.filter((model) => model.provider === provider.id) }))
    .filter((group) => group.models.length > 0)
    .map(({ provider, models: providerModels }) => (
      <optgroup key={provider.id} label={`${provider.name}${provider.keySource === 'server' ? ' (server key)' : ''}`}>
        {providerModels.map((model) => (
          <option key={model.id} value={model.id}>
            {model.displayName}
          </option>
        ))}
      </optgroup>
    ));
}

/**
 * The contestants: MoA presets and single models, one of them the reference the others are judged against in a
 * pairwise evaluation.
 */
export function ContestantEditor({
  catalog,
  contestants,
  referenceIndex,
  pairwise,
  onChange,
}: {
  catalog: CatalogView;
  contestants: DraftContestant[];
  referenceIndex: number;
  pairwise: boolean;
  onChange: (contestants: DraftContestant[], referenceIndex: number) => void;
}) {
  const replace = (index: number, contestant: ContestantChoice) =>
    onChange(contestants.map((current, at) => (at === index ? { ...contestant, key: current.key } : current)), referenceIndex);
  const remove = (index: number) =>
    onChange(contestants.filter((_, at) => at !== index), referenceIndex > index ? referenceIndex - 1 : Math.min(referenceIndex, contestants.length - 2));
  const full = contestants.length >= EVAL_LIMITS.contestants;
  const firstModel = catalog.models.find((model) => !model.testing)?.id ?? '';

  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 font-medium">Contestants</legend>
      <p className={hintClass}>
        {pairwise
          ? 'Each contestant is judged against the reference, question by question, in both orders.'
          : 'The judge grades every contestant’s answers from 1 to 10.'}
      </p>
      <ol className="flex flex-col gap-2">
        {contestants.map((contestant, index) => {
          const label = `Contestant ${index + 1}`;
          return (
            <li key={contestant.key} className="flex flex-wrap items-center gap-2" data-testid="eval-contestant">
              <select
                aria-label={`${label}: kind`}
                className={inputClass}
                value={contestant.kind}
                onChange={(event) =>
                  replace(index, event.target.value === 'moa' ? { kind: 'moa', preset: catalog.presets[0]?.id ?? '' } : { kind: 'model', model: firstModel })
                }
              >
                <option value="moa">MoA preset</option>
                <option value="model">Single model</option>
              </select>
              {contestant.kind === 'moa' ? (
                <select aria-label={`${label}: preset`} className={`${inputClass} min-w-0 flex-1`} value={contestant.preset} onChange={(event) => replace(index, { kind: 'moa', preset: event.target.value })}>
                  {catalog.presets.map((preset) => (
                    <option key={preset.id} value={preset.id}>
                      {preset.name}
                    </option>
                  ))}
                </select>
              ) : (
                <select aria-label={`${label}: model`} className={`${inputClass} min-w-0 flex-1`} value={contestant.model} onChange={(event) => replace(index, { kind: 'model', model: event.target.value })}>
                  <ModelOptions catalog={catalog} />
                </select>
              )}
              {pairwise && (
                <label className="flex items-center gap-1 text-sm">
                  <input type="radio" name="eval-reference" checked={referenceIndex === index} onChange={() => onChange(contestants, index)} />
                  Reference
                </label>
              )}
              <Button size="xs" onClick={() => remove(index)} disabled={contestants.length <= 1} aria-label={`Remove ${contestantIdOf(contestant) || label}`}>
                Remove
              </Button>
            </li>
          );
        })}
      </ol>
      <div className="flex flex-wrap gap-2">
        <Button size="xs" disabled={full} onClick={() => onChange([...contestants, draftContestant({ kind: 'moa', preset: catalog.presets[0]?.id ?? '' })], referenceIndex)}>
          Add a MoA preset
        </Button>
        <Button size="xs" disabled={full} onClick={() => onChange([...contestants, draftContestant({ kind: 'model', model: firstModel })], referenceIndex)}>
          Add a single model
        </Button>
        {full && <span className={hintClass}>At most {EVAL_LIMITS.contestants} contestants.</span>}
      </div>
    </fieldset>
  );
}
