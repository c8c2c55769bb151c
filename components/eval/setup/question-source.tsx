'use client';

import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { hintClass, inputClass } from '@/components/ui/field';
import { BUILT_IN_SETS } from '@/lib/eval/questions/built-in-sets';
import { QUESTION_LIMITS, type QuestionSet } from '@/lib/eval/questions/question';
import { QuestionFileError } from '@/lib/eval/questions/question-file-error';
import { readQuestionFile } from '@/lib/eval/questions/read-question-file';

/** A question set the user brought, read and checked, or the error that names the line and field at fault. */
export type ImportedSet = { set: QuestionSet; error?: undefined } | { set?: undefined; error: string };

const megabytes = (bytes: number) => `${bytes / 1024 / 1024} MB`;

async function readFileText(file: File): Promise<string> {
  if (file.size > QUESTION_LIMITS.fileBytes) {
    throw new QuestionFileError('file_too_large', `"${file.name}" is larger than ${megabytes(QUESTION_LIMITS.fileBytes)}`);
  }
  return file.text();
}

/**
 * Which questions to ask: a built-in set, or the user's own (MT-Bench's `question.jsonl` with an optional reference
 * answer file, AlpacaEval or Arena-Hard JSONL, their own JSONL or a CSV with a `prompt` column), uploaded or pasted.
 */
export function QuestionSource({
  suite,
  imported,
  onSuite,
  onImported,
}: {
  suite: string;
  imported: ImportedSet | undefined;
  onSuite: (suite: string) => void;
  onImported: (imported: ImportedSet | undefined) => void;
}) {
  const id = useId();
  const [pasted, setPasted] = useState('');
  const [pastedFormat, setPastedFormat] = useState<'jsonl' | 'csv'>('jsonl');
  const [files, setFiles] = useState<{ questions?: File; references?: File }>({});

  const read = async (source: () => Promise<{ fileName: string; text: string; referenceText?: string }>) => {
    try {
      onImported({ set: readQuestionFile(await source()) });
    } catch (error) {
      onImported({ error: error instanceof Error ? error.message : String(error) });
    }
  };
  const readFiles = (next: { questions?: File; references?: File }) => {
    setFiles(next);
    const questions = next.questions;
    if (!questions) return onImported(undefined);
    void read(async () => ({
      fileName: questions.name,
      text: await readFileText(questions),
      ...(next.references ? { referenceText: await readFileText(next.references) } : {}),
    }));
  };

  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 font-medium">Questions</legend>
      {[...BUILT_IN_SETS.map((set) => ({ id: set.id, name: set.name, detail: `${set.questions.length} questions · ${set.description}` })), { id: 'import', name: 'Your own or a standard benchmark', detail: 'Upload or paste JSONL or CSV' }].map((option) => (
        <label key={option.id} className="flex items-start gap-2 text-sm">
          <input type="radio" name={`${id}-suite`} value={option.id} checked={suite === option.id} onChange={() => onSuite(option.id)} className="mt-1" />
          <span>
            <span className="font-medium">{option.name}</span>
            <span className={`block ${hintClass}`}>{option.detail}</span>
          </span>
        </label>
      ))}
      {suite === 'import' && (
        <div className="ml-6 flex flex-col gap-3 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
          <p className={hintClass}>
            MT-Bench’s <code>question.jsonl</code> (with its reference-answer file for reference-guided grading), AlpacaEval or
            Arena-Hard JSONL (<code>instruction</code> or <code>prompt</code>), your own JSONL (<code>{'{ "id", "category"?, "turns": [..] }'}</code> or{' '}
            <code>{'{ "prompt" }'}</code>), or CSV with a <code>prompt</code> column. At most {megabytes(QUESTION_LIMITS.fileBytes)} and{' '}
            {QUESTION_LIMITS.questions.toLocaleString('en')} questions of up to {QUESTION_LIMITS.turns} turns.
          </p>
          <div className="flex flex-wrap gap-4">
            <label className="flex flex-col gap-1 text-sm">
              Question file (.jsonl or .csv)
              <input type="file" accept=".jsonl,.csv" data-testid="eval-question-file" onChange={(event) => readFiles({ ...files, questions: event.target.files?.[0] })} />
            </label>
            <label className="flex flex-col gap-1 text-sm">
              Reference answers (optional, FastChat .jsonl)
              <input type="file" accept=".jsonl" onChange={(event) => readFiles({ ...files, references: event.target.files?.[0] })} />
            </label>
          </div>
          <details>
            <summary className="cursor-pointer text-sm">Or paste the questions</summary>
            <div className="mt-2 flex flex-col gap-2">
              <label htmlFor={`${id}-paste`} className={hintClass}>
                One JSON object per line, or CSV with a header row
              </label>
              <textarea id={`${id}-paste`} className={`${inputClass} h-32 font-mono`} value={pasted} onChange={(event) => setPasted(event.target.value)} data-testid="eval-paste" />
              <div className="flex items-center gap-2">
                <label htmlFor={`${id}-format`} className={hintClass}>
                  Format
                </label>
                <select id={`${id}-format`} className={inputClass} value={pastedFormat} onChange={(event) => setPastedFormat(event.target.value as 'jsonl' | 'csv')}>
                  <option value="jsonl">JSONL</option>
                  <option value="csv">CSV</option>
                </select>
                <Button onClick={() => void read(async () => ({ fileName: `pasted.${pastedFormat}`, text: pasted }))} disabled={pasted.trim() === ''}>
                  Use these questions
                </Button>
              </div>
            </div>
          </details>
          {imported?.set && (
            <p className="text-sm text-emerald-800 dark:text-emerald-300" role="status" data-testid="eval-imported">
              {imported.set.questions.length} questions from {imported.set.name}:{' '}
              {[...new Set(imported.set.questions.map((question) => question.category))].join(', ')}
            </p>
          )}
          {imported?.error && (
            <p className="text-sm text-red-700 dark:text-red-300" role="alert" data-testid="eval-import-error">
              {imported.error}
            </p>
          )}
        </div>
      )}
    </fieldset>
  );
}
