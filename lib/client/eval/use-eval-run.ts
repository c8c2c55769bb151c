'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { QuestionSet } from '@/lib/eval/questions/question';
import type { EvalRecord } from '@/lib/eval/run/eval-records';
import type { PreparedEval } from '@/lib/eval/run/prepare-eval';
import { runEval, type EvalProgress } from '@/lib/eval/run/run-eval';
import type { CatalogView } from '@/lib/protocol/catalog';
import { catalogDirectory, prepareBrowserEval } from './prepare-browser-eval';
import { createHttpEvalBackend } from './http-eval-backend';
import {
  appendStoredRecord,
  createStoredEval,
  getStoredEval,
  readStoredRecords,
  updateStoredEval,
  type StoredEval,
} from './eval-store';

/** How often the view takes in new progress and records: often enough to look live, rarely enough to stay smooth. */
const VIEW_UPDATE_MS = 250;

export interface EvalRunView {
  stored?: StoredEval;
  records: EvalRecord[];
  progress?: EvalProgress;
  /** This tab is running it now. */
  running: boolean;
  /** When this tab started (or resumed) it, and how much was done then: the pace for the time left. */
  session?: { startedAt: number; startedDone: number };
  /** Why it could not start or go on here (another tab runs it; its settings no longer fit this browser's models). */
  problem?: string;
}

/**
 * One evaluation on the page: opened from this browser's store, started, stopped and resumed. Every record is kept
 * in IndexedDB before the next call starts, so a reload loses only what was in flight. The same evaluation runs in
 * one tab at a time (a Web Lock per evaluation).
 */
export function useEvalRun(catalog: CatalogView | undefined, headers: () => Record<string, string>) {
  const [view, setView] = useState<EvalRunView>({ records: [], running: false });
  const controller = useRef<AbortController | null>(null);
  const runningId = useRef<string | null>(null);
  const pending = useRef<{ records: EvalRecord[]; progress?: EvalProgress }>({ records: [] });
  const flushTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const headersRef = useRef(headers);
  headersRef.current = headers;

  const flush = useCallback(() => {
    flushTimer.current = null;
    const { records, progress } = pending.current;
    pending.current = { records: [] };
    setView((current) => ({ ...current, records: records.length ? [...current.records, ...records] : current.records, progress: progress ?? current.progress }));
  }, []);
  const scheduleFlush = useCallback(() => {
    flushTimer.current ??= setTimeout(flush, VIEW_UPDATE_MS);
  }, [flush]);

  const open = useCallback(async (id: string | undefined) => {
    // The evaluation this tab just started is already open, and running.
    if (id !== undefined && id === runningId.current) return;
    controller.current?.abort();
    if (id === undefined) {
      setView({ records: [], running: false });
      return;
    }
    const [stored, records] = await Promise.all([getStoredEval(id), readStoredRecords(id)]);
    setView({ stored, records, running: false, ...(stored ? {} : { problem: 'This evaluation is not in this browser.' }) });
  }, []);

  const run = useCallback(
    async (stored: StoredEval, prepared: PreparedEval, previous: EvalRecord[]) => {
      if (!catalog) return;
      const work = async () => {
        const abort = new AbortController();
        controller.current = abort;
        runningId.current = stored.id;
        const startedDone = previous.filter((record) => record.type !== 'run').length;
        setView({ stored: { ...stored, status: 'running' }, records: previous, running: true, session: { startedAt: Date.now(), startedDone } });
        await updateStoredEval(stored.id, { status: 'running', haltReason: undefined });
        try {
          const outcome = await runEval({
            prepared,
            backend: createHttpEvalBackend({ headers: () => headersRef.current() }),
            models: catalogDirectory(catalog),
            previous,
            signal: abort.signal,
            write: async (record) => {
              await appendStoredRecord(stored.id, record);
              pending.current.records.push(record);
              scheduleFlush();
            },
            onProgress: (progress) => {
              pending.current.progress = progress;
              scheduleFlush();
            },
          });
          const haltReason = outcome.status === 'halted' ? outcome.haltReason : outcome.judgeErrors[0];
          await updateStoredEval(stored.id, { status: outcome.status, haltReason });
          if (flushTimer.current) clearTimeout(flushTimer.current);
          flush();
          setView((current) => ({ ...current, running: false, stored: current.stored && { ...current.stored, status: outcome.status, haltReason } }));
        } catch (error) {
          const haltReason = error instanceof Error ? error.message : String(error);
          await updateStoredEval(stored.id, { status: 'halted', haltReason });
          setView((current) => ({ ...current, running: false, stored: current.stored && { ...current.stored, status: 'halted', haltReason } }));
        } finally {
          if (controller.current === abort) {
            controller.current = null;
            runningId.current = null;
          }
        }
      };
      if (!navigator.locks) return work();
      await navigator.locks.request(`moa-studio-eval:${stored.id}`, { ifAvailable: true }, async (lock) => {
        if (!lock) setView((current) => ({ ...current, problem: 'This evaluation is running in another tab.' }));
        else await work();
      });
    },
    [catalog, flush, scheduleFlush],
  );

  /** Starts a new evaluation; resolves to its id once it is stored (and running). Throws `EvalSetupError`. */
  const start = useCallback(
    async (options: { settings: Parameters<typeof prepareBrowserEval>[0]['settings']; questionSet: QuestionSet }): Promise<string | undefined> => {
      if (!catalog) return undefined;
      const prepared = prepareBrowserEval({ ...options, catalog });
      const stored = await createStoredEval({
        suiteName: prepared.suiteName,
        simulated: prepared.simulated,
        settings: prepared.settings,
        questions: prepared.questions,
      });
      void run(stored, prepared, []);
      return stored.id;
    },
    [catalog, run],
  );

  const resume = useCallback(async () => {
    const stored = view.stored;
    if (!stored || !catalog) return;
    try {
      const prepared = prepareBrowserEval({
        settings: stored.settings,
        questionSet: { id: stored.settings.suite, name: stored.suiteName, description: '', questions: stored.questions },
        catalog,
      });
      await run(stored, prepared, await readStoredRecords(stored.id));
    } catch (error) {
      setView((current) => ({ ...current, problem: error instanceof Error ? error.message : String(error) }));
    }
  }, [view.stored, catalog, run]);

  const stop = useCallback(() => controller.current?.abort(), []);

  useEffect(
    () => () => {
      controller.current?.abort();
      if (flushTimer.current) clearTimeout(flushTimer.current);
    },
    [],
  );

  return { view, open, start, resume, stop };
}
