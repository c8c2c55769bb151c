import { Button } from '@/components/ui/button';

/**
 * Says that the last question has no finished answer (the page was closed or reloaded mid-run, or the run was
 * stopped), with what was written so far kept above, and offers to run the question again.
 */
export function InterruptedNotice({ stopped, onRetry }: { stopped: boolean; onRetry: () => void }) {
  return (
    <div
      data-testid="interrupted-notice"
      className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <span>
        {stopped
          ? 'You stopped this run; what the agents had written is kept.'
          : 'This run was interrupted before it finished.'}
      </span>
      <Button onClick={onRetry} className="font-medium">
        Retry
      </Button>
    </div>
  );
}
