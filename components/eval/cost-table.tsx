import type { EvalReport } from '@/lib/eval/report/build-report';
import { countText, dollarsText, secondsText } from '@/lib/eval/report/report-numbers';
import { TABLE } from './chart-figure';

/** What each contestant took, per turn and per question, and what the whole run cost, the judge included. */
export function CostTable({ report }: { report: EvalReport }) {
  return (
    <div className="flex flex-col gap-2">
      {/* Focusable so a keyboard can scroll the table sideways on a phone. */}
      <div tabIndex={0} className="overflow-x-auto" data-testid="cost-table">
        <table className={`${TABLE} [&_td]:whitespace-nowrap`}>
          <caption className="sr-only">Time, tokens and cost per contestant</caption>
          <thead>
            <tr>
              <th scope="col">Contestant</th>
              <th scope="col">Answered</th>
              <th scope="col">First token p50 / p90</th>
              <th scope="col">Total p50 / p90</th>
              <th scope="col">Tokens per question (in / out)</th>
              <th scope="col">Cost per question</th>
              <th scope="col">Total cost</th>
            </tr>
          </thead>
          <tbody>
            {report.contestants.map(({ id, isReference, cost }) => (
              <tr key={id}>
                <th scope="row">
                  {id}
                  {isReference && <span className="font-normal text-zinc-700 dark:text-zinc-300"> (reference)</span>}
                </th>
                <td>
                  {cost.answered} of {report.questions}
                  {cost.failed > 0 && ` (${cost.failed} failed)`}
                </td>
                <td>
                  {secondsText(cost.timeToFirstToken.median)} / {secondsText(cost.timeToFirstToken.p90)}
                </td>
                <td>
                  {secondsText(cost.totalTime.median)} / {secondsText(cost.totalTime.p90)}
                </td>
                <td>
                  {countText(cost.inputTokensPerQuestion)} / {countText(cost.outputTokensPerQuestion)}
                </td>
                <td>{dollarsText(cost.costPerQuestionUsd)}</td>
                <td>{dollarsText(cost.totalCostUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        Judge: {dollarsText(report.judgeCostUsd)}
        {report.header.settings.protocol === 'pairwise' && ' (estimated from prompt lengths)'}. Whole run:{' '}
        {dollarsText(report.totalCostUsd)}.
      </p>
    </div>
  );
}
