import Link from 'next/link';

/** Unknown, malformed and deleted report links all land here, with a 404. */
export default function ReportNotFound() {
  return (
    <main className="mx-auto max-w-2xl space-y-3 px-4 py-16 text-center">
      <h1 className="text-xl font-semibold">This report is not here</h1>
      <p className="text-zinc-700 dark:text-zinc-300">
        The link may be mistyped, or the person who shared it deleted this report.
      </p>
      <Link href="/" className="underline">
        Go to MoA Studio
      </Link>
    </main>
  );
}
