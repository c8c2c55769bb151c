import { inProcessEval } from '../run/in-process-backend';
import { readFileSync } from 'node:fs';
import { defaultJudgeModel } from '@/lib/judge/judge-model';
import { probeLocalModels } from '@/lib/models/local-probe';
import { availableModels, createGetModel, type ModelAccess } from '@/lib/models/registry';
import { QuestionFileError } from '../questions/question-file-error';
import { buildReport } from '../report/build-report';
import { assertEvalKeysAllowed } from '../run/assert-eval-keys';
import { EvalSetupError } from '../run/eval-setup-error';
import { estimateRemainingUsd } from '../run/estimate-spend';
import { prepareEval } from '../run/prepare-eval';
import { runEval } from '../run/run-eval';
import { formatReport } from './format-report';
import { parseEvalArgs, USAGE } from './parse-args';
import { progressLine } from './progress-line';
import { appendResult, readResultsFile } from './results-file';
import { settingsFromArgs } from './settings-from-args';

/** Exit codes: the run finished; it failed; its setup was wrong (nothing ran); it stopped early (resume it). */
export const EXIT = { done: 0, failed: 1, setup: 2, stopped: 3 } as const;

export interface CliIo {
  argv: string[];
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal: the progress line then rewrites itself instead of printing a line per step. */
  interactive: boolean;
  signal: AbortSignal;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new EvalSetupError('invalid_settings', `cannot read "${file}"`);
  }
}

/**
 * `npm run eval`: the engine in-process through the same model seam as the app (`createGetModel` over the
 * environment's keys, local servers and the simulator), each finished record appended to `--out` at once, so the same
 * command resumes an interrupted run.
 */
export async function runEvalCli(io: CliIo): Promise<number> {
  try {
    const args = parseEvalArgs(io.argv);
    if (args.help) {
      io.stdout(`${USAGE}\n`);
      return EXIT.done;
    }
    const localModels = io.env.LOCAL_MODELS?.trim().toLowerCase() === 'off' ? [] : await probeLocalModels(io.env);
    const access: ModelAccess = { env: io.env, byoKeys: {}, localModels };
    const getModel = createGetModel(access);
    const defaultJudge = defaultJudgeModel(availableModels(access).map((model) => model.id));
    const { settings, questionSet } = settingsFromArgs(args, { readText, defaultJudge });
    const prepared = prepareEval({ settings, questionSet, getModel });
    assertEvalKeysAllowed(prepared, access);
    const previous = readResultsFile(args.out);

    const estimate = estimateRemainingUsd(prepared, getModel, previous);
    const cap = settings.spendCapUsd === undefined ? 'no spend cap' : `spend cap $${settings.spendCapUsd}`;
    io.stderr(
      `${prepared.simulated ? '[simulated] ' : ''}${prepared.suiteName}: ${prepared.questions.length} questions, ${prepared.contestants.length} contestants, ${settings.protocol}, judge ${settings.judgeModel}${previous.length > 0 ? `, resuming from ${previous.length - 1} records in ${args.out}` : ''}\n` +
        `Estimated spend for what is left: at most $${estimate.toFixed(2)} at catalog prices (${cap}).\n`,
    );
    const startedAt = performance.now();
    let startedDone: number | undefined;
    let lastPrinted = -1;
    const outcome = await runEval({
      prepared,
      ...inProcessEval(getModel),
      previous,
      write: (record) => appendResult(args.out, record),
      signal: io.signal,
      onProgress: (progress) => {
        startedDone ??= progress.done;
        const line = progressLine(progress, { startedDone, elapsedMs: performance.now() - startedAt });
        if (io.interactive) io.stderr(`\r\u001b[2K${line}`);
        else if (progress.done !== lastPrinted) io.stderr(`${line}\n`);
        lastPrinted = progress.done;
      },
    });
    if (io.interactive) io.stderr('\n');
    for (const message of outcome.judgeErrors.slice(0, 3))
      io.stderr(`A judge call failed (run again to retry it): ${message}\n`);
    io.stdout(`${formatReport(buildReport(outcome.records, prepared.questions))}\n`);
    if (outcome.status === 'done') return outcome.judgeErrors.length > 0 ? EXIT.failed : EXIT.done;
    io.stderr(
      outcome.status === 'spend_cap'
        ? `Stopped at the spend cap ($${settings.spendCapUsd}). Raise --spend-cap and run the same command to go on.\n`
        : `Stopped. Run the same command to go on from ${args.out}.\n`,
    );
    return EXIT.stopped;
  } catch (error) {
    if (error instanceof EvalSetupError || error instanceof QuestionFileError) {
      const where = error instanceof QuestionFileError ? 'in the question file, ' : '';
      io.stderr(`eval: ${where}${error.message} (${error.code})\n\n${USAGE}\n`);
      return EXIT.setup;
    }
    io.stderr(`eval: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.failed;
  }
}
