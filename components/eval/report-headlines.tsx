import type { EvalReport } from '@/lib/eval/report/build-report';
import { headlineContestants, reportHeadline } from '@/lib/eval/report/report-headline';
import { contestantColour } from './contestant-colour';

/** The sentence a reader takes away, one per contestant measured (all but the pairwise reference). */
export function ReportHeadlines({ report }: { report: EvalReport }) {
  return (
    <ul className="flex flex-col gap-2">
      {headlineContestants(report).map((contestant) => (
        <li
          key={contestant.id}
          data-testid="eval-headline"
          className="flex items-baseline gap-2 text-lg font-medium text-balance"
        >
          <span
            aria-hidden="true"
            className={`inline-block size-3 shrink-0 rounded-full ${contestantColour(report.contestants.indexOf(contestant)).swatch}`}
          />
          {reportHeadline(report, contestant)}
        </li>
      ))}
    </ul>
  );
}
