'use client';
import { useEffect, useState } from 'react';
import { Button } from './button';

type CopyStatus = 'idle' | 'copied' | 'failed';

/**
 * Copies `text` to the clipboard and says for a moment whether it worked, on the button and to screen readers.
 * `label` is the button's text; `name` its accessible name when the text alone would be ambiguous ("Copy" on a code
 * block). `navigator.clipboard` is missing outside secure contexts: that, like a refused write, shows "Failed".
 */
export function CopyButton({
  text,
  label,
  name,
  testId,
  className,
}: {
  text: string;
  label: string;
  name?: string;
  testId?: string;
  className?: string;
}) {
  const [status, setStatus] = useState<CopyStatus>('idle');
  useEffect(() => {
    if (status === 'idle') return;
    const timer = setTimeout(() => setStatus('idle'), 1500);
    return () => clearTimeout(timer);
  }, [status]);
  const copy = () =>
    Promise.resolve()
      .then(() => navigator.clipboard.writeText(text))
      .then(
        () => setStatus('copied'),
        () => setStatus('failed'),
      );
  return (
    <>
      <Button size="xs" data-testid={testId} aria-label={name} onClick={copy} className={className}>
        {status === 'copied' ? 'Copied' : status === 'failed' ? 'Failed' : label}
      </Button>
      <span role="status" className="sr-only">
        {status === 'copied' ? 'Copied' : status === 'failed' ? 'Copy failed' : ''}
      </span>
    </>
  );
}
