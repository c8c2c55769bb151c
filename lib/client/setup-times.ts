'use client';
import { useCallback } from 'react';
import { z } from 'zod';
import { fnv1a } from '@/lib/random';
import { median } from '@/lib/stats/median';
import { useStoredValue } from './local-storage';
import { requestFields, type RunSettings } from './run-settings';
import type { CatalogView } from '@/lib/protocol/catalog';

/** Runs remembered per setup: enough for a typical time, few enough that a change of provider shows soon. */
const KEPT_RUNS = 5;

const timesSchema = z.record(z.string().max(80), z.array(z.number().nonnegative()).max(KEPT_RUNS));
const none: z.infer<typeof timesSchema> = {};

/** Which setup a run used: the preset by id, a custom config by a hash of it. */
export function setupKeyOf(settings: RunSettings, catalog: CatalogView): string {
  const fields = requestFields(settings, catalog);
  return fields.preset !== undefined ? `preset:${fields.preset}` : `custom:${fnv1a(JSON.stringify(fields.config ?? {})).toString(36)}`;
}

/**
 * How long answers took with each setup in this browser (the last few runs' wall times), so the prompt can say what
 * to expect from measurements, not guesses.
 */
export function useSetupTimes() {
  const [times, setTimes] = useStoredValue('setup-times:v1', timesSchema, none);
  const record = useCallback(
    (key: string, wallTimeMs: number) =>
      setTimes((previous) => ({ ...previous, [key]: [...(previous[key] ?? []), wallTimeMs].slice(-KEPT_RUNS) })),
    [setTimes],
  );
  const typical = useCallback((key: string): number | undefined => median(times[key] ?? []) ?? undefined, [times]);
  return { record, typical };
}
