'use client';
import type { Question } from '@/lib/eval/questions/question';
import { exportFileName } from '@/lib/eval/report/export-file-name';
import { recordsToCsv } from '@/lib/eval/report/records-csv';
import { recordsToJsonl } from '@/lib/eval/report/records-jsonl';
import type { EvalRecord, RunRecord } from '@/lib/eval/run/eval-records';
import { Button } from '@/components/ui/button';
import { downloadFile } from '@/lib/client/download-file';

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
          downloadFile({ text: recordsToCsv(records, questions), type: 'text/csv;charset=utf-8', name: exportFileName(header, 'csv') })
        }
      >
        Download CSV
      </Button>
      <Button
        data-testid="download-jsonl"
        onClick={() =>
          downloadFile({ text: recordsToJsonl(records), type: 'application/jsonl;charset=utf-8', name: exportFileName(header, 'jsonl') })
        }
      >
        Download JSONL (results file)
      </Button>
    </div>
  );
}
