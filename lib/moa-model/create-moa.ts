import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { MoaConfig, MoaConfigInput } from '@/lib/protocol/moa-config';
import { createMoaModel, type MoaModelOptions } from './create-moa-model';

/**
 * A MoA provider over one `getModel`: `const moa = createMoa({ getModel })`, then `moa('moa-lite')` or
 * `moa({ config })` wherever the AI SDK takes a model.
 */
export function createMoa(settings: Omit<MoaModelOptions, 'preset' | 'config'>) {
  return (model: string | { config: MoaConfig | MoaConfigInput }): LanguageModelV4 =>
    typeof model === 'string' ? createMoaModel({ ...settings, preset: model }) : createMoaModel({ ...settings, config: model.config });
}
