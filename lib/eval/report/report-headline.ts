import { formatInterval, formatPercent, formatRatio } from '@/lib/stats/format';
import type { ContestantReport, EvalReport } from './build-report';

/**
 * The one sentence a reader takes away about a contestant, e.g. "moa-lite beats qwen on 61% of Studio 80 (95%:
 * 52–69%), LC 58%, at 5.8× the cost". It is written for partial reports too (a run still going, a share of a
 * stopped one): a number that does not exist yet reads "not yet", never NaN.
 */
export function reportHeadline(report: EvalReport, contestant: ContestantReport): string {
  const suite = report.header.suiteName;
  const base = costBaseOf(report, contestant);
  if (report.header.settings.protocol === 'pairwise') {
    const reference = base?.id ?? report.header.settings.referenceId ?? 'the reference';
    const pairwise = contestant.pairwise;
    if (!pairwise || pairwise.winRate === null || !pairwise.wilson)
      return `${contestant.id} against ${reference} on ${suite}: not yet judged.`;
    const lc = pairwise.lengthControlled ? `, LC ${formatPercent(pairwise.lengthControlled.rate)}` : '';
    const cost = costRatioOf(contestant, base);
    const costText = cost === null ? '' : `, at ${formatRatio(cost)} the cost`;
    return `${contestant.id} beats ${reference} on ${formatPercent(pairwise.winRate)} of ${suite} (95%: ${formatInterval(pairwise.wilson)})${lc}${costText}.`;
  }
  const overall = contestant.grades?.overall;
  if (!overall || overall.mean === null) return `${contestant.id} on ${suite}: not yet graded.`;
  const interval = overall.interval
    ? ` (95%: ${overall.interval.lower.toFixed(1)}–${overall.interval.upper.toFixed(1)})`
    : '';
  const cost = costRatioOf(contestant, base);
  const costText = cost === null || !base ? '' : `, at ${formatRatio(cost)} the cost of ${base.id}`;
  return `${contestant.id} scores ${overall.mean.toFixed(1)} of 10 on ${suite}${interval}${costText}.`;
}

/** The contestants a headline is written for: all but the pairwise reference, which is what the others are measured by. */
export function headlineContestants(report: EvalReport): ContestantReport[] {
  return report.contestants.filter((contestant) => !contestant.isReference);
}

/**
 * Whom a contestant's cost is compared with: the reference when the settings name one, else (MT-Bench without a
 * reference) the cheapest other contestant so far, the natural "is it worth it" baseline.
 */
export function costBaseOf(report: EvalReport, contestant: ContestantReport): ContestantReport | undefined {
  const { referenceId } = report.header.settings;
  const others = report.contestants.filter((candidate) => candidate.id !== contestant.id);
  const named = others.find((candidate) => candidate.id === referenceId);
  if (named) return named;
  const priced = others.filter((candidate) => (candidate.cost.costPerQuestionUsd ?? 0) > 0);
  return priced.sort((a, b) => (a.cost.costPerQuestionUsd ?? 0) - (b.cost.costPerQuestionUsd ?? 0))[0];
}

/** Cost per question over the base's; null while either is unknown or the base is free (a simulated model costs $0). */
export function costRatioOf(contestant: ContestantReport, base: ContestantReport | undefined): number | null {
  const own = contestant.cost.costPerQuestionUsd;
  const theirs = base?.cost.costPerQuestionUsd;
  if (own === null || theirs === null || theirs === undefined || theirs <= 0) return null;
  return own / theirs;
}
