import { defaultJudgeModel } from '@/lib/judge/judge-model';
import type { Contestant, EvalSettingsInput } from '@/lib/eval/run/eval-settings';
import type { CatalogView, KeySource } from '@/lib/protocol/catalog';
import { everyAgent } from '@/lib/protocol/moa-config';
import { splitModelId } from '@/lib/protocol/model-id';

/** One contestant as the form holds it: a preset by id, or a model alone; `key` tells rows apart while editing. */
export type DraftContestant = ContestantChoice & { key: string };
export type ContestantChoice = { kind: 'moa'; preset: string } | { kind: 'model'; model: string };

export const draftContestant = (contestant: ContestantChoice): DraftContestant => ({
  ...contestant,
  key: crypto.randomUUID(),
});

/** What the set-up form holds; `settingsOfDraft` turns it into an evaluation's settings. */
export interface SetupDraft {
  /** A built-in set's id, or `import` for a file the user brought. */
  suite: string;
  contestants: DraftContestant[];
  /** Which contestant the others are judged against (pairwise). */
  referenceIndex: number;
  protocol: 'pairwise' | 'mt-bench';
  judgeModel: string;
  concurrency: number;
  /** Dollars, as typed; empty for no cap. */
  spendCap: string;
  /** Questions, as typed; empty for all of them. */
  limit: string;
}

/** A contestant's id in the settings and the report: the preset's id or the model's. */
export const contestantIdOf = (contestant: DraftContestant) => (contestant.kind === 'moa' ? contestant.preset : contestant.model);

/** Who pays for a model's calls on this visitor's requests. */
export function keySourceOf(catalog: CatalogView, modelId: string): KeySource | undefined {
  return catalog.providers.find((provider) => provider.id === splitModelId(modelId).providerId)?.keySource;
}

/**
 * Where a first evaluation starts: the default preset against its own aggregator model alone (the comparison the
 * paper makes), pairwise, on the Quick set, judged by the best judge this visitor can use. Where evaluations may not
 * spend the server's keys, it starts from a preset and judge that need none (the simulator, local models, own keys).
 */
export function defaultDraft(catalog: CatalogView): SetupDraft {
  const runnable = (modelId: string) => catalog.evalOnServerKeys || keySourceOf(catalog, modelId) !== 'server';
  const presets = [...catalog.presets].sort((a, b) => Number(b.id === catalog.defaultPresetId) - Number(a.id === catalog.defaultPresetId));
  const preset = presets.find((candidate) => everyAgent(candidate.config).every((agent) => runnable(agent.model))) ?? presets[0];
  const single = preset?.config.aggregator.model ?? catalog.models.find((model) => !model.testing && runnable(model.id))?.id ?? '';
  return {
    suite: 'quick',
    contestants: [
      ...(preset ? [draftContestant({ kind: 'moa', preset: preset.id })] : []),
      draftContestant({ kind: 'model', model: single }),
    ],
    referenceIndex: preset ? 1 : 0,
    protocol: 'pairwise',
    judgeModel: defaultJudgeModel(catalog.models.map((model) => model.id).filter(runnable)),
    concurrency: 4,
    spendCap: '',
    limit: '',
  };
}

const numberOrUndefined = (text: string) => (text.trim() === '' ? undefined : Number(text));

/** The settings the draft stands for, for a suite id; the schema checks them (a cap typed as words fails there). */
export function settingsOfDraft(draft: SetupDraft, suiteId: string): EvalSettingsInput {
  const contestants: Contestant[] = draft.contestants.map((contestant) =>
    contestant.kind === 'moa'
      ? { kind: 'moa', id: contestant.preset, preset: contestant.preset }
      : { kind: 'model', id: contestant.model, model: contestant.model },
  );
  const reference = draft.contestants[draft.referenceIndex];
  return {
    suite: suiteId,
    protocol: draft.protocol,
    contestants,
    ...(draft.protocol === 'pairwise' && reference ? { referenceId: contestantIdOf(reference) } : {}),
    judgeModel: draft.judgeModel,
    concurrency: draft.concurrency,
    ...(numberOrUndefined(draft.spendCap) !== undefined ? { spendCapUsd: numberOrUndefined(draft.spendCap) } : {}),
    ...(numberOrUndefined(draft.limit) !== undefined ? { limit: numberOrUndefined(draft.limit) } : {}),
  };
}
