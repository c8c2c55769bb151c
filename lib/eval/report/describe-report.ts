import type { Contestant } from '../run/eval-settings';
import type { EvalReport } from './build-report';
import { headlineContestants, reportHeadline } from './report-headline';

/** A contestant in a few words: the model it is, or the MoA preset or shape. */
export function describeContestant(contestant: Contestant): string {
  if (contestant.kind === 'model') return contestant.model;
  if (contestant.preset) return `MoA preset ${contestant.preset}`;
  const layers = contestant.config?.layers ?? [];
  const proposers = layers.reduce((sum, layer) => sum + layer.agents.length, 0);
  return `MoA, ${layers.length} proposer layer${layers.length === 1 ? '' : 's'} (${proposers} agents) and an aggregator`;
}

/**
 * The title and description of a report for page metadata and link previews: who was compared on which suite, and
 * the first headline, marked simulated when it is.
 */
export function describeReport(report: EvalReport): { title: string; description: string } {
  const { suiteName, settings } = report.header;
  const ids = report.contestants.map((contestant) => contestant.id);
  const title = `${suiteName}: ${settings.protocol === 'pairwise' ? `${ids.filter((id) => id !== settings.referenceId).join(', ')} against ${settings.referenceId}` : ids.join(', ')}`;
  const [first] = headlineContestants(report);
  const headline = first ? reportHeadline(report, first) : '';
  return { title, description: `${report.simulated ? 'Simulated evaluation. ' : ''}${headline}`.trim() };
}
