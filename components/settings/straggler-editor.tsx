import { hintClass, problemIdOf } from '@/components/ui/field';
import { CAPS, type MoaConfigInput } from '@/lib/protocol/moa-config';
import { useConfigEditor } from './editor-context';
import { FieldErrors } from './field-errors';
import { NumberField } from './number-field';

const DEFAULT_LAYER_DEADLINE_MS = 15_000;

/** The policy in one sentence, with its numbers, as the engine applies it (`runLayer` in `lib/moa/run-moa.ts`). */
function stragglerRule(straggler: { minResponses: number; layerDeadlineMs: number }): string {
  const needed = Number.isFinite(straggler.minResponses) ? straggler.minResponses : 'enough';
  const seconds = Number.isFinite(straggler.layerDeadlineMs) ? straggler.layerDeadlineMs / 1000 : undefined;
  const after = seconds === undefined ? 'After the deadline' : seconds === 0 ? 'From the start' : `After ${seconds} s`;
  return `${after}, as soon as ${needed} of a layer's agents have answered, the layer goes on and its other agents are cut. Each agent is still bounded by its timeout.`;
}

/** The straggler policy: off, or a minimum of answers and a deadline after which a layer goes on without the rest. */
export function StragglerEditor({
  config,
  onChange,
}: {
  config: MoaConfigInput;
  onChange: (config: MoaConfigInput) => void;
}) {
  const { problems, fieldId } = useConfigEditor();
  const straggler = config.straggler;
  const smallestLayer = Math.min(...config.layers.map((layer) => layer.agents.length), CAPS.agentsPerLayer);
  const toggle = (on: boolean) => {
    if (!on) {
      const { straggler: _off, ...rest } = config;
      onChange(rest);
      return;
    }
    onChange({
      ...config,
      straggler: { minResponses: Math.max(1, smallestLayer - 1), layerDeadlineMs: DEFAULT_LAYER_DEADLINE_MS },
    });
  };
  const minResponsesId = fieldId('straggler.minResponses');
  const deadlineId = fieldId('straggler.layerDeadlineMs');
  const hintId = fieldId('straggler.hint');
  const describedBy = (field: string, controlId: string) => (problems.has(field) ? problemIdOf(controlId) : undefined);
  return (
    <fieldset className="min-w-0 rounded-md border border-zinc-200 p-2 sm:p-3 dark:border-zinc-800">
      <legend className="px-1 font-medium">Stragglers</legend>
      <label className="flex items-start gap-2">
        <input
          type="checkbox"
          checked={straggler !== undefined}
          onChange={(event) => toggle(event.target.checked)}
          aria-describedby={hintId}
          data-testid="straggler-toggle"
          className="mt-0.5 accent-blue-600"
        />
        <span>Let a layer go on without its slowest agents</span>
      </label>
      <p id={hintId} className={`${hintClass} mt-1`}>
        {straggler
          ? stragglerRule(straggler)
          : 'Off: every layer waits for all its agents (each still bounded by its timeout).'}
      </p>
      {straggler && (
        <>
          <div className="mt-2 grid max-w-sm grid-cols-2 gap-2">
            <NumberField
              id={minResponsesId}
              label="Answers needed"
              value={straggler.minResponses}
              min={1}
              max={smallestLayer}
              step={1}
              required
              describedBy={describedBy('straggler.minResponses', minResponsesId)}
              testId="straggler-min-responses"
              onChange={(minResponses) =>
                onChange({ ...config, straggler: { ...straggler, minResponses: minResponses ?? Number.NaN } })
              }
            />
            <NumberField
              id={deadlineId}
              label="Layer deadline (seconds)"
              value={straggler.layerDeadlineMs / 1000}
              min={0}
              max={CAPS.layerDeadlineMs / 1000}
              step={1}
              required
              describedBy={describedBy('straggler.layerDeadlineMs', deadlineId)}
              testId="straggler-deadline"
              onChange={(seconds) =>
                onChange({
                  ...config,
                  straggler: {
                    ...straggler,
                    layerDeadlineMs: seconds === undefined ? Number.NaN : Math.round(seconds * 1000),
                  },
                })
              }
            />
          </div>
          <FieldErrors controlId={minResponsesId} messages={problems.get('straggler.minResponses')} />
          <FieldErrors controlId={deadlineId} messages={problems.get('straggler.layerDeadlineMs')} />
        </>
      )}
    </fieldset>
  );
}
