/**
 * Sizes of the diagram, in CSS pixels. Fixed sizes let edges be computed without measuring the DOM. The gap between
 * columns is wide enough for a bundle to gather and fan out without its curves turning into vertical strokes.
 */
export const DIAGRAM = { nodeWidth: 176, nodeHeight: 88, rowGap: 10, columnGap: 84 } as const;

export interface DiagramEdge {
  from: string;
  to: string;
  /** The layer the edge leaves. */
  layer: number;
  path: string;
}

export interface DiagramLayout {
  width: number;
  height: number;
  nodes: Record<string, { x: number; y: number }>;
  edges: DiagramEdge[];
  /** One point per pair of neighbouring layers, where all of their edges meet, by the layer the edges leave. */
  waypoints: Record<number, { x: number; y: number }>;
}

/**
 * Places one column per layer, each centred vertically, and joins every agent of a layer to every agent of the
 * next: in a MoA, each agent of layer l + 1 reads all answers of layer l. With six agents on each side that is 36
 * edges, which drawn directly cross each other hundreds of times; so every edge between two layers passes through
 * one waypoint halfway across the gap, arriving and leaving level. The edges then read as one bundle that gathers
 * the answers of a layer and hands them to each agent of the next, and none of them cross away from the waypoint.
 */
export function diagramLayout(layers: { layer: number; agents: { id: string }[] }[]): DiagramLayout {
  const { nodeWidth, nodeHeight, rowGap, columnGap } = DIAGRAM;
  const columnHeight = (count: number) => count * nodeHeight + Math.max(0, count - 1) * rowGap;
  const height = Math.max(0, ...layers.map((layer) => columnHeight(layer.agents.length)));
  const width = layers.length * nodeWidth + Math.max(0, layers.length - 1) * columnGap;
  const nodes: DiagramLayout['nodes'] = {};
  layers.forEach((layer, column) => {
    const top = (height - columnHeight(layer.agents.length)) / 2;
    layer.agents.forEach((agent, row) => {
      nodes[agent.id] = { x: column * (nodeWidth + columnGap), y: top + row * (nodeHeight + rowGap) };
    });
  });
  const edges: DiagramEdge[] = [];
  const waypoints: DiagramLayout['waypoints'] = {};
  // Control points half a bend from each end keep the curves level at both nodes and at the waypoint.
  const bend = columnGap / 4;
  for (let column = 0; column + 1 < layers.length; column += 1) {
    const current = layers[column]!;
    const waypoint = { x: column * (nodeWidth + columnGap) + nodeWidth + columnGap / 2, y: height / 2 };
    waypoints[current.layer] = waypoint;
    const { x: xm, y: ym } = waypoint;
    for (const from of current.agents) {
      for (const to of layers[column + 1]!.agents) {
        const start = nodes[from.id]!;
        const end = nodes[to.id]!;
        const x1 = start.x + nodeWidth;
        const y1 = start.y + nodeHeight / 2;
        const x2 = end.x;
        const y2 = end.y + nodeHeight / 2;
        const path = `M${x1},${y1} C${x1 + bend},${y1} ${xm - bend},${ym} ${xm},${ym} C${xm + bend},${ym} ${x2 - bend},${y2} ${x2},${y2}`;
        edges.push({ from: from.id, to: to.id, layer: current.layer, path });
      }
    }
  }
  return { width, height, nodes, edges, waypoints };
}
