const EXAMPLES = [
  'Explain why the sky is blue to a curious ten-year-old.',
  'Write a Python function that merges overlapping intervals, with tests.',
  'Compare three ways to cut a home’s heating bill, with rough costs in a table.',
  'What are the strongest arguments for and against a four-day work week?',
];

/** The first screen: what a Mixture-of-Agents is, and a few questions to try. */
export function EmptyState({ onPick }: { onPick: (prompt: string) => void }) {
  return (
    <div data-testid="empty-state" className="mx-auto max-w-2xl space-y-4 py-10 text-center">
      <h2 className="text-2xl font-semibold">Many models, one better answer</h2>
      <p className="text-zinc-600 dark:text-zinc-400">
        In a Mixture-of-Agents, several models answer your question, a second layer reads all of their answers and
        improves on them, and an aggregator writes the final reply. Watch each layer work below.
      </p>
      <ul className="grid gap-2 sm:grid-cols-2">
        {EXAMPLES.map((example) => (
          <li key={example}>
            <button
              type="button"
              onClick={() => onPick(example)}
              className="h-full w-full rounded-lg border border-zinc-300 px-3 py-2 text-left text-sm hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-900"
            >
              {example}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
