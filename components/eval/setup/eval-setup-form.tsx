'use client';

import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, hintClass, inputClass } from '@/components/ui/field';
import { findBuiltInSet } from '@/lib/eval/questions/built-in-sets';
import type { QuestionSet } from '@/lib/eval/questions/question';
import { estimateRemainingUsd } from '@/lib/eval/run/estimate-spend';
import { EVAL_LIMITS, type EvalSettingsInput } from '@/lib/eval/run/eval-settings';
import type { PreparedEval } from '@/lib/eval/run/prepare-eval';
import { catalogDirectory, prepareBrowserEval } from '@/lib/client/eval/prepare-browser-eval';
import { defaultDraft, settingsOfDraft, type SetupDraft } from '@/lib/client/eval/setup-draft';
import type { CatalogView } from '@/lib/protocol/catalog';
import { ContestantEditor, ModelOptions } from './contestant-editor';
import { QuestionSource, type ImportedSet } from './question-source';

type Checked = { prepared: PreparedEval; estimateUsd: number; error?: undefined } | { prepared?: undefined; error: string };

const usd = (value: number) => (value < 0.01 && value > 0 ? `$${value.toFixed(4)}` : `$${value.toFixed(2)}`);

/**
 * Sets an evaluation up: questions, contestants, protocol, judge, concurrency, spend cap. Every change is checked as
 * the server will check it, with the spend estimate beside it, so Start is only offered for what can run.
 */
export function EvalSetupForm({
  catalog,
  onStart,
}: {
  catalog: CatalogView;
  onStart: (options: { settings: EvalSettingsInput; questionSet: QuestionSet }) => Promise<void>;
}) {
  const [draft, setDraft] = useState<SetupDraft>(() => defaultDraft(catalog));
  const [imported, setImported] = useState<ImportedSet>();
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string>();
  const update = (changes: Partial<SetupDraft>) => setDraft((current) => ({ ...current, ...changes }));

  const questionSet = draft.suite === 'import' ? imported?.set : findBuiltInSet(draft.suite);
  const checked = useMemo((): Checked | undefined => {
    if (!questionSet) return undefined;
    try {
      const prepared = prepareBrowserEval({ settings: settingsOfDraft(draft, questionSet.id), questionSet, catalog });
      return { prepared, estimateUsd: estimateRemainingUsd(prepared, catalogDirectory(catalog), []) };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }, [draft, questionSet, catalog]);

  const start = async () => {
    if (!questionSet || !checked?.prepared) return;
    setStarting(true);
    setStartError(undefined);
    try {
      await onStart({ settings: settingsOfDraft(draft, questionSet.id), questionSet });
    } catch (error) {
      setStartError(error instanceof Error ? error.message : String(error));
      setStarting(false);
    }
  };

  const prepared = checked?.prepared;
  return (
    <form
      className="flex flex-col gap-5"
      aria-label="Set up an evaluation"
      onSubmit={(event) => {
        event.preventDefault();
        void start();
      }}
    >
      <QuestionSource suite={draft.suite} imported={imported} onSuite={(suite) => update({ suite })} onImported={setImported} />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-medium">Protocol</legend>
        {(
          [
            ['pairwise', 'Pairwise against a reference', 'AlpacaEval style: win rate with 95% intervals, position bias, and a length-controlled win rate.'],
            ['mt-bench', 'MT-Bench grading', 'The judge grades each answer 1–10, reference-guided for math, reasoning and coding.'],
          ] as const
        ).map(([value, name, detail]) => (
          <label key={value} className="flex items-start gap-2 text-sm">
            <input type="radio" name="eval-protocol" value={value} checked={draft.protocol === value} onChange={() => update({ protocol: value })} className="mt-1" />
            <span>
              <span className="font-medium">{name}</span>
              <span className={`block ${hintClass}`}>{detail}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <ContestantEditor
        catalog={catalog}
        contestants={draft.contestants}
        referenceIndex={draft.referenceIndex}
        pairwise={draft.protocol === 'pairwise'}
        onChange={(contestants, referenceIndex) => update({ contestants, referenceIndex })}
      />
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Field id="eval-judge" label="Judge model">
          <select id="eval-judge" className={inputClass} value={draft.judgeModel} onChange={(event) => update({ judgeModel: event.target.value })}>
            <ModelOptions catalog={catalog} withTesting />
          </select>
        </Field>
        <Field id="eval-concurrency" label={`Calls at once (1–${EVAL_LIMITS.concurrency})`}>
          <input id="eval-concurrency" type="number" min={1} max={EVAL_LIMITS.concurrency} className={inputClass} value={draft.concurrency} onChange={(event) => update({ concurrency: Number(event.target.value) })} />
        </Field>
        <Field id="eval-spend-cap" label="Spend cap in $ (empty: none)">
          <input id="eval-spend-cap" inputMode="decimal" className={inputClass} value={draft.spendCap} onChange={(event) => update({ spendCap: event.target.value })} placeholder="e.g. 2.50" />
        </Field>
        <Field id="eval-limit" label="Only the first N questions">
          <input id="eval-limit" type="number" min={1} className={inputClass} value={draft.limit} onChange={(event) => update({ limit: event.target.value })} placeholder="all" />
        </Field>
      </div>
      <div className="flex flex-col gap-2 rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800" aria-live="polite" data-testid="eval-estimate">
        {!questionSet && <p>Choose or import the questions to see what the evaluation will run.</p>}
        {checked?.error && (
          <p className="text-red-700 dark:text-red-300" role="alert">
            {checked.error}
          </p>
        )}
        {prepared && checked && (
          <p>
            {prepared.simulated && <span className="mr-1 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold uppercase text-amber-900 dark:bg-amber-900 dark:text-amber-100">Simulated</span>}
            {prepared.questions.length} questions × {prepared.contestants.length} contestants, {draft.protocol === 'pairwise' ? 'judged in pairs' : 'graded'} by{' '}
            {draft.judgeModel}. Estimated spend: at most {usd(checked.estimateUsd)} at catalog prices
            {draft.spendCap.trim() !== '' ? `, stopped at $${draft.spendCap}` : ''}
            {prepared.simulated ? ' (simulated models are priced like the models they stand for; nothing is billed)' : ''}.
          </p>
        )}
        {startError && (
          <p className="text-red-700 dark:text-red-300" role="alert">
            {startError}
          </p>
        )}
      </div>
      <div>
        <Button type="submit" variant="primary" size="md" disabled={!prepared || starting} data-testid="eval-start">
          {starting ? 'Starting…' : 'Start the evaluation'}
        </Button>
      </div>
    </form>
  );
}
