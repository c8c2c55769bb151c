'use client';

import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect } from 'react';
import { buttonClass } from '@/components/ui/button';
import { hintClass } from '@/components/ui/field';
import { useEvalRun } from '@/lib/client/eval/use-eval-run';
import { keyHeaders, useProviderKeys } from '@/lib/client/provider-keys';
import { describeRequestError } from '@/lib/client/request-error';
import { useCatalog } from '@/lib/client/use-catalog';
import { EvalProgress } from './run/eval-progress';
import { EvalHistory } from './run/eval-history';
import { EvalResults } from './run/eval-results';
import { EvalSetupForm } from './setup/eval-setup-form';

/**
 * `/eval`: set up an evaluation, watch it run, read its report. The open evaluation's id is in the URL (`?id=`), so
 * a reload comes back to it, with everything recorded before the reload, ready to resume.
 */
export function EvalApp() {
  const { keys } = useProviderKeys();
  const catalog = useCatalog(keys);
  const router = useRouter();
  const id = useSearchParams().get('id') ?? undefined;
  const headers = useCallback(() => keyHeaders(keys), [keys]);
  const { view, open, start, resume, stop } = useEvalRun(catalog.data, headers);

  useEffect(() => {
    void open(id);
  }, [id, open]);

  return (
    <div className="mx-auto flex min-h-dvh max-w-5xl flex-col gap-6 px-3 py-4 sm:px-6">
      <header className="flex flex-wrap items-baseline justify-between gap-3">
        <p className="text-sm">
          <Link href="/" className="font-semibold underline-offset-2 hover:underline">
            MoA Studio
          </Link>
        </p>
        <nav aria-label="Pages" className="flex gap-2">
          <Link href="/" className={buttonClass('secondary', 'md')}>
            Chat
          </Link>
          <Link href="/stats" className={buttonClass('secondary', 'md')}>
            Stats
          </Link>
          {id !== undefined && !view.running && (
            <Link href="/eval" className={buttonClass('secondary', 'md')}>
              New evaluation
            </Link>
          )}
        </nav>
      </header>
      <main className="flex flex-col gap-6">
        <div className="flex flex-col gap-2">
          <h1 className="text-2xl font-semibold">Evaluate: does MoA beat a single model on your questions?</h1>
          <p className="text-zinc-700 dark:text-zinc-300">
            Ask a whole question set of MoA setups and single models, have a judge compare or grade every answer the way
            AlpacaEval and MT-Bench do, and see the win rates with their intervals beside what each answer cost in time
            and money. Evaluations of judged answers never count in the public stats.
          </p>
        </div>
        {catalog.error && (
          <p role="alert" className="text-red-700 dark:text-red-300">
            {describeRequestError(catalog.error).message}
          </p>
        )}
        {view.problem && (
          <p role="alert" className="text-red-700 dark:text-red-300" data-testid="eval-problem">
            {view.problem}
          </p>
        )}
        {id === undefined ? (
          <>
            {catalog.data ? (
              <EvalSetupForm
                catalog={catalog.data}
                onStart={async (options) => {
                  const started = await start(options);
                  if (started) router.push(`/eval?id=${started}`);
                }}
              />
            ) : (
              !catalog.error && <p className={hintClass}>Loading the models you can use…</p>
            )}
            <EvalHistory />
          </>
        ) : (
          view.stored && (
            <>
              <h2 className="text-xl font-semibold" data-testid="eval-title">
                {view.stored.simulated && (
                  <span className="mr-2 rounded bg-amber-100 px-1.5 py-0.5 align-middle text-xs font-semibold uppercase text-amber-900 dark:bg-amber-900 dark:text-amber-100">
                    Simulated
                  </span>
                )}
                {view.stored.suiteName}: {view.stored.settings.contestants.map((contestant) => contestant.id).join(' vs ')}
                <span className={`block font-normal ${hintClass}`}>
                  {view.stored.settings.protocol === 'pairwise' ? `Pairwise against ${view.stored.settings.referenceId}` : 'MT-Bench grading'}, judged by{' '}
                  {view.stored.settings.judgeModel} · {view.stored.questions.length} questions · started {new Date(view.stored.createdAt).toLocaleString()}
                </span>
              </h2>
              <EvalProgress view={view} onStop={stop} onResume={() => void resume()} />
              <EvalResults view={view} />
            </>
          )
        )}
      </main>
    </div>
  );
}
