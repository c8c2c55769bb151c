import { Button } from '@/components/ui/button';

/**
 * "‹ 2/3 ›" beside a message that has other versions (an edited question, a regenerated answer): steps through
 * them, each bringing back its own continuation of the conversation.
 */
export function BranchSwitcher({
  branches,
  current,
  onSwitch,
  disabled,
  label,
}: {
  /** The ids of the versions, oldest first. */
  branches: string[];
  current: string;
  onSwitch: (id: string) => void;
  disabled?: boolean;
  /** What the versions are of ("question", "answer"), for screen readers. */
  label: string;
}) {
  const index = branches.indexOf(current);
  if (branches.length < 2 || index < 0) return null;
  const previous = branches[index - 1];
  const next = branches[index + 1];
  return (
    <div
      role="group"
      aria-label={`Versions of this ${label}`}
      data-testid="branch-switcher"
      className="flex items-center gap-1 text-xs"
    >
      <Button
        size="xs"
        aria-label={`Previous version of this ${label}`}
        disabled={disabled || previous === undefined}
        onClick={() => previous && onSwitch(previous)}
      >
        ‹
      </Button>
      <span className="tabular-nums text-zinc-600 dark:text-zinc-400" data-testid="branch-position">
        {index + 1}/{branches.length}
      </span>
      <Button
        size="xs"
        aria-label={`Next version of this ${label}`}
        disabled={disabled || next === undefined}
        onClick={() => next && onSwitch(next)}
      >
        ›
      </Button>
    </div>
  );
}
