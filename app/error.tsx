'use client';
import { Button } from '@/components/ui/button';

/**
 * A page that failed to render. Next's built-in error page would inline a `<style>` element the policy refuses; this
 * one says what happened in the app's own styles and offers to try again. The error itself stays in the server log.
 */
export default function PageError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-2xl space-y-3 px-4 py-16 text-center">
      <h1 className="text-xl font-semibold">Something went wrong on our side</h1>
      <p className="text-zinc-700 dark:text-zinc-300">This page could not be shown. Please try again in a moment.</p>
      <Button size="md" onClick={reset}>
        Try again
      </Button>
    </main>
  );
}
