'use client';

import { useState } from 'react';
import { z } from 'zod';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { hintClass } from '@/components/ui/field';
import { updateStoredEval, type StoredEval } from '@/lib/client/eval/eval-store';
import { describeRequestError, fetchOrThrow, postJson } from '@/lib/client/request-error';
import type { EvalRecord } from '@/lib/eval/run/eval-records';

const createdShareSchema = z.object({ id: z.string(), url: z.string(), deleteToken: z.string() });

/**
 * Publishes a finished evaluation's report as a link (`/e/<id>`): its records and questions, answers included,
 * nothing else (no keys, no settings beyond the report's). Asks first, and shows the link again rather than
 * publishing twice.
 */
export function EvalShareButton({ stored, records }: { stored: StoredEval; records: EvalRecord[] }) {
  const [share, setShare] = useState(stored.share);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const publish = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const created = await postJson('/api/eval-shares', { records, questions: stored.questions }, createdShareSchema);
      const url = new URL(created.url, window.location.origin).toString();
      const next = { ...created, url };
      await updateStoredEval(stored.id, { share: next });
      setShare(next);
      setConfirming(false);
    } catch (thrown) {
      setError(describeRequestError(thrown).message);
    } finally {
      setBusy(false);
    }
  };

  const unpublish = async (current: NonNullable<StoredEval['share']>) => {
    setBusy(true);
    setError(undefined);
    try {
      await fetchOrThrow(`/api/eval-shares/${encodeURIComponent(current.id)}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${current.deleteToken}` },
      });
    } catch (thrown) {
      const problem = describeRequestError(thrown);
      // A link that is already gone is what was asked for.
      if (problem.code !== 'not_found' && problem.code !== 'deleted') {
        setError(problem.message);
        setBusy(false);
        return;
      }
    }
    await updateStoredEval(stored.id, { share: undefined });
    setShare(undefined);
    setBusy(false);
  };

  if (share) {
    return (
      <div className="flex flex-col gap-1 text-sm">
        <p className="flex flex-wrap items-center gap-2" data-testid="eval-share-link">
          Shared at{' '}
          <a href={share.url} className="underline underline-offset-2">
            {share.url}
          </a>
          <CopyButton text={share.url} label="Copy link" />
          <Button size="xs" variant="danger" onClick={() => void unpublish(share)} disabled={busy}>
            Delete the link
          </Button>
        </p>
        {error && (
          <p className="text-red-700 dark:text-red-300" role="alert">
            {error}
          </p>
        )}
      </div>
    );
  }
  if (!confirming) {
    return (
      <Button onClick={() => setConfirming(true)} data-testid="eval-share">
        Share the report
      </Button>
    );
  }
  return (
    <div className="flex flex-col gap-2 rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800" role="group" aria-label="Share the report">
      <p>
        Anyone with the link will see this report: the questions, every contestant’s answers, the judge’s readings, times
        and costs{stored.simulated ? ', labelled as simulated' : ''}. Your keys are not part of it.
      </p>
      <div className="flex gap-2">
        <Button variant="primary" onClick={() => void publish()} disabled={busy} data-testid="eval-share-confirm">
          {busy ? 'Publishing…' : 'Publish the link'}
        </Button>
        <Button onClick={() => setConfirming(false)}>Cancel</Button>
      </div>
      {error && (
        <p className="text-red-700 dark:text-red-300" role="alert">
          {error}
        </p>
      )}
      <p className={hintClass}>This browser keeps the link’s delete token: you can take the report down later.</p>
    </div>
  );
}
