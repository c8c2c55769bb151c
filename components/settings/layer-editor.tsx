import { Button } from '@/components/ui/button';
import { hintClass } from '@/components/ui/field';
import { CAPS } from '@/lib/protocol/moa-config';
import { agentIdOf } from '@/lib/protocol/run-parts';
import { AgentEditor, type AgentInput } from './agent-editor';
import { useConfigEditor } from './editor-context';
import { FieldErrors } from './field-errors';
import { useFocusAfterRender } from './use-focus-after-render';

/**
 * One proposer layer: its agents, each removable while another stays, and a button that adds a copy of the last
 * one. Focus follows: to the new agent's model, or to the add button when an agent is removed.
 */
export function LayerEditor({
  layerIndex,
  agents,
  newAgent,
  onChange,
}: {
  layerIndex: number;
  agents: AgentInput[];
  /** What an added agent starts as when the layer has none to copy. */
  newAgent: AgentInput;
  onChange: (agents: AgentInput[]) => void;
}) {
  const { problems, fieldId } = useConfigEditor();
  const focusAfterRender = useFocusAfterRender();
  const layerField = `layers.${layerIndex}.agents`;
  const addButtonId = fieldId(`${layerField}.add`);
  return (
    <fieldset className="min-w-0 rounded-md border border-zinc-200 p-2 sm:p-3 dark:border-zinc-800">
      <legend className="px-1 font-medium">
        Layer {layerIndex + 1}{' '}
        <span className={hintClass}>
          · {agents.length} {agents.length === 1 ? 'agent' : 'agents'}
        </span>
      </legend>
      <ol className="space-y-2">
        {agents.map((agent, agentIndex) => {
          // An agent of a config is its place in it: the run gives it this id.
          const agentId = agentIdOf(layerIndex + 1, agentIndex + 1);
          return (
            <li key={agentId}>
              <AgentEditor
                field={`${layerField}.${agentIndex}`}
                agentId={agentId}
                agent={agent}
                compactLabels={agentIndex > 0}
                onChange={(next) =>
                  onChange(agents.map((candidate, index) => (index === agentIndex ? next : candidate)))
                }
                onRemove={
                  agents.length > 1
                    ? () => {
                        onChange(agents.filter((_, index) => index !== agentIndex));
                        focusAfterRender(addButtonId);
                      }
                    : undefined
                }
              />
            </li>
          );
        })}
      </ol>
      <FieldErrors controlId={fieldId(layerField)} messages={problems.get(layerField)} />
      <Button
        id={addButtonId}
        className="mt-2"
        disabled={agents.length >= CAPS.agentsPerLayer}
        onClick={() => {
          onChange([...agents, structuredClone(agents.at(-1) ?? newAgent)]);
          focusAfterRender(`${fieldId(`${layerField}.${agents.length}`)}-model`);
        }}
      >
        Add agent<span className="sr-only"> to layer {layerIndex + 1}</span>
      </Button>
    </fieldset>
  );
}
