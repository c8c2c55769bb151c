import { parseArgs } from 'node:util';
import { EvalSetupError } from '../run/eval-setup-error';

/** What `npm run eval -- …` was asked, before any file is read or model resolved. */
export interface EvalCliArgs {
  suite: string;
  references?: string;
  moa: string[];
  baselines: string[];
  reference?: string;
  judge?: string;
  protocol: string;
  concurrency: number;
  limit?: number;
  spendCapUsd?: number;
  seed: number;
  out: string;
  help: boolean;
}

export const USAGE = `Usage: npm run eval -- --suite <quick|studio-80|file.jsonl|file.csv> --moa <preset|config.json> --baseline <model> --out <results.jsonl> [options]

  --suite <set>         a built-in set (quick, studio-80) or a question file: JSONL (MT-Bench question.jsonl,
                        AlpacaEval/Arena-Hard style with "instruction" or "prompt", or {"id","category","turns"})
                        or CSV with a "prompt" column; at most 2 MB and 1,000 questions
  --references <file>   FastChat reference-answer JSONL for the suite (reference-guided grading)
  --moa <preset|file>   a MoA contestant: a preset id (moa, moa-lite, moa-gpt-4o, self-moa, simulated) or a JSON
                        config file; repeatable
  --baseline <model>    a single-model contestant, e.g. together:Qwen/Qwen2.5-72B-Instruct-Turbo; repeatable
  --reference <id>      the contestant the others are judged against (pairwise); default: the first --baseline
  --judge <model>       the judge; default: the best one available (simulator:judge without keys)
  --protocol <p>        pairwise (default) or mt-bench
  --concurrency <n>     answers and judgments at once, 1–16 (default 4)
  --limit <n>           only the first n questions
  --spend-cap <usd>     stop before a call that could take the spend past this many dollars
  --seed <n>            sampling and bootstrap seed (default 1)
  --out <file>          results, one JSON record a line; run the same command again to resume
Evaluations on the server's own keys (keys in the environment) run only with EVAL_ON_SERVER_KEYS=on.`;

function integer(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed))
    throw new EvalSetupError('invalid_settings', `"${value}" is not a whole number`, option);
  return parsed;
}

/** `parseArgs` with every option of the command; its errors become setup errors. */
function readOptions(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        suite: { type: 'string' },
        references: { type: 'string' },
        moa: { type: 'string', multiple: true },
        baseline: { type: 'string', multiple: true },
        reference: { type: 'string' },
        judge: { type: 'string' },
        protocol: { type: 'string', default: 'pairwise' },
        concurrency: { type: 'string', default: '4' },
        limit: { type: 'string' },
        'spend-cap': { type: 'string' },
        seed: { type: 'string', default: '1' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new EvalSetupError('invalid_settings', error instanceof Error ? error.message : String(error));
  }
}

/** Reads the command line; unknown options and malformed numbers are setup errors naming the option. */
export function parseEvalArgs(argv: string[]): EvalCliArgs {
  const { values } = readOptions(argv);
  const spendCap = values['spend-cap'];
  const spendCapUsd = spendCap === undefined ? undefined : Number(spendCap);
  if (spendCapUsd !== undefined && !(spendCapUsd >= 0)) {
    throw new EvalSetupError('invalid_settings', `"${spendCap}" is not an amount in dollars`, '--spend-cap');
  }
  const args: EvalCliArgs = {
    suite: values.suite ?? '',
    references: values.references,
    moa: values.moa ?? [],
    baselines: values.baseline ?? [],
    reference: values.reference,
    judge: values.judge,
    protocol: values.protocol ?? 'pairwise',
    concurrency: integer(values.concurrency, '--concurrency') ?? 4,
    limit: integer(values.limit, '--limit'),
    spendCapUsd,
    seed: integer(values.seed, '--seed') ?? 1,
    out: values.out ?? '',
    help: values.help ?? false,
  };
  if (args.help) return args;
  if (!args.suite) throw new EvalSetupError('invalid_settings', 'is required', '--suite');
  if (!args.out)
    throw new EvalSetupError(
      'invalid_settings',
      'is required: the results file, which also lets a run resume',
      '--out',
    );
  if (args.moa.length + args.baselines.length === 0) {
    throw new EvalSetupError('invalid_settings', 'give at least one --moa or --baseline contestant', '--moa');
  }
  return args;
}
