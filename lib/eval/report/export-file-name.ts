import type { RunRecord } from '../run/eval-records';

/** `studio-80-2026-12-02.csv`: the suite and the day the run started, so downloads of several runs sort and do not collide. */
export function exportFileName(header: RunRecord, extension: 'csv' | 'jsonl'): string {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(header.startedAt)?.[0] ?? 'undated';
  return `${header.settings.suite}-${day}.${extension}`;
}
