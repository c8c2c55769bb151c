/** Figures and markdown tables for the load benchmark's report. */
import type { RunOutcome } from './moa-runs';
import type { ProcessUsage } from './process-sampler';
import type { ReadBack, WriteOutcome } from './writes';

/** Nearest-rank percentile (`rank` in 0–100) of some numbers; undefined for none. */
export function percentile(values: readonly number[], rank: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((rank / 100) * sorted.length))) - 1];
}

/** p50, p95, p99 and max of some durations, as table cells in milliseconds. */
export function latencyCells(values: readonly number[]): string[] {
  return [50, 95, 99, 100].map((rank) => milliseconds(percentile(values, rank)));
}

export function milliseconds(value: number | undefined): string {
  return value === undefined ? '–' : `${Math.round(value).toLocaleString('en-US')} ms`;
}

export function seconds(valueMs: number): string {
  return `${(valueMs / 1000).toFixed(1)} s`;
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

export function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** An error's name and message, with its cause's (`fetch failed` says nothing without its cause). */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause =
    error.cause instanceof Error
      ? ` (${(error.cause as Error & { code?: string }).code ?? error.cause.name}: ${error.cause.message})`
      : '';
  return `${error.name}: ${error.message}${cause}`;
}

export function verdict(passed: boolean): string {
  return passed ? 'PASS' : 'MISS';
}

/** Prints a markdown table, columns padded so it also reads as plain text. */
export function printTable(headers: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  console.log(line(headers));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log('');
}

/** Reasons and how often each occurred, most frequent first. */
export function tally(reasons: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}

// ---------------------------------------------------------------------------------------------------------------
// The report

/** What the server and this process used during one phase. */
export type PhaseUsage = { name: string; server: ProcessUsage; bench: ProcessUsage };

export type WritePhase = {
  name: string;
  outcomes: WriteOutcome[];
  wallMs: number;
  readBack: ReadBack;
  readBackMethod: string;
};

export type LoadResults = {
  /** Times of the same burst rejected with 400, no run started. */
  floorMs: number[];
  runs: RunOutcome[];
  runsWallMs: number;
  /** Event-loop delay of this process during the runs. */
  loopDelay: { p99Ms: number; maxMs: number };
  writes: WritePhase[];
  usage: PhaseUsage[];
  /** What `next start` printed from the warm-up on. */
  serverLog: string;
};

export const FIRST_EVENT_TARGET_MS = 250;
/** The time to first event's p99 at most this many times the rejected burst's: the admission of runs costs little more. */
export const FIRST_EVENT_TARGET_FLOOR_RATIO = 2;
const SERVER_LOG_PROBLEM = /error|uncaught|unhandled|warn|ECONNRESET/i;

