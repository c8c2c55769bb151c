import { memo } from 'react';
import type { DiagramLayout } from '@/lib/client/diagram-layout';
import type { RunState } from '@/lib/client/run-state';

/**
 * The edges of the diagram. An edge carries an answer forward: it is drawn solid once its source answered,
 * faded when the source failed or was cut, and animates while the next layer is reading.
 */
export const DiagramEdges = memo(function DiagramEdges({
  layout,
  state,
  interrupted,
}: {
  layout: DiagramLayout;
  state: RunState;
  interrupted: boolean;
}) {
  return (
    <svg
      aria-hidden
      width={layout.width}
      height={layout.height}
      className="pointer-events-none absolute top-0 left-0 overflow-visible"
    >
      {layout.edges.map((edge) => {
        const source = state.agents[edge.from]?.status;
        const nextLayer = state.layers[edge.layer + 1];
        const flowing = !interrupted && source === 'done' && nextLayer?.status === 'running';
        const carried = source === 'done';
        const dropped = source === 'failed' || source === 'cut';
        return (
          <path
            key={`${edge.from}-${edge.to}`}
            d={edge.path}
            fill="none"
            strokeWidth={flowing ? 1.6 : 1}
            data-flowing={flowing || undefined}
            className={
              flowing
                ? 'edge-flow stroke-blue-500 dark:stroke-blue-400'
                : carried
                  ? 'stroke-emerald-500/60 dark:stroke-emerald-400/50'
                  : dropped
                    ? 'stroke-red-400/25'
                    : 'stroke-zinc-300 dark:stroke-zinc-700'
            }
            strokeDasharray={dropped ? '3 4' : undefined}
          />
        );
      })}
    </svg>
  );
});
