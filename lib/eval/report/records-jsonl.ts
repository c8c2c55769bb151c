import type { EvalRecord } from '../run/eval-records';

/**
 * The records as a results file: one JSON object per line, the run header first, each line ended by a newline,
 * exactly as the CLI's `--out` writes them, so a downloaded report can be resumed or re-read by `npm run eval`.
 */
export function recordsToJsonl(records: readonly EvalRecord[]): string {
  const ordered = [
    ...records.filter((record) => record.type === 'run'),
    ...records.filter((record) => record.type !== 'run'),
  ];
  return ordered.map((record) => `${JSON.stringify(record)}\n`).join('');
}
