import type { MoaConfig } from '@/lib/protocol/moa-config';

/** Sampling settings a caller gives the run as a whole; they are the answer's, so they go to the aggregator. */
export interface AggregatorSettings {
  temperature?: number;
  maxOutputTokens?: number;
}

/** The config with the caller's aggregator settings over the preset's or config's own. */
export function withAggregatorSettings(config: MoaConfig, settings: AggregatorSettings = {}): MoaConfig {
  const { temperature, maxOutputTokens } = settings;
  if (temperature === undefined && maxOutputTokens === undefined) return config;
  return {
    ...config,
    aggregator: {
      ...config.aggregator,
      ...(temperature !== undefined ? { temperature } : {}),
      ...(maxOutputTokens !== undefined ? { maxOutputTokens } : {}),
    },
  };
}
