/** The engine benchmark's tables and lines. */
import { CONCURRENT_RUNS, HEAP_SAMPLE_MS, LIVE_SAMPLE_MS, PAPER_SHAPE, type Shape } from './setup';
import { type RunMeasurement, fastestConfiguredFirstTokenMs } from './measure';
import { type WireRow, wireLines } from './wires';
import type { HeapMeasurement } from './heap';
import { median as medianOfValues } from '@/lib/stats/median';

export interface Row {
  mode: string;
  shape: Shape;
  measurements: RunMeasurement[];
}

/** The median of the finite values, NaN for none (a table cell shows it as a dash). */
export function median(values: number[]): number {
  return medianOfValues(values.filter((value) => Number.isFinite(value))) ?? Number.NaN;
}

export function medianOf(measurements: RunMeasurement[], pick: (measurement: RunMeasurement) => number | undefined): number {
  return median(measurements.map(pick).filter((value): value is number => value !== undefined));
}

export function format(value: number, digits = 0): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '—';
}

export function tableRow(row: Row): string[] {
  const { measurements } = row;
  return [
    row.mode,
    row.shape.name,
    String(measurements.length),
    format(medianOf(measurements, (run) => run.wallMs)),
    format(medianOf(measurements, (run) => run.criticalPathMs)),
    format(medianOf(measurements, (run) => run.wallMs / run.criticalPathMs), 3),
    format(medianOf(measurements, (run) => (run.modelPathMs ? run.wallMs / run.modelPathMs : undefined)), 3),
    format(medianOf(measurements, (run) => run.firstTokenOnWireMs)),
    format(medianOf(measurements, (run) => run.eventsPerSecond)),
  ];
}

export function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export function firstTokenLines(routeRows: Row[]): string[] {
  return routeRows.map((row) => {
    const wire = medianOf(row.measurements, (run) => run.firstTokenOnWireMs);
    const engine = medianOf(row.measurements, (run) => run.engineFirstTokenMs);
    const configured = fastestConfiguredFirstTokenMs(row.shape);
    return (
      `First proposer token on the wire, route ${row.shape.name}: ${format(wire)} ms; the engine saw it at ` +
      `${format(engine)} ms (wire − engine = ${format(wire - engine)} ms of route + SSE overhead); the fastest ` +
      `agent's configured first token is ${format(configured)} ms (wire − configured = ${format(wire - configured)} ms, ` +
      `simulator jitter ±25% included).`
    );
  });
}

/** Below this, what stays after the runs is measurement noise rather than a leak. */
export const LEAK_NOISE_BYTES_PER_RUN = 32 * 1024;

export function leakVerdict(retainedBytes: number): string {
  return Math.abs(retainedBytes / CONCURRENT_RUNS) < LEAK_NOISE_BYTES_PER_RUN ? ' (≈ 0: no leak)' : ' (a leak?)';
}

export function heapLines(heap: HeapMeasurement, singleRunWallMs: number): string[] {
  const megabytes = (bytes: number) => `${format(bytes / 1024 / 1024, 1)} MB`;
  const perRun = (bytes: number) => `${format(bytes / CONCURRENT_RUNS / 1024)} KB`;
  const baseline = heap.garbageCollectorExposed
    ? `baseline ${megabytes(heap.baselineBytes)} after gc()`
    : `baseline ${megabytes(heap.baselineBytes)}; gc() is not exposed, so the baseline includes garbage`;
  const live =
    heap.peakLiveBytes === undefined
      ? 'live peak not measured (needs gc())'
      : `live peak (after gc(), every ${LIVE_SAMPLE_MS / 1000} s) ${perRun(heap.peakLiveBytes - heap.baselineBytes)} per run`;
  return [
    `Heap per concurrent run (${CONCURRENT_RUNS} concurrent 3×6 in-process runs, engine + SSE response, bodies ` +
      `consumed): (peak − baseline) / ${CONCURRENT_RUNS} = ${perRun(heap.peakBytes - heap.baselineBytes)} ` +
      `(${baseline}, peak ${megabytes(heap.peakBytes)} sampled every ${HEAP_SAMPLE_MS} ms); ${live}; ` +
      `retained after the runs and gc(): ${perRun(heap.retainedBytes)} per run${leakVerdict(heap.retainedBytes)}.`,
    `Under that load: batch wall ${format(heap.wallMs)} ms (one 3×6 run alone: ${format(singleRunWallMs)} ms), ` +
      `CPU ${format(heap.cpuMs / CONCURRENT_RUNS)} ms per run, median wall ÷ critical path ${format(heap.medianRatio, 3)}.`,
  ];
}

export function singleRunWallMs(rows: Row[]): number {
  const paperRow = rows.find((row) => row.mode === 'in-process' && row.shape === PAPER_SHAPE);
  return paperRow ? medianOf(paperRow.measurements, (run) => run.wallMs) : Number.NaN;
}

export function report(rows: Row[], wires: WireRow[], heap: HeapMeasurement): string {
  const header = [
    'mode',
    'config',
    'runs',
    'median wall ms',
    'median critical path ms',
    'ratio',
    'wall ÷ model path',
    'first token on wire ms',
    'events/s',
  ];
  return [
    '',
    markdownTable(header, rows.map(tableRow)),
    '',
    ...firstTokenLines(rows.filter((row) => row.mode === 'route')),
    ...wireLines(wires),
    ...heapLines(heap, singleRunWallMs(rows)),
    '',
  ].join('\n');
}

/** A line on stderr saying what the benchmark is doing now; the report goes to stdout. */
export function progress(message: string): void {
  process.stderr.write(`[bench:engine] ${message}\n`);
}
