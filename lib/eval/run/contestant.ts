import type { AgentSpec, MoaConfig } from '@/lib/protocol/moa-config';

/** A contestant ready to answer: a MoA config, or one model with its sampling settings. */
export type ResolvedContestant =
  | { id: string; kind: 'moa'; config: MoaConfig; /** When it is a preset: the routes run it by name. */ presetId?: string }
  | { id: string; kind: 'model'; spec: AgentSpec };

/** One model alone samples like a preset's agents: the paper's temperature and the presets' answer length. */
export const SINGLE_MODEL_SAMPLING = { temperature: 0.7, maxOutputTokens: 512 } as const;
