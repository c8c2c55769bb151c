'use client';
import { useEffect, useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { describeRequestError } from '@/lib/client/request-error';
import { formatWait } from '@/lib/format';

/** Shows why the last request failed, when to retry after a rate limit, and a retry action. */
export function ErrorNotice({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const problem = useMemo(() => describeRequestError(error), [error]);
  const [secondsLeft, setSecondsLeft] = useState(problem.retryAfterSeconds ?? 0);
  useEffect(() => {
    if (!problem.retryAfterSeconds) return;
    setSecondsLeft(problem.retryAfterSeconds);
    const timer = setInterval(() => setSecondsLeft((value) => Math.max(0, value - 1)), 1000);
    return () => clearInterval(timer);
  }, [problem]);
  const canRetry = problem.kind !== 'api' || problem.code === 'rate_limited' || problem.code === 'internal';
  return (
    <div
      role="alert"
      data-testid="error-notice"
      data-kind={problem.kind}
      className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
    >
      <span>
        {problem.message}
        {problem.code === 'rate_limited' && secondsLeft > 0 ? ` You can try again in ${formatWait(secondsLeft)}.` : ''}
        {problem.code === 'budget_exhausted' && secondsLeft > 0 ? ` (${formatWait(secondsLeft)} from now.)` : ''}
      </span>
      {canRetry && (
        <Button variant="danger" onClick={onRetry} disabled={secondsLeft > 0} className="font-medium">
          Retry
        </Button>
      )}
    </div>
  );
}
