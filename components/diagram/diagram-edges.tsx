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
 * drawn as a single path, so an animation restyles one element per frame, not dozens.
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
  const paths: Record<EdgeKind, string[]> = { idle: [], carried: [], dropped: [], flowing: [] };
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
  }
  return (
    <svg aria-hidden width={layout.width} height={layout.height} className="pointer-events-none absolute top-0 left-0 overflow-visible">
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
    </svg>
  );
});
