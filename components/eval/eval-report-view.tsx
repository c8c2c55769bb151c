import type { ReactNode } from 'react';
import type { Question } from '@/lib/eval/questions/question';
import type { EvalReport } from '@/lib/eval/report/build-report';
import { turnTimes } from '@/lib/eval/report/turn-times';
import type { EvalRecord } from '@/lib/eval/run/eval-records';
import { CategoryChart } from './category-chart';
import { CostQualityScatter } from './cost-quality-scatter';
import { CostTable } from './cost-table';
import { DownloadButtons } from './download-buttons';
import { QuestionList } from './question-list';
import { ReportHeadlines } from './report-headlines';
import { SimulatedNotice } from './simulated-notice';
import { TimeChart } from './time-chart';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="flex min-w-0 flex-col gap-3">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/**
 * An evaluation's report: headlines, quality per category, cost against quality, times, the cost table, downloads
 * and every question's evidence. It renders a partial report as well (a run still going), saying "not yet" for what
 * is not known, so the same view serves a finished share and a live run.
 */
export function EvalReportView({
  report,
  records,
  questions,
}: {
  report: EvalReport;
  records: EvalRecord[];
  questions: Question[];
}) {
  return (
    <div data-testid="eval-report" className="flex min-w-0 flex-col gap-8">
      {report.simulated && <SimulatedNotice />}
      <Section id="report-headlines" title="Headline">
        <ReportHeadlines report={report} />
        <DownloadButtons header={report.header} records={records} questions={questions} />
      </Section>
      <Section id="report-quality" title="Quality">
        <div className="grid items-start gap-4 lg:grid-cols-2">
          <CategoryChart report={report} />
          <CostQualityScatter report={report} />
        </div>
      </Section>
      <Section id="report-time" title="Time and cost">
        <TimeChart times={turnTimes(records, questions)} />
        <CostTable report={report} />
      </Section>
      <Section id="report-questions" title="Questions">
        <QuestionList header={report.header} records={records} questions={questions} />
      </Section>
    </div>
  );
}
