'use client';
import { formatCost, formatWait } from '@/lib/format';
import type { SetupSummary } from '@/lib/client/setup-summary';

/**
 * The setup the next question runs on, beside the prompt: "MoA-Lite · 7 agents · ~12 s · at most $0.01". The time
 * is the median of this browser's last runs with that setup, and only shown once there is one. Opens the presets.
 */
export function SetupChip({ summary, typicalMs, onOpen }: { summary: SetupSummary; typicalMs: number | undefined; onOpen: () => void }) {
  const parts = [
    summary.name,
    `${summary.agents} agents`,
    typicalMs !== undefined ? `~${formatWait(typicalMs / 1000)}` : undefined,
    summary.simulated ? 'simulated, free' : `at most ${formatCost(summary.maxCostUsd)}`,
  ].filter(Boolean);
  return (
    <button
      type="button"
      onClick={onOpen}
      data-testid="setup-chip"
      aria-label={`Setup: ${parts.join(', ')}. Change the preset`}
      className="max-w-full truncate rounded-full border border-zinc-300 px-2.5 py-0.5 text-xs text-zinc-700 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800"
    >
      {parts.join(' · ')}
    </button>
  );
}
