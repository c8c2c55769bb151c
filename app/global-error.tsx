'use client';
import './globals.css';
import PageError from './error';

/** The root layout itself failed: the same message as `error.tsx`, in a document of its own. */
export default function GlobalError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <PageError {...props} />
      </body>
    </html>
  );
}
