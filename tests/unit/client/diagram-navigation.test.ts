import { describe, expect, it } from 'vitest';
import { nextDiagramNode } from '@/lib/client/diagram-navigation';

const six = (layer: number) => Array.from({ length: 6 }, (_, index) => `L${layer}.${index + 1}`);
const columns = [six(1), six(2), ['L3.1']];

describe('nextDiagramNode', () => {
  it('moves right and left to the node on the same row of the neighbouring layer', () => {
    expect(nextDiagramNode(columns, 'L1.4', 'ArrowRight')).toBe('L2.4');
    expect(nextDiagramNode(columns, 'L2.4', 'ArrowLeft')).toBe('L1.4');
  });

  it('moves from any node of a wide layer to the only node of the aggregator', () => {
    expect(nextDiagramNode(columns, 'L2.1', 'ArrowRight')).toBe('L3.1');
    expect(nextDiagramNode(columns, 'L2.6', 'ArrowRight')).toBe('L3.1');
  });

  it('moves from the aggregator to the node level with it in the layer before', () => {
    expect(['L2.3', 'L2.4']).toContain(nextDiagramNode(columns, 'L3.1', 'ArrowLeft'));
  });

  it('moves up and down within a layer and stops at its ends', () => {
    expect(nextDiagramNode(columns, 'L1.2', 'ArrowDown')).toBe('L1.3');
    expect(nextDiagramNode(columns, 'L1.2', 'ArrowUp')).toBe('L1.1');
    expect(nextDiagramNode(columns, 'L1.1', 'ArrowUp')).toBe('L1.1');
    expect(nextDiagramNode(columns, 'L1.6', 'ArrowDown')).toBe('L1.6');
  });

  it('keeps the focus where it is at the first and the last layer', () => {
    expect(nextDiagramNode(columns, 'L1.3', 'ArrowLeft')).toBe('L1.3');
    expect(nextDiagramNode(columns, 'L3.1', 'ArrowRight')).toBe('L3.1');
  });

  it('goes to the first node with Home and the last with End', () => {
    expect(nextDiagramNode(columns, 'L2.5', 'Home')).toBe('L1.1');
    expect(nextDiagramNode(columns, 'L2.5', 'End')).toBe('L3.1');
  });

  it('leaves other keys, and nodes it does not know, to the page', () => {
    expect(nextDiagramNode(columns, 'L1.1', 'Tab')).toBeUndefined();
    expect(nextDiagramNode(columns, 'L9.9', 'ArrowDown')).toBeUndefined();
  });
});
