import path from 'node:path';
import { moaConfigSchema } from '@/lib/protocol/moa-config';
import { attachReferenceAnswers } from '../questions/attach-references';
import { BUILT_IN_SETS, findBuiltInSet } from '../questions/built-in-sets';
import type { QuestionSet } from '../questions/question';
import { readQuestionFile } from '../questions/read-question-file';
import { EvalSetupError } from '../run/eval-setup-error';
import { evalSettingsSchema, type EvalSettings } from '../run/eval-settings';
import type { EvalCliArgs } from './parse-args';

/** The command-line option behind each setting, for errors the user can act on. */
const OPTION_OF: Record<string, string> = {
  contestants: '--moa/--baseline',
  referenceId: '--reference',
  judgeModel: '--judge',
  protocol: '--protocol',
  concurrency: '--concurrency',
  limit: '--limit',
  spendCapUsd: '--spend-cap',
  seed: '--seed',
};

function readJson(text: string, option: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new EvalSetupError('invalid_settings', `"${file}" is not valid JSON`, option);
  }
}

/**
 * Turns the command line into checked settings and the question set: a built-in set or a file, MoA contestants from
 * presets or config files, single models, the reference (default: the first single model) and the judge.
 */
export function settingsFromArgs(
  args: EvalCliArgs,
  options: { readText: (file: string) => string; defaultJudge: string },
): { settings: EvalSettings; questionSet: QuestionSet } {
  const builtIn = findBuiltInSet(args.suite);
  if (!builtIn && !/\.(jsonl|csv)$/i.test(args.suite)) {
    throw new EvalSetupError('unknown_suite', `"${args.suite}" is neither a built-in set (${BUILT_IN_SETS.map((set) => set.id).join(', ')}) nor a .jsonl or .csv file`, '--suite');
  }
  const referenceText = args.references === undefined ? undefined : options.readText(args.references);
  const questionSet: QuestionSet = builtIn
    ? { ...builtIn, questions: referenceText === undefined ? builtIn.questions : attachReferenceAnswers(builtIn.questions, referenceText) }
    : readQuestionFile({ fileName: args.suite, text: options.readText(args.suite), referenceText });

  const moaContestants = args.moa.map((value) => {
    if (!value.endsWith('.json')) return { kind: 'moa' as const, id: value, preset: value };
    const parsed = moaConfigSchema.safeParse(readJson(options.readText(value), '--moa', value));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new EvalSetupError('invalid_settings', `${value}: ${issue?.path.join('.') || 'config'} ${issue?.message ?? 'is not valid'}`, '--moa');
    }
    return { kind: 'moa' as const, id: path.basename(value, '.json'), config: parsed.data };
  });
  const modelContestants = args.baselines.map((model) => ({ kind: 'model' as const, id: model, model }));

  const parsed = evalSettingsSchema.safeParse({
    suite: builtIn ? builtIn.id : 'custom',
    protocol: args.protocol,
    contestants: [...moaContestants, ...modelContestants],
    referenceId: args.protocol === 'pairwise' ? (args.reference ?? args.baselines[0]) : args.reference,
    judgeModel: args.judge ?? options.defaultJudge,
    concurrency: args.concurrency,
    ...(args.limit !== undefined ? { limit: args.limit } : {}),
    ...(args.spendCapUsd !== undefined ? { spendCapUsd: args.spendCapUsd } : {}),
    seed: args.seed,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const [first, ...rest] = issue?.path.map(String) ?? [];
    const option = OPTION_OF[first ?? ''] ?? first;
    throw new EvalSetupError('invalid_settings', `${rest.length ? `${rest.join('.')} ` : ''}${issue?.message ?? 'is not valid'}`, option);
  }
  return { settings: parsed.data, questionSet };
}
