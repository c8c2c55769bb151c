'use client';
import { z } from 'zod';
import { useStoredValue } from '@/lib/client/local-storage';
import type { CatalogView } from '@/lib/protocol/catalog';
import { requestFields, type RunSettings } from '@/lib/client/run-settings';
import { everyAgent } from '@/lib/protocol/moa-config';
import { isSimulatedModel } from '@/lib/protocol/model-id';

const dismissedSchema = z.boolean();

/**
 * Says plainly when answers come from the simulator, and how to get real ones. Dismissed, it shrinks to a badge that
 * still says "simulated" and opens it again; the choice is kept in this browser.
 */
export function SimulatorBanner({
  catalog,
  settings,
  onAddKey,
}: {
  catalog: CatalogView;
  settings: RunSettings;
  onAddKey: () => void;
}) {
  const [dismissed, setDismissed] = useStoredValue('simulator-banner-dismissed:v1', dismissedSchema, false);
  const fields = requestFields(settings, catalog);
  const config = fields.config ?? catalog.presets.find((preset) => preset.id === (fields.preset ?? catalog.defaultPresetId))?.config;
  if (!config || !everyAgent(config).some((agent) => isSimulatedModel(agent.model))) return null;
  if (dismissed) {
    return (
      <p className="text-xs" data-testid="simulator-badge">
        <button
          type="button"
          onClick={() => setDismissed(false)}
          aria-label="Answers are simulated: show why and how to get real ones"
          className="rounded border border-amber-400 bg-amber-50 px-1.5 py-0.5 font-semibold uppercase text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          Simulated
        </button>
      </p>
    );
  }
  return (
    <div
      role="note"
      data-testid="simulator-banner"
      className="flex items-start justify-between gap-3 rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      <p>
      Answers are <strong>simulated</strong>: the built-in simulator writes sample answers shaped like your question
      (a table, code, steps) with realistic timing, so you can watch the layers work for free. For real answers,{' '}
      <button type="button" onClick={onAddKey} className="font-medium underline">
        add an API key
      </button>{' '}
      for a provider such as Together AI, or set one on the server (<code>TOGETHER_API_KEY</code>), or run Ollama
      locally.
      </p>
      <button type="button" onClick={() => setDismissed(true)} className="shrink-0 text-xs underline" data-testid="simulator-banner-dismiss">
        Dismiss
      </button>
    </div>
  );
}
