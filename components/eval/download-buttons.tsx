'use client';
import type { Question } from '@/lib/eval/questions/question';
import { exportFileName } from '@/lib/eval/report/export-file-name';
import { recordsToCsv } from '@/lib/eval/report/records-csv';
import { recordsToJsonl } from '@/lib/eval/report/records-jsonl';
import type { EvalRecord, RunRecord } from '@/lib/eval/run/eval-records';
import { Button } from '@/components/ui/button';

/** Hands the browser a file made here, from the records already on the page: nothing is asked of the server. */
function download(text: string, type: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled; a later tick frees the memory.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Downloads of the run: a spreadsheet with one row per answer turn, and the records as a results file that
 * `npm run eval` reads back (to resume, or to print the report).
 */
export function DownloadButtons({
  header,
  records,
  questions,
}: {
  header: RunRecord;
  records: EvalRecord[];
  questions: Question[];
}) {
  return (
    <div className="flex flex-wrap gap-2">
      <Button
        data-testid="download-csv"
        onClick={() =>
          download(recordsToCsv(records, questions), 'text/csv;charset=utf-8', exportFileName(header, 'csv'))
        }
      >
        Download CSV
      </Button>
      <Button
        data-testid="download-jsonl"
        onClick={() =>
          download(recordsToJsonl(records), 'application/jsonl;charset=utf-8', exportFileName(header, 'jsonl'))
        }
      >
        Download JSONL (results file)
      </Button>
    </div>
  );
}
