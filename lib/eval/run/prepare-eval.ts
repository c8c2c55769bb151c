import { everyAgentPath, type MoaConfig } from '@/lib/protocol/moa-config';
import { PRESETS } from '@/lib/models/presets';
import type { Question, QuestionSet } from '../questions/question';
import { SINGLE_MODEL_SAMPLING, type ResolvedContestant } from './contestant';
import type { ModelDirectory } from './eval-backend';
import { EvalSetupError } from './eval-setup-error';
import type { EvalSettings } from './eval-settings';

/** An evaluation checked and ready to run: its questions, its contestants resolved, its models known. */
export interface PreparedEval {
  settings: EvalSettings;
  suiteName: string;
  questions: Question[];
  contestants: ResolvedContestant[];
  simulated: boolean;
}

/** Every model a contestant calls, with the setting that names it. */
export function contestantModels(contestant: ResolvedContestant, index: number): { field: string; modelId: string }[] {
  const prefix = `contestants.${index}`;
  if (contestant.kind === 'model') return [{ field: `${prefix}.model`, modelId: contestant.spec.model }];
  return everyAgentPath(contestant.config).map(({ path, agent }) => ({ field: `${prefix}.config.${path}.model`, modelId: agent.model }));
}

/** A preset as the evaluation needs it: the server's own list, or the catalog the page was given. */
export type EvalPreset = { id: string; config: MoaConfig };

function resolveContestant(contestant: EvalSettings['contestants'][number], index: number, presets: readonly EvalPreset[]): ResolvedContestant {
  if (contestant.kind === 'model') {
    return { id: contestant.id, kind: 'model', spec: { model: contestant.model, ...SINGLE_MODEL_SAMPLING } };
  }
  if (contestant.config) return { id: contestant.id, kind: 'moa', config: contestant.config };
  const preset = presets.find((candidate) => candidate.id === contestant.preset);
  if (!preset) throw new EvalSetupError('unknown_preset', `there is no preset "${contestant.preset}"`, `contestants.${index}.preset`);
  return { id: contestant.id, kind: 'moa', config: preset.config, presetId: preset.id };
}

/**
 * Checks an evaluation before anything runs: presets exist, every model (the judge's too) resolves, and the models
 * are either all simulated or all real, so simulated numbers never mix with real ones.
 */
export function prepareEval(options: {
  settings: EvalSettings;
  questionSet: QuestionSet;
  getModel: ModelDirectory;
  /** Default: the server's presets. */
  presets?: readonly EvalPreset[];
}): PreparedEval {
  const { settings, getModel } = options;
  const contestants = settings.contestants.map((contestant, index) => resolveContestant(contestant, index, options.presets ?? PRESETS));
  const models = [
    ...contestants.flatMap((contestant, index) => contestantModels(contestant, index)),
    { field: 'judgeModel', modelId: settings.judgeModel },
  ];
  const simulatedFlags = models.map(({ field, modelId }) => {
    try {
      return getModel(modelId).info.simulated;
    } catch (error) {
      throw new EvalSetupError('unknown_model', error instanceof Error ? error.message : `unknown model "${modelId}"`, field);
    }
  });
  const simulated = simulatedFlags.every(Boolean);
  if (!simulated && simulatedFlags.some(Boolean)) {
    const field = models[simulatedFlags.indexOf(true)]?.field;
    throw new EvalSetupError(
      'mixed_simulation',
      'mixes simulated and real models; simulated answers or verdicts would make the real numbers meaningless',
      field,
    );
  }
  const questions = options.questionSet.questions.slice(0, settings.limit ?? undefined);
  return { settings, suiteName: options.questionSet.name, questions, contestants, simulated };
}
