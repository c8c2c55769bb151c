import type { ReactNode } from 'react';

/** Text inputs and selects; a field with a problem (`aria-invalid`) gets a red border. */
export const inputClass =
  'rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm text-zinc-900 disabled:opacity-60 aria-[invalid=true]:border-red-600 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100 dark:aria-[invalid=true]:border-red-400';
/** Hints and secondary labels. */
export const hintClass = 'text-xs text-zinc-600 dark:text-zinc-400';

/** A control under its label, the label pointing at the control's `id`. */
export function Field({
  id,
  label,
  labelClassName = hintClass,
  children,
}: {
  id: string;
  label: ReactNode;
  labelClassName?: string;
  children: ReactNode;
}) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className={labelClassName}>
        {label}
      </label>
      {children}
    </div>
  );
}

/** The id of the message that says what is wrong with the control `controlId`, for its `aria-describedby`. */
export const problemIdOf = (controlId: string) => `${controlId}-error`;
