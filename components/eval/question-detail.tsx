'use client';
import type { Question } from '@/lib/eval/questions/question';
import type { RecordIndex } from '@/lib/eval/report/record-index';
import type { RunRecord } from '@/lib/eval/run/eval-records';
import { AnswerCard } from './answer-card';
import { JudgmentView } from './judgment-view';

/** One question, turn by turn: what was asked, every contestant's answer side by side, then the judge's readings. */
export function QuestionDetail({
  question,
  header,
  index,
}: {
  question: Question;
  header: RunRecord;
  index: RecordIndex;
}) {
  const { contestants, referenceId, protocol } = header.settings;
  return (
    <div className="flex flex-col gap-6">
      {question.turns
        .map((text, turn) => ({ text, turn }))
        .map(({ text, turn }) => (
          <section key={turn} aria-labelledby={`turn-${turn + 1}-title`} className="flex flex-col gap-3">
            <h4 id={`turn-${turn + 1}-title`} className="text-sm font-semibold">
              Turn {turn + 1}
            </h4>
            <p className="rounded-md bg-zinc-100 px-3 py-2 text-sm whitespace-pre-wrap dark:bg-zinc-800">{text}</p>
            <div className="grid gap-3 md:grid-cols-2">
              {contestants.map((contestant) => (
                <AnswerCard
                  key={contestant.id}
                  contestantId={contestant.id}
                  isReference={protocol === 'pairwise' && contestant.id === referenceId}
                  turn={index.answer(question.id, contestant.id)?.turns[turn]}
                />
              ))}
            </div>
            {contestants.map((contestant) => {
              const judgment = index.judgment(question.id, contestant.id, turn);
              return judgment && <JudgmentView key={contestant.id} judgment={judgment} />;
            })}
          </section>
        ))}
    </div>
  );
}