/** Prints every table and the targets; true when no run failed and no write failed or was lost. */
export function printReport(results: LoadResults): boolean {
  const { runs } = results;
  const failedRuns = runs.filter((run) => run.failure);
  const firstEvents = runs.flatMap((run) => (run.firstEventMs === undefined ? [] : [run.firstEventMs]));
  const completed = runs.filter((run) => !run.failure);
  const headers = runs.flatMap((run) => (run.headersMs === undefined ? [] : [run.headersMs]));

  console.log(`\n## Runs: ${runs.length} concurrent 3×6 MoA runs\n`);
  printTable(
    ['runs', 'completed', 'failed', 'upstream retries', 'phase wall time'],
    [
      [
        count(runs.length),
        count(completed.length),
        count(failedRuns.length),
        count(runs.reduce((sum, run) => sum + run.retries.length, 0)),
        seconds(results.runsWallMs),
      ],
    ],
  );
  printTable(
    ['from the request sent', 'runs', 'p50', 'p95', 'p99', 'max'],
    [
      ['floor: the burst rejected (400)', count(results.floorMs.length), ...latencyCells(results.floorMs)],
      ['response headers', count(headers.length), ...latencyCells(headers)],
      ['time to first event', count(firstEvents.length), ...latencyCells(firstEvents)],
      [
        'time to last token',
        count(completed.length),
        ...latencyCells(completed.flatMap((run) => (run.lastTokenMs === undefined ? [] : [run.lastTokenMs]))),
      ],
      ['end of the stream', count(completed.length), ...latencyCells(completed.map((run) => run.endMs))],
    ],
  );
  const retries = tally(runs.flatMap((run) => run.retries));
  if (retries.length > 0) {
    console.log('Upstream retries by reason:\n');
    printTable(
      ['reason', 'retries'],
      retries.slice(0, 5).map(([reason, times]) => [reason, count(times)]),
    );
  }
  if (failedRuns.length > 0) {
    console.log('Failed runs by reason:\n');
    printTable(
      ['reason', 'runs'],
      tally(failedRuns.map((run) => run.failure as string)).map(([reason, runsFailed]) => [reason, count(runsFailed)]),
    );
  }

  console.log(
    `## Writes: ${results.writes.map((phase) => `${count(phase.outcomes.length)} ${phase.name}`).join(', then ')}\n`,
  );
  printTable(
    ['write', 'sent', 'acknowledged', 'failed', 'p50', 'p95', 'p99', 'max', 'writes/s'],
    results.writes.map((phase) => {
      const failed = phase.outcomes.filter((outcome) => outcome.failure).length;
      return [
        phase.name,
        count(phase.outcomes.length),
        count(phase.outcomes.length - failed),
        count(failed),
        ...latencyCells(phase.outcomes.map((outcome) => outcome.latencyMs)),
        (phase.outcomes.length / (phase.wallMs / 1000)).toFixed(0),
      ];
    }),
  );
  printTable(
    ['read back', 'checked', 'unchanged', 'lost', 'changed', 'unreadable', 'how'],
    results.writes.map(({ name, readBack, readBackMethod }) => [
      name,
      count(readBack.checked),
      count(readBack.matched),
      count(readBack.lost),
      count(readBack.changed),
      count(readBack.unreadable),
      readBackMethod,
    ]),
  );
  for (const phase of results.writes) {
    const failures = tally(phase.outcomes.flatMap((outcome) => (outcome.failure ? [outcome.failure] : [])));
    if (failures.length > 0)
      console.log(
        `Failed ${phase.name}: ${failures
          .slice(0, 5)
          .map(([reason, times]) => `${times}× ${reason}`)
          .join('; ')}`,
      );
    if (phase.readBack.problems.length > 0)
      console.log(`Read-back of ${phase.name}: ${phase.readBack.problems.slice(0, 5).join('; ')}`);
  }

  console.log('## Resources\n');
  printTable(
    ['phase', 'process', 'duration', 'peak RSS', 'peak CPU (250 ms)', 'mean CPU', 'CPU time'],
    results.usage.flatMap((phase) => [
      usageRow(phase.name, 'next start', phase.server),
      usageRow(phase.name, 'bench (clients + upstream)', phase.bench),
    ]),
  );
  console.log(
    `Event-loop delay of the bench process during the runs: p99 ${milliseconds(results.loopDelay.p99Ms)}, max ${milliseconds(results.loopDelay.maxMs)} ` +
      '(time the clients were late reading what the server had sent).\n',
  );

  const problems = results.serverLog.split('\n').filter((line) => SERVER_LOG_PROBLEM.test(line));
  console.log(`Server log from the warm-up on: ${count(problems.length)} lines mentioning an error or warning.`);
  for (const [line, times] of tally(problems).slice(0, 5)) console.log(`  ${times}× ${line.slice(0, 200)}`);

  const firstEventP99 = percentile(firstEvents, 99);
  const writesSent = results.writes.reduce((sum, phase) => sum + phase.outcomes.length, 0);
  const writesFailed = results.writes.reduce(
    (sum, phase) => sum + phase.outcomes.filter((outcome) => outcome.failure).length,
    0,
  );
  const writesLost = results.writes.reduce(
    (sum, { readBack }) => sum + readBack.lost + readBack.changed + readBack.unreadable,
    0,
  );
  const runsPass = failedRuns.length === 0;
  const writesPass = writesFailed === 0 && writesLost === 0;
  const allFirstEvents = firstEvents.length === runs.length;
  const latencyPass = firstEventP99 !== undefined && firstEventP99 < FIRST_EVENT_TARGET_MS && allFirstEvents;
  const floorP99 = percentile(results.floorMs, 99);
  const floorRatio = firstEventP99 !== undefined && floorP99 ? firstEventP99 / floorP99 : undefined;
  const floorRatioPass = floorRatio !== undefined && floorRatio <= FIRST_EVENT_TARGET_FLOOR_RATIO && allFirstEvents;

  console.log('\n## Targets\n');
  printTable(
    ['target', 'result', 'verdict'],
    [
      ['zero failed runs', `${count(failedRuns.length)} of ${count(runs.length)} failed`, verdict(runsPass)],
      [
        'zero lost writes',
        `${count(writesFailed)} of ${count(writesSent)} refused or unanswered, ${count(writesLost)} acknowledged but not read back unchanged`,
        verdict(writesPass),
      ],
      [
        `time to first event p99 < ${FIRST_EVENT_TARGET_MS} ms`,
        `${milliseconds(firstEventP99)} (floor p99 ${milliseconds(floorP99)})`,
        verdict(latencyPass),
      ],
      [
        `time to first event p99 within ${FIRST_EVENT_TARGET_FLOOR_RATIO}× the rejected burst's`,
        floorRatio === undefined
          ? 'not measured'
          : `${floorRatio.toFixed(2)}× (${milliseconds(firstEventP99)} against ${milliseconds(floorP99)})`,
        verdict(floorRatioPass),
      ],
    ],
  );
  return runsPass && writesPass;
}

function usageRow(phase: string, processName: string, usage: ProcessUsage): string[] {
  return [
    phase,
    processName,
    seconds(usage.durationMs),
    megabytes(usage.peakRssBytes),
    `${usage.peakCpuPercent.toFixed(0)} %`,
    `${usage.meanCpuPercent.toFixed(0)} %`,
    `${usage.cpuSeconds.toFixed(1)} s`,
  ];
}
