import { describe, expect, it } from 'vitest';
import { DIAGRAM, diagramLayout } from '@/lib/client/diagram-layout';

type Point = { x: number; y: number };

const layer = (number: number, count: number) => ({
  layer: number,
  agents: Array.from({ length: count }, (_, index) => ({ id: `L${number}.${index + 1}` })),
});

/** The polyline of an SVG path made of one `M` and cubic `C` segments, sampled along each curve. */
function sample(path: string, steps = 24): Point[] {
  const numbers = path.match(/-?\d+(\.\d+)?/g)!.map(Number);
  let current = { x: numbers[0]!, y: numbers[1]! };
  const points = [current];
  for (let index = 2; index + 5 < numbers.length; index += 6) {
    const [c1x, c1y, c2x, c2y, x, y] = numbers.slice(index, index + 6) as [number, number, number, number, number, number];
    const start = current;
    for (let step = 1; step <= steps; step += 1) {
      const t = step / steps;
      const u = 1 - t;
      points.push({
        x: u ** 3 * start.x + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t ** 3 * x,
        y: u ** 3 * start.y + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t ** 3 * y,
      });
    }
    current = { x, y };
  }
  return points;
}

/** Where two segments cross at a single interior point, if they do (touching or overlapping is not crossing). */
function crossing(a: Point, b: Point, c: Point, d: Point): Point | undefined {
  const denominator = (b.x - a.x) * (d.y - c.y) - (b.y - a.y) * (d.x - c.x);
  if (Math.abs(denominator) < 1e-9) return undefined;
  const t = ((c.x - a.x) * (d.y - c.y) - (c.y - a.y) * (d.x - c.x)) / denominator;
  const u = ((c.x - a.x) * (b.y - a.y) - (c.y - a.y) * (b.x - a.x)) / denominator;
  const inside = (value: number) => value > 1e-6 && value < 1 - 1e-6;
  return inside(t) && inside(u) ? { x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y) } : undefined;
}

/** Crossings between the edges' curves, away from `exceptNear` (the point a bundle shares on purpose). */
function countCrossings(paths: string[], exceptNear?: Point): number {
  const lines = paths.map((path) => sample(path));
  let count = 0;
  for (let i = 0; i < lines.length; i += 1) {
    for (let j = i + 1; j < lines.length; j += 1) {
      const first = lines[i]!;
      const second = lines[j]!;
      for (let a = 0; a + 1 < first.length; a += 1) {
        for (let b = 0; b + 1 < second.length; b += 1) {
          const point = crossing(first[a]!, first[a + 1]!, second[b]!, second[b + 1]!);
          if (point && !(exceptNear && Math.hypot(point.x - exceptNear.x, point.y - exceptNear.y) < 2)) count += 1;
        }
      }
    }
  }
  return count;
}

describe('diagramLayout', () => {
  it('wires every agent of a layer to every agent of the next', () => {
    const layout = diagramLayout([layer(1, 6), layer(2, 6), layer(3, 1)]);
    expect(layout.edges).toHaveLength(36 + 6);
    expect(layout.edges.filter((edge) => edge.to === 'L2.4').map((edge) => edge.from)).toEqual(
      ['L1.1', 'L1.2', 'L1.3', 'L1.4', 'L1.5', 'L1.6'],
    );
  });

  it('centres each column and places the columns a gap apart', () => {
    const layout = diagramLayout([layer(1, 6), layer(2, 1)]);
    expect(layout.height).toBe(6 * DIAGRAM.nodeHeight + 5 * DIAGRAM.rowGap);
    expect(layout.width).toBe(2 * DIAGRAM.nodeWidth + DIAGRAM.columnGap);
    expect(layout.nodes['L2.1']).toEqual({ x: DIAGRAM.nodeWidth + DIAGRAM.columnGap, y: (layout.height - DIAGRAM.nodeHeight) / 2 });
  });

  it('routes all edges between two layers through one waypoint halfway across the gap', () => {
    const layout = diagramLayout([layer(1, 6), layer(2, 6), layer(3, 1)]);
    const waypoint = layout.waypoints[1]!;
    expect(waypoint).toEqual({ x: DIAGRAM.nodeWidth + DIAGRAM.columnGap / 2, y: layout.height / 2 });
    for (const edge of layout.edges.filter((candidate) => candidate.layer === 1)) {
      expect(edge.path).toContain(` ${waypoint.x},${waypoint.y} C`);
    }
  });

  it('draws the 36 edges between two six-agent layers as a bundle that crosses nowhere but its waypoint', () => {
    const layout = diagramLayout([layer(1, 6), layer(2, 6)]);
    const paths = layout.edges.map((edge) => edge.path);
    expect(countCrossings(paths, layout.waypoints[1])).toBe(0);
  });

  it('measures the braid it replaces: direct curves between two six-agent layers cross each other over a hundred times', () => {
    const layout = diagramLayout([layer(1, 6), layer(2, 6)]);
    const direct = layout.edges.map((edge) => {
      const numbers = edge.path.match(/-?\d+(\.\d+)?/g)!.map(Number);
      const [x1, y1] = numbers;
      const [x2, y2] = numbers.slice(-2);
      const bend = DIAGRAM.columnGap / 2;
      return `M${x1},${y1} C${x1! + bend},${y1} ${x2! - bend},${y2} ${x2},${y2}`;
    });
    expect(countCrossings(direct)).toBeGreaterThan(100);
  });
});
