import type { Interval } from '@/lib/stats/wilson';
import type { ContestantReport, EvalReport } from '../report/build-report';
import { headlineContestants, reportHeadline } from '../report/report-headline';

const percent = (value: number | null | undefined) => (value === null || value === undefined ? '–' : `${(value * 100).toFixed(1)}%`);
const range = (interval: Interval | null | undefined) =>
  interval ? `${(interval.lower * 100).toFixed(0)}–${(interval.upper * 100).toFixed(0)}%` : '–';
const seconds = (ms: number | null) => (ms === null ? '–' : `${(ms / 1000).toFixed(1)} s`);
const dollars = (usd: number | null) => (usd === null ? '–' : usd < 0.01 && usd > 0 ? `$${usd.toFixed(5)}` : `$${usd.toFixed(3)}`);

function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** The results as plain text: quality per contestant, then time and cost, then the headline of each contestant. */
export function formatReport(report: EvalReport): string {
  const { settings } = report.header;
  const parts: string[] = [];
  if (report.simulated) parts.push('SIMULATED: every model in this run is the built-in simulator; these numbers say nothing about real models.');
  parts.push(`${report.header.suiteName}, ${report.questions} questions, ${settings.protocol === 'pairwise' ? `pairwise against ${settings.referenceId}` : 'MT-Bench grading'}, judge ${settings.judgeModel}`);

  if (settings.protocol === 'pairwise') {
    const rows = report.contestants
      .filter((contestant) => contestant.pairwise)
      .map((contestant) => {
        const pairwise = contestant.pairwise as NonNullable<ContestantReport['pairwise']>;
        return [
          contestant.id,
          String(pairwise.n),
          `${pairwise.wins}/${pairwise.ties}/${pairwise.losses}`,
          percent(pairwise.winRate),
          range(pairwise.wilson),
          range(pairwise.bootstrap),
          percent(pairwise.lengthControlled?.rate),
          range(pairwise.lengthControlled?.bootstrap),
          percent(pairwise.inconsistentRate),
        ];
      });
    parts.push(table(['contestant', 'n', 'won/tied/lost', 'win rate', 'Wilson 95%', 'bootstrap 95%', 'LC win rate', 'LC 95%', 'inconsistent'], rows));
  } else {
    const rows = report.contestants.map((contestant) => {
      const grades = contestant.grades;
      const byCategory = Object.entries(grades?.byCategory ?? {})
        .map(([category, summary]) => `${category} ${summary.mean?.toFixed(2) ?? '–'}`)
        .join(', ');
      return [
        contestant.id,
        String(grades?.overall.n ?? 0),
        grades?.overall.mean?.toFixed(2) ?? '–',
        grades?.overall.interval ? `${grades.overall.interval.lower.toFixed(2)}–${grades.overall.interval.upper.toFixed(2)}` : '–',
        String(grades?.unreadable ?? 0),
        byCategory,
      ];
    });
    parts.push(table(['contestant', 'graded turns', 'mean (1–10)', '95%', 'unreadable', 'by category'], rows));
  }

  const costRows = report.contestants.map((contestant) => [
    contestant.id,
    `${contestant.cost.answered} (${contestant.cost.failed} failed)`,
    `${seconds(contestant.cost.timeToFirstToken.median)} / ${seconds(contestant.cost.timeToFirstToken.p90)}`,
    `${seconds(contestant.cost.totalTime.median)} / ${seconds(contestant.cost.totalTime.p90)}`,
    contestant.cost.outputTokensPerQuestion === null
      ? '–'
      : `${Math.round(contestant.cost.inputTokensPerQuestion ?? 0)} in / ${Math.round(contestant.cost.outputTokensPerQuestion)} out`,
    dollars(contestant.cost.costPerQuestionUsd),
    dollars(contestant.cost.totalCostUsd),
  ]);
  parts.push(table(['contestant', 'answered', 'first token p50 / p90', 'total p50 / p90', 'tokens per question', 'cost per question', 'total cost'], costRows));
  parts.push(`Judge: ${dollars(report.judgeCostUsd)} (estimated from prompt lengths for pairwise readings). Total: ${dollars(report.totalCostUsd)}.`);
  // The same sentences the page and a shared report lead with.
  parts.push(...headlineContestants(report).map((contestant) => reportHeadline(report, contestant)));
  return parts.join('\n\n');
}
