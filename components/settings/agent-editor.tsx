import { Button } from '@/components/ui/button';
import { Field, hintClass, problemIdOf } from '@/components/ui/field';
import { CAPS, type MoaConfigInput } from '@/lib/protocol/moa-config';
import { useConfigEditor } from './editor-context';
import { FieldErrors } from './field-errors';
import { ModelSelect } from './model-select';
import { NumberField } from './number-field';

export type AgentInput = MoaConfigInput['aggregator'];

const AGENT_FIELDS = ['model', 'temperature', 'maxOutputTokens'] as const;

/** The fields of one agent the editor draws an input for, by their config path. */
export function agentFieldPaths(field: string): string[] {
  return AGENT_FIELDS.map((name) => `${field}.${name}`);
}

/**
 * One agent's row: model, temperature, max tokens and, when the layer keeps another agent, a remove button.
 * `field` is its config path (`layers.0.agents.1`, `aggregator`), `agentId` its id in the run (`L1.2`).
 */
export function AgentEditor({
  field,
  agentId,
  agent,
  compactLabels,
  onChange,
  onRemove,
}: {
  field: string;
  agentId: string;
  agent: AgentInput;
  /** Rows after a layer's first show their labels only to screen readers on wide screens, under the first row's. */
  compactLabels: boolean;
  onChange: (agent: AgentInput) => void;
  onRemove?: () => void;
}) {
  const { problems, fieldId } = useConfigEditor();
  const isAggregator = field === 'aggregator';
  const controlId = (name: string) => `${fieldId(field)}-${name}`;
  const labelClass = `${hintClass} ${compactLabels ? 'sm:sr-only' : ''}`;
  const problemsOf = (name: string) => problems.get(`${field}.${name}`);
  const describedBy = (name: string) => (problemsOf(name) ? problemIdOf(controlId(name)) : undefined);
  return (
    <fieldset className="min-w-0">
      <legend className="sr-only">{isAggregator ? 'Aggregator model and sampling' : `Agent ${agentId}`}</legend>
      <div className="grid grid-cols-[1fr_1fr_auto] items-end gap-x-2 gap-y-1 sm:grid-cols-[3rem_minmax(0,1fr)_6rem_7rem_5rem]">
        <span
          aria-hidden="true"
          className="hidden font-mono text-xs text-zinc-600 sm:block sm:self-end sm:pb-1.5 dark:text-zinc-400"
        >
          {agentId}
        </span>
        <div className="col-span-3 sm:col-span-1">
          <Field
            id={controlId('model')}
            labelClassName={labelClass}
            label={
              <>
                <span aria-hidden="true" className="font-mono sm:hidden">
                  {agentId} ·{' '}
                </span>
                Model
              </>
            }
          >
            <ModelSelect
              id={controlId('model')}
              value={agent.model}
              describedBy={describedBy('model')}
              testId={isAggregator ? 'aggregator-model' : `agent-model-${agentId}`}
              onChange={(model) => onChange({ ...agent, model })}
            />
          </Field>
        </div>
        <NumberField
          id={controlId('temperature')}
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
          id={controlId('maxOutputTokens')}
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
          <Button onClick={onRemove} aria-label={`Remove agent ${agentId}`} data-testid={`agent-remove-${agentId}`}>
            Remove
          </Button>
        ) : (
          <span />
        )}
      </div>
      {AGENT_FIELDS.map((name) => (
        <FieldErrors key={name} controlId={controlId(name)} messages={problemsOf(name)} />
      ))}
    </fieldset>
  );
}
