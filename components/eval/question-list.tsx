'use client';
import { useMemo, useState } from 'react';
import type { Question } from '@/lib/eval/questions/question';
import { indexRecords } from '@/lib/eval/report/record-index';
import type { EvalRecord, RunRecord } from '@/lib/eval/run/eval-records';
import { Dialog, DialogCloseButton } from '@/components/ui/dialog';
import { TABLE } from './chart-figure';
import { judgedCell } from './judged-cell';
import { QuestionDetail } from './question-detail';

/**
 * Every question with each contestant's result, and for any one of them, in a dialog, the answers side by side and
 * how the judge read them: the evidence behind each number above.
 */
export function QuestionList({
  header,
  records,
  questions,
}: {
  header: RunRecord;
  records: EvalRecord[];
  questions: Question[];
}) {
  const index = useMemo(() => indexRecords(records), [records]);
  const [openId, setOpenId] = useState<string | null>(null);
  const { settings } = header;
  const judged = settings.contestants.filter(
    (contestant) => settings.protocol === 'mt-bench' || contestant.id !== settings.referenceId,
  );
  const open = questions.find((question) => question.id === openId);

  return (
    <>
      {/* Focusable so a keyboard can scroll the table sideways on a phone. */}
      <div tabIndex={0} className="max-h-[32rem] overflow-auto" data-testid="question-list">
        <table className={TABLE}>
          <caption className="sr-only">
            Questions and each contestant’s{' '}
            {settings.protocol === 'pairwise' ? `verdict against ${settings.referenceId}` : 'grade'}, per turn
          </caption>
          <thead>
            <tr>
              <th scope="col">Question</th>
              <th scope="col">Category</th>
              {judged.map((contestant) => (
                <th key={contestant.id} scope="col">
                  {contestant.id}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {questions.map((question) => (
              <tr key={question.id}>
                <th scope="row" className="font-normal">
                  <button
                    type="button"
                    data-testid={`open-question-${question.id}`}
                    onClick={() => setOpenId(question.id)}
                    className="text-left underline"
                  >
                    {question.id}
                  </button>
                </th>
                <td>{question.category}</td>
                {judged.map((contestant) => (
                  <td key={contestant.id}>{judgedCell(index, question.id, contestant.id, question.turns.length)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Dialog
        open={open !== undefined}
        onClose={() => setOpenId(null)}
        labelledBy="question-detail-title"
        testId="question-detail"
        width="lg"
      >
        {open && (
          <div className="flex flex-col gap-4 p-4">
            <div className="flex items-start justify-between gap-2">
              <h3 id="question-detail-title" className="font-semibold break-all">
                {open.id} <span className="font-normal text-zinc-700 dark:text-zinc-300">· {open.category}</span>
              </h3>
              <DialogCloseButton />
            </div>
            <QuestionDetail question={open} header={header} index={index} />
          </div>
        )}
      </Dialog>
    </>
  );
}
