'use client';

import { useMemo } from 'react';
import type { EvalRunView } from '@/lib/client/eval/use-eval-run';
import { buildReport } from '@/lib/eval/report/build-report';
import { EvalReportView } from '../eval-report-view';
import { EvalShareButton } from './eval-share-button';

/** The report of the open evaluation, live while it runs; once finished, the link to share it. */
export function EvalResults({ view }: { view: EvalRunView }) {
  const stored = view.stored;
  const report = useMemo(
    () => (stored && view.records.some((record) => record.type === 'run') ? buildReport(view.records, stored.questions) : undefined),
    [view.records, stored],
  );
  if (!stored || !report) return null;
  return (
    <section aria-label="Results" className="flex flex-col gap-4">
      {stored.status === 'done' && !view.running && (
        <div className="self-start">
          <EvalShareButton stored={stored} records={view.records} />
        </div>
      )}
      <EvalReportView report={report} records={view.records} questions={stored.questions} />
    </section>
  );
}
