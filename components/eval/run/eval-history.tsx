'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { hintClass } from '@/components/ui/field';
import { deleteStoredEval, listStoredEvals, type StoredEval } from '@/lib/client/eval/eval-store';

const STATUS_WORDS: Record<StoredEval['status'], string> = {
  running: 'interrupted',
  stopped: 'stopped',
  spend_cap: 'stopped at the spend cap',
  halted: 'halted',
  done: 'finished',
};

/** The evaluations kept in this browser, newest first, to open, resume or delete. */
export function EvalHistory() {
  const [evals, setEvals] = useState<StoredEval[]>();
  const [confirming, setConfirming] = useState<string>();
  useEffect(() => {
    void listStoredEvals().then(setEvals, () => setEvals([]));
  }, []);
  if (!evals || evals.length === 0) return null;

  const remove = async (id: string) => {
    await deleteStoredEval(id);
    setConfirming(undefined);
    setEvals((current) => current?.filter((entry) => entry.id !== id));
  };

  return (
    <section aria-labelledby="eval-history-heading" className="flex flex-col gap-2">
      <h2 id="eval-history-heading" className="text-lg font-semibold">
        Your evaluations
      </h2>
      <p className={hintClass}>Kept in this browser only. Share a finished one to keep a link to its report.</p>
      <ul className="flex flex-col divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800" data-testid="eval-history">
        {evals.map((entry) => (
          <li key={entry.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
            <span className="min-w-0">
              <Link href={`/eval?id=${entry.id}`} className="font-medium underline underline-offset-2">
                {entry.suiteName}: {entry.settings.contestants.map((contestant) => contestant.id).join(' vs ')}
              </Link>
              <span className={`block ${hintClass}`}>
                {entry.simulated ? 'Simulated · ' : ''}
                {entry.settings.protocol === 'pairwise' ? 'pairwise' : 'MT-Bench grading'} · {STATUS_WORDS[entry.status]} ·{' '}
                {new Date(entry.updatedAt).toLocaleString()}
              </span>
            </span>
            {confirming === entry.id ? (
              <span className="flex items-center gap-2">
                <span>Delete its results from this browser?</span>
                <Button size="xs" variant="danger" onClick={() => void remove(entry.id)}>
                  Delete
                </Button>
                <Button size="xs" onClick={() => setConfirming(undefined)}>
                  Keep
                </Button>
              </span>
            ) : (
              <Button size="xs" onClick={() => setConfirming(entry.id)} aria-label={`Delete ${entry.suiteName} evaluation`}>
                Delete
              </Button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
