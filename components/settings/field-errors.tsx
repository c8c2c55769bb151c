import { problemIdOf } from '@/components/ui/field';

/** What is wrong with the control `controlId`, under it; its id is the one the control's `aria-describedby` names. */
export function FieldErrors({ controlId, messages }: { controlId: string; messages: string[] | undefined }) {
  if (!messages || messages.length === 0) return null;
  return (
    <p id={problemIdOf(controlId)} data-testid="settings-error" className="mt-1 text-xs text-red-700 dark:text-red-400">
      {messages.join(' ')}
    </p>
  );
}
