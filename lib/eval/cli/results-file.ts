import { appendFileSync, existsSync, readFileSync, truncateSync } from 'node:fs';
import { evalRecordSchema, type EvalRecord } from '../run/eval-records';
import { EvalSetupError } from '../run/eval-setup-error';

/**
 * Reads a results file back for resuming. A process killed while writing can leave its last line cut short: that
 * line (never a finished record, which always ends with a newline) is cut off the file. Any other bad line means the
 * file is not an evaluation's results, and nothing runs.
 */
export function readResultsFile(file: string): EvalRecord[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const unfinished = lines.pop() ?? '';
  if (unfinished !== '') truncateSync(file, Buffer.byteLength(text) - Buffer.byteLength(unfinished));
  return lines.flatMap((line, index) => {
    if (line.trim() === '') return [];
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new EvalSetupError('invalid_results', `${file} line ${index + 1} is not JSON; it is not an evaluation's results file`, '--out');
    }
    const parsed = evalRecordSchema.safeParse(value);
    if (!parsed.success) {
      throw new EvalSetupError('invalid_results', `${file} line ${index + 1} is not an evaluation record`, '--out');
    }
    return [parsed.data];
  });
}

/** Appends one record as one line, in one write, so a finished record is whole on disk once this returns. */
export function appendResult(file: string, record: EvalRecord): void {
  appendFileSync(file, `${JSON.stringify(record)}\n`);
}
