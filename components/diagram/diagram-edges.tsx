import { memo } from 'react';
import type { DiagramLayout } from '@/lib/client/diagram-layout';
import type { RunState } from '@/lib/client/run-state';

type EdgeKind = 'idle' | 'carried' | 'dropped' | 'flowing';

const edgeStyle: Record<EdgeKind, { className: string; strokeWidth: number; dash?: string }> = {
  idle: { className: 'stroke-zinc-300 dark:stroke-zinc-700', strokeWidth: 1 },
  carried: { className: 'stroke-emerald-500/60 dark:stroke-emerald-400/50', strokeWidth: 1 },
  dropped: { className: 'stroke-red-400/25', strokeWidth: 1, dash: '3 4' },
  flowing: { className: 'edge-flow stroke-blue-500 dark:stroke-blue-400', strokeWidth: 1.6 },
};

/**
 * The edges of the diagram. An edge carries an answer forward: it is drawn solid once its source answered,
 * faded when the source failed or was cut, and animates while the next layer is reading. Edges of one kind are
 * drawn as a single path, so an animation restyles one element per frame, not dozens. While a node is hovered or
 * focused (`active`), its edges are drawn again on top, strong, and the rest fade: one more path, not a restyle of
 * every edge.
 */
export const DiagramEdges = memo(function DiagramEdges({
  layout,
  state,
  interrupted,
  active,
}: {
  layout: DiagramLayout;
  state: RunState;
  interrupted: boolean;
  active?: string;
}) {
  const paths: Record<EdgeKind, string[]> = { idle: [], carried: [], dropped: [], flowing: [] };
  const highlighted: string[] = [];
  for (const edge of layout.edges) {
    const source = state.agents[edge.from]?.status;
    const nextLayer = state.layers[edge.layer + 1];
    const kind: EdgeKind =
      source === 'done'
        ? !interrupted && nextLayer?.status === 'running'
          ? 'flowing'
          : 'carried'
        : source === 'failed' || source === 'cut'
          ? 'dropped'
          : 'idle';
    paths[kind].push(edge.path);
    if (edge.from === active || edge.to === active) highlighted.push(edge.path);
  }
  const dimmed = highlighted.length > 0;
  return (
    <svg
      aria-hidden
      width={layout.width}
      height={layout.height}
      data-testid="diagram-edges"
      data-dimmed={dimmed || undefined}
      className="pointer-events-none absolute top-0 left-0 overflow-visible"
    >
      <g className={`transition-opacity duration-150 ${dimmed ? 'opacity-30' : ''}`}>
        {(Object.keys(paths) as EdgeKind[]).map((kind) =>
          paths[kind].length === 0 ? null : (
            <path
              key={kind}
              data-edges={kind}
              data-count={paths[kind].length}
              d={paths[kind].join(' ')}
              fill="none"
              strokeWidth={edgeStyle[kind].strokeWidth}
              strokeDasharray={edgeStyle[kind].dash}
              className={edgeStyle[kind].className}
            />
          ),
        )}
        {Object.entries(layout.waypoints).map(([layer, point]) => (
          <circle key={layer} cx={point.x} cy={point.y} r={3} className="fill-zinc-400 dark:fill-zinc-500" />
        ))}
      </g>
      {dimmed && (
        <path
          data-edges="highlighted"
          data-count={highlighted.length}
          d={highlighted.join(' ')}
          fill="none"
          strokeWidth={2}
          className="stroke-blue-600 dark:stroke-sky-300"
        />
      )}
    </svg>
  );
});
