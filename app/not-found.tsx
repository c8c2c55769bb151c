import Link from 'next/link';

/** Any address that matches no page. Next's built-in page would inline a `<style>` element the policy refuses. */
export default function NotFound() {
  return (
    <main className="mx-auto max-w-2xl space-y-3 px-4 py-16 text-center">
      <h1 className="text-xl font-semibold">This page is not here</h1>
      <p className="text-zinc-700 dark:text-zinc-300">The address may be mistyped, or the page may have moved.</p>
      <Link href="/" className="underline">
        Ask a question
      </Link>
    </main>
  );
}
