import { inProcessEval } from '@/lib/eval/run/in-process-backend';
import { describe, expect, it } from 'vitest';
import { simulatedAuthorOf } from '@/lib/models/simulator-judge';
import { findBuiltInSet } from '@/lib/eval/questions/built-in-sets';
import type { QuestionSet } from '@/lib/eval/questions/question';
import { buildReport } from '@/lib/eval/report/build-report';
import type { EvalRecord } from '@/lib/eval/run/eval-records';
import { EvalSetupError } from '@/lib/eval/run/eval-setup-error';
import { prepareEval } from '@/lib/eval/run/prepare-eval';
import { runEval } from '@/lib/eval/run/run-eval';
import { evalModels, evalSettings, workKeys } from '@/tests/support/eval-fixtures';

const quick = findBuiltInSet('quick') as QuestionSet;
const studio = findBuiltInSet('studio-80') as QuestionSet;

function collect() {
  const written: EvalRecord[] = [];
  return { written, write: (record: EvalRecord) => void written.push(record) };
}

describe('runEval, pairwise', () => {
  it.each([0.75, 0.25])('recovers the simulated judge’s set preference (%s) within the win rate’s interval', async (rate) => {
    const { getModel } = evalModels({ judgePreference: { favour: 'simulator:aggregator', rate } });
    const prepared = prepareEval({ settings: evalSettings(), questionSet: quick, getModel });
    const { write, written } = collect();
    const outcome = await runEval({ prepared, ...inProcessEval(getModel), previous: [], write });

    expect(outcome.status).toBe('done');
    const answers = written.filter((record) => record.type === 'answer');
    // The preference keys on who wrote an answer: only the MoA's answers come from its aggregator.
    for (const answer of answers) {
      const text = answer.turns[0]?.text ?? '';
      expect(simulatedAuthorOf(text) === 'simulator:aggregator', `${answer.contestantId} ${answer.questionId}`).toBe(answer.contestantId === 'moa');
    }
    const report = buildReport(outcome.records, quick.questions);
    const moa = report.contestants.find((contestant) => contestant.id === 'moa');
    expect(report.simulated).toBe(true);
    expect(moa?.pairwise?.n).toBe(12);
    expect(Math.abs((moa?.pairwise?.winRate ?? 0) - rate)).toBeLessThan(0.25);
    expect(moa?.pairwise?.inconsistentRate).toBe(0);
    expect(moa?.pairwise?.wilson?.lower).toBeLessThanOrEqual(rate);
    expect(moa?.pairwise?.wilson?.upper).toBeGreaterThanOrEqual(rate);
    expect(moa?.pairwise?.bootstrap?.lower).toBeLessThanOrEqual(rate);
    expect(moa?.pairwise?.bootstrap?.upper).toBeGreaterThanOrEqual(rate);
  });

  it('writes the header first, then one answer per contestant and question and one judgment per question', async () => {
    const { getModel } = evalModels();
    const prepared = prepareEval({ settings: evalSettings({ limit: 3 }), questionSet: quick, getModel });
    const { write, written } = collect();
    await runEval({ prepared, ...inProcessEval(getModel), previous: [], write });
    expect(written[0]).toMatchObject({ type: 'run', simulated: true, questionIds: ['quick-01', 'quick-02', 'quick-03'] });
    expect(workKeys(written).sort()).toEqual(
      [
        ...['quick-01', 'quick-02', 'quick-03'].flatMap((id) => [`answer ${id} moa`, `answer ${id} single`, `pairwise ${id} moa 0`]),
      ].sort(),
    );
  });

  it('asks the second turn after the contestant’s own first answer and judges each turn', async () => {
    const { getModel, prompts } = evalModels();
    const prepared = prepareEval({ settings: evalSettings({ suite: 'studio-80', limit: 1 }), questionSet: studio, getModel });
    const { write, written } = collect();
    await runEval({ prepared, ...inProcessEval(getModel), previous: [], write });
    const single = written.find((record) => record.type === 'answer' && record.contestantId === 'single');
    const firstAnswer = single?.type === 'answer' ? single.turns[0]?.text : undefined;
    const secondCall = prompts.get('simulator:single')?.[1];
    expect(secondCall?.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(secondCall?.[1]?.content).toEqual([{ type: 'text', text: firstAnswer }]);
    expect(workKeys(written).filter((key) => key.startsWith('pairwise'))).toEqual(['pairwise writing-01 moa 0', 'pairwise writing-01 moa 1']);
    const judgePrompts = (prompts.get('simulator:judge') ?? []).map((prompt) => JSON.stringify(prompt));
    // The second turn's judgment shows the first question for context, then the one the answers reply to.
    expect(judgePrompts.filter((prompt) => prompt.includes('Earlier in the conversation the user asked:'))).toHaveLength(2);
  });

  it('resumes a stopped run without asking anything twice or losing a finished answer', async () => {
    const { getModel } = evalModels();
    const prepared = prepareEval({ settings: evalSettings({ concurrency: 2 }), questionSet: quick, getModel });
    const controller = new AbortController();
    const first = collect();
    const stopped = await runEval({
      prepared,
      ...inProcessEval(getModel),
      previous: [],
      signal: controller.signal,
      write: (record) => {
        first.write(record);
        if (first.written.length === 10) controller.abort();
      },
    });
    expect(stopped.status).toBe('stopped');
    const total = 12 * 3;
    expect(workKeys(first.written).length).toBeLessThan(total);

    const second = collect();
    const resumed = await runEval({ prepared, ...inProcessEval(getModel), previous: first.written, write: second.write });
    expect(resumed.status).toBe('done');
    expect(second.written.some((record) => record.type === 'run')).toBe(false);
    const all = workKeys([...first.written, ...second.written]);
    expect(all).toHaveLength(total);
    expect(new Set(all).size).toBe(total);
    expect(workKeys(resumed.records).sort()).toEqual([...all].sort());
  });

  it('stops before a call that could take the spend past the cap, and stays under it', async () => {
    const { getModel } = evalModels();
    const prepared = prepareEval({ settings: evalSettings({ spendCapUsd: 0.01, concurrency: 2 }), questionSet: quick, getModel });
    const { write, written } = collect();
    const outcome = await runEval({ prepared, ...inProcessEval(getModel), previous: [], write });
    expect(outcome.status).toBe('spend_cap');
    expect(outcome.spentUsd).toBeGreaterThan(0);
    expect(outcome.spentUsd).toBeLessThanOrEqual(0.01);
    expect(workKeys(written).length).toBeLessThan(36);
  });

  it('reports progress up to every answer and judgment done, with spend and what is in flight', async () => {
    const { getModel } = evalModels();
    const prepared = prepareEval({ settings: evalSettings({ limit: 4, concurrency: 3 }), questionSet: quick, getModel });
    const seen: { done: number; total: number; inFlight: number; spentUsd: number }[] = [];
    await runEval({
      prepared,
      ...inProcessEval(getModel),
      previous: [],
      write: () => undefined,
      onProgress: (progress) => seen.push({ ...progress, inFlight: progress.inFlight.length }),
    });
    expect(seen.at(-1)).toMatchObject({ done: 12, total: 12, inFlight: 0 });
    expect(Math.max(...seen.map((progress) => progress.inFlight))).toBe(3);
    expect(seen.at(-1)?.spentUsd).toBeGreaterThan(0);
  });
});

describe('runEval, MT-Bench grading', () => {
  it('grades every turn of every contestant, against the reference for math, reasoning and coding', async () => {
    const { getModel, prompts } = evalModels();
    const settings = evalSettings({ suite: 'studio-80', protocol: 'mt-bench', referenceId: undefined });
    const questionSet = { ...studio, questions: studio.questions.filter((question) => ['writing-01', 'math-01'].includes(question.id)) };
    const prepared = prepareEval({ settings, questionSet, getModel });
    const { write, written } = collect();
    await runEval({ prepared, ...inProcessEval(getModel), previous: [], write });
    const grades = written.filter((record) => record.type === 'grade');
    expect(grades).toHaveLength(2 * 2 * 2);
    for (const grade of grades) {
      expect(grade.score).toBeGreaterThanOrEqual(1);
      expect(grade.referenceGuided).toBe(grade.questionId === 'math-01');
    }
    const judgePrompts = (prompts.get('simulator:judge') ?? []).map((prompt) => JSON.stringify(prompt));
    expect(judgePrompts.filter((prompt) => prompt.includes('x = 14'))).toHaveLength(2);
    const report = buildReport(written, questionSet.questions);
    expect(report.contestants[0]?.grades?.overall.n).toBe(4);
    expect(Object.keys(report.contestants[0]?.grades?.byCategory ?? {})).toEqual(['math', 'writing']);
  });
});

describe('setup errors', () => {
  const { getModel } = evalModels({ real: ['together:real-model'] });

  it('refuses to mix simulated and real models, naming the setting', () => {
    const settings = evalSettings({ contestants: [{ kind: 'moa', id: 'moa', preset: 'simulated' }, { kind: 'model', id: 'single', model: 'together:real-model' }] });
    expect(() => prepareEval({ settings, questionSet: quick, getModel })).toThrow(
      expect.objectContaining({ code: 'mixed_simulation' }) as unknown as Error,
    );
  });

  it('names an unknown model and an unknown preset', () => {
    const unknownModel = evalSettings({ judgeModel: 'nowhere:judge' });
    expect(() => prepareEval({ settings: unknownModel, questionSet: quick, getModel })).toThrow(
      expect.objectContaining({ code: 'unknown_model', field: 'judgeModel' }) as unknown as Error,
    );
    const unknownPreset = evalSettings({ contestants: [{ kind: 'moa', id: 'moa', preset: 'no-such' }, { kind: 'model', id: 'single', model: 'simulator:single' }] });
    expect(() => prepareEval({ settings: unknownPreset, questionSet: quick, getModel })).toThrow(
      expect.objectContaining({ code: 'unknown_preset', field: 'contestants.0.preset' }) as unknown as Error,
    );
  });

  it('refuses results of another evaluation before running anything', async () => {
    const prepared = prepareEval({ settings: evalSettings({ limit: 1 }), questionSet: quick, getModel });
    const { write, written } = collect();
    await runEval({ prepared, ...inProcessEval(getModel), previous: [], write });
    const other = prepareEval({ settings: evalSettings({ limit: 1, seed: 2 }), questionSet: quick, getModel });
    const again = collect();
    await expect(runEval({ prepared: other, ...inProcessEval(getModel), previous: written, write: again.write })).rejects.toBeInstanceOf(EvalSetupError);
    expect(again.written).toEqual([]);
  });

  it('needs a reference that is one of the contestants for the pairwise protocol', () => {
    expect(() => evalSettings({ referenceId: 'nobody' })).toThrow(/referenceId/);
    expect(() => evalSettings({ referenceId: undefined })).toThrow(/referenceId/);
  });
});

describe('runEval when a record cannot be kept', () => {
  it('rejects with the write’s error and starts nothing more', async () => {
    const { getModel, prompts } = evalModels();
    const prepared = prepareEval({ settings: evalSettings({ concurrency: 1 }), questionSet: quick, getModel });
    let writes = 0;
    const failing = runEval({
      prepared,
      ...inProcessEval(getModel),
      previous: [],
      write: () => {
        writes += 1;
        if (writes === 2) throw new Error('disk full');
      },
    });
    await expect(failing).rejects.toThrow('disk full');
    const callsAtFailure = [...prompts.values()].reduce((sum, calls) => sum + calls.length, 0);
    // With one slot, the failed write came after the first answer; at most the one task in flight went on.
    expect(callsAtFailure).toBeLessThanOrEqual(2 * 3);
  });
});
