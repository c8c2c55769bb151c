'use client';
import type { CatalogView } from '@/lib/protocol/catalog';
import { requestFields, type RunSettings } from '@/lib/client/run-settings';
import { everyAgent } from '@/lib/protocol/moa-config';
import { isSimulatedModel } from '@/lib/protocol/model-id';

/** Says plainly when answers come from the simulator, and how to get real ones. */
export function SimulatorBanner({
  catalog,
  settings,
  onAddKey,
}: {
  catalog: CatalogView;
  settings: RunSettings;
  onAddKey: () => void;
}) {
  const fields = requestFields(settings, catalog);
  const config = fields.config ?? catalog.presets.find((preset) => preset.id === (fields.preset ?? catalog.defaultPresetId))?.config;
  if (!config || !everyAgent(config).some((agent) => isSimulatedModel(agent.model))) return null;
  return (
    <p
      role="note"
      data-testid="simulator-banner"
      className="rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      Answers are <strong>simulated</strong>: the built-in simulator writes sample answers shaped like your question
      (a table, code, steps) with realistic timing, so you can watch the layers work for free. For real answers,{' '}
      <button type="button" onClick={onAddKey} className="font-medium underline">
        add an API key
      </button>{' '}
      for a provider such as Together AI, or set one on the server (<code>TOGETHER_API_KEY</code>), or run Ollama
      locally.
    </p>
  );
}
