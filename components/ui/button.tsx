import type { ButtonHTMLAttributes } from 'react';

const base =
  'rounded-md disabled:cursor-not-allowed disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600';

const variants = {
  /** Most actions: a bordered button. */
  secondary: 'border border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800',
  /** The one action a view is for (send, save). */
  primary:
    'bg-zinc-900 font-medium text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300',
  /** A quiet action beside others (reveal, show more): text only. */
  link: 'underline hover:text-zinc-600 dark:hover:text-zinc-300',
  /** Actions that remove something. */
  danger:
    'border border-red-400 text-red-800 hover:bg-red-50 dark:border-red-700 dark:text-red-300 dark:hover:bg-red-950',
} as const;

const sizes = {
  xs: 'px-2 py-0.5 text-xs',
  sm: 'px-2.5 py-1 text-sm',
  md: 'px-3 py-1 text-sm',
} as const;

export type ButtonVariant = keyof typeof variants;
export type ButtonSize = keyof typeof sizes;

/** The classes of a button, for elements that look like one without being a `Button` (a link, a summary). */
export function buttonClass(variant: ButtonVariant = 'secondary', size: ButtonSize = 'sm'): string {
  return `${base} ${variants[variant]} ${sizes[size]}`;
}

/** A button in the app's style; `type="button"` unless told otherwise, so it never submits a form by accident. */
export function Button({
  variant = 'secondary',
  size = 'sm',
  className,
  type = 'button',
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; size?: ButtonSize }) {
  return (
    <button {...props} type={type} className={`${buttonClass(variant, size)}${className ? ` ${className}` : ''}`} />
  );
}
