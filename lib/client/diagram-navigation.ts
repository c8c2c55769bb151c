/**
 * The node that a key moves focus to in the diagram, laid out as columns of agent ids (one per layer). Left and
 * right go to the neighbouring layer, to the node level with the current one (columns are centred, so row 3 of 6
 * sits beside the only node of a one-agent layer); up and down move within the layer; Home and End go to the first
 * and the last node of the whole diagram. At an edge the focus stays put. Keys it does not handle give `undefined`,
 * so the page keeps their default behaviour.
 */
export function nextDiagramNode(columns: readonly (readonly string[])[], current: string, key: string): string | undefined {
  const column = columns.findIndex((ids) => ids.includes(current));
  if (column === -1) return undefined;
  const ids = columns[column]!;
  const row = ids.indexOf(current);
  switch (key) {
    case 'ArrowUp':
      return ids[Math.max(0, row - 1)];
    case 'ArrowDown':
      return ids[Math.min(ids.length - 1, row + 1)];
    case 'ArrowLeft':
    case 'ArrowRight': {
      const target = columns[column + (key === 'ArrowLeft' ? -1 : 1)];
      if (!target || target.length === 0) return current;
      const level = row - (ids.length - 1) / 2 + (target.length - 1) / 2;
      return target[Math.min(target.length - 1, Math.max(0, Math.round(level)))];
    }
    case 'Home':
      return columns.find((candidate) => candidate.length > 0)?.[0];
    case 'End':
      return columns.findLast((candidate) => candidate.length > 0)?.at(-1);
    default:
      return undefined;
  }
}
