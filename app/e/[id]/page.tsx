import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { EvalReportView } from '@/components/eval/eval-report-view';
import { buildReport } from '@/lib/eval/report/build-report';
import { describeContestant, describeReport } from '@/lib/eval/report/describe-report';
import { getEvalShare } from '@/lib/store/eval-shares';

export const runtime = 'nodejs';

type Props = { params: Promise<{ id: string }> };

/** One read and one report per request: the metadata and the page both need them, and a report can hold MBs. */
const findReport = cache(async (id: string) => {
  const result = await getEvalShare(id);
  if (result.status !== 'found') return undefined;
  const { records, questions } = result.share.snapshot;
  return { records, questions, report: buildReport(records, questions) };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await findReport((await params).id);
  if (!found) return { title: 'Report not found · MoA Studio', robots: { index: false } };
  const { title, description } = describeReport(found.report);
  return {
    title: `${title} · MoA Studio`,
    description,
    openGraph: { title, description, type: 'article', siteName: 'MoA Studio' },
    twitter: { card: 'summary_large_image', title, description },
    robots: { index: false },
  };
}

/** A shared evaluation report, server-rendered: what was run, then the report, its numbers readable without JavaScript. */
export default async function SharedReportPage({ params }: Props) {
  const found = await findReport((await params).id);
  if (!found) notFound();
  const { report, records, questions } = found;
  const { settings, suiteName, startedAt } = report.header;
  const started = new Date(startedAt);
  return (
    <main className="mx-auto flex w-full max-w-6xl flex-col gap-6 px-4 py-8">
      <header className="flex flex-col gap-2">
        <p className="text-sm">
          <Link href="/" className="underline">
            MoA Studio
          </Link>{' '}
          · shared evaluation report
        </p>
        <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold">
          {suiteName}
          {report.simulated && (
            <span className="rounded-full border border-amber-500 bg-amber-50 px-2 py-0.5 text-sm font-semibold text-amber-950 dark:bg-amber-950 dark:text-amber-100">
              Simulated
            </span>
          )}
        </h1>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm [&_dt]:font-semibold">
          <dt>Protocol</dt>
          <dd>
            {settings.protocol === 'pairwise'
              ? `pairwise against ${settings.referenceId}, judged in both orders`
              : 'MT-Bench grades (1–10)'}
          </dd>
          <dt>Judge</dt>
          <dd className="break-all">{settings.judgeModel}</dd>
          <dt>Started</dt>
          <dd>
            <time dateTime={startedAt}>{Number.isNaN(started.getTime()) ? startedAt : started.toUTCString()}</time>
          </dd>
          <dt>Questions</dt>
          <dd>{report.questions}</dd>
          <dt>Contestants</dt>
          <dd>
            <ul>
              {settings.contestants.map((contestant) => (
                <li key={contestant.id} className="break-words">
                  <span className="font-medium">{contestant.id}</span>: {describeContestant(contestant)}
                </li>
              ))}
            </ul>
          </dd>
        </dl>
      </header>
      <EvalReportView report={report} records={records} questions={questions} />
    </main>
  );
}
