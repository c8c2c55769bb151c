import { beforeEach, describe, expect, it, vi } from 'vitest';
import { POST as answerPOST } from '@/app/api/eval/answer/route';
import { POST as gradePOST } from '@/app/api/eval/grade/route';
import { POST as judgePOST } from '@/app/api/judge/route';
import { POST as moaPOST } from '@/app/api/moa/route';
import { GET as modelsGET } from '@/app/api/models/route';
import { createHttpEvalBackend } from '@/lib/client/eval/http-eval-backend';
import { catalogDirectory, prepareBrowserEval } from '@/lib/client/eval/prepare-browser-eval';
import { findBuiltInSet } from '@/lib/eval/questions/built-in-sets';
import { buildReport } from '@/lib/eval/report/build-report';
import type { EvalRecord } from '@/lib/eval/run/eval-records';
import type { EvalSettingsInput } from '@/lib/eval/run/eval-settings';
import { runEval } from '@/lib/eval/run/run-eval';
import { workTotal } from '@/lib/eval/run/work-total';
import { catalogSchema } from '@/lib/protocol/catalog';
import { workKeys } from '../support/eval-fixtures';

/**
 * An evaluation as the page runs it: the browser's backend calling the real route handlers (as `fetch` would reach
 * them), the simulator behind them, each record kept as it comes.
 */
const ROUTES: Record<string, (request: Request) => Promise<Response>> = {
  '/api/moa': moaPOST,
  '/api/eval/answer': answerPOST,
  '/api/judge': judgePOST,
  '/api/eval/grade': gradePOST,
};
const client = '198.51.100.7';
const calls: string[] = [];

beforeEach(() => {
  calls.length = 0;
  vi.stubEnv('LOCAL_MODELS', 'off');
  vi.stubEnv('SIMULATOR_SPEED', '1000');
  vi.stubEnv('TOGETHER_API_KEY', '');
  vi.stubEnv('RATE_LIMITS', 'off');
  vi.stubEnv('CLIENT_IP_HEADER', 'x-eval-test-client');
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const route = ROUTES[url];
    if (!route) throw new TypeError(`fetch failed: ${url}`);
    calls.push(url);
    return route(new Request(`http://localhost${url}`, { ...init, headers: { ...(init.headers as Record<string, string>), 'x-eval-test-client': client } }));
  });
});

async function catalog() {
  return catalogSchema.parse(await (await modelsGET(new Request('http://localhost/api/models'))).json());
}

const quick = findBuiltInSet('quick');
if (!quick) throw new Error('The quick set is missing.');

function settings(overrides: Partial<EvalSettingsInput> = {}): EvalSettingsInput {
  return {
    suite: 'quick',
    protocol: 'pairwise',
    contestants: [
      { kind: 'moa', id: 'simulated', preset: 'simulated' },
      { kind: 'model', id: 'simulator:qwen-72b', model: 'simulator:qwen-72b' },
    ],
    referenceId: 'simulator:qwen-72b',
    judgeModel: 'simulator:judge',
    concurrency: 3,
    limit: 3,
    ...overrides,
  };
}

async function runThroughRoutes(input: EvalSettingsInput, previous: EvalRecord[] = []) {
  const view = await catalog();
  const prepared = prepareBrowserEval({ settings: input, questionSet: quick as NonNullable<typeof quick>, catalog: view });
  const written: EvalRecord[] = [];
  const outcome = await runEval({
    prepared,
    backend: createHttpEvalBackend({ headers: () => ({}) }),
    models: catalogDirectory(view),
    previous,
    write: (record) => void written.push(record),
  });
  return { prepared, outcome, written };
}

describe('an evaluation through the app’s routes', () => {
  it('answers every question with MoA through /api/moa and the single model through /api/eval/answer, and judges each pair', async () => {
    const { prepared, outcome, written } = await runThroughRoutes(settings());
    expect(outcome.status).toBe('done');
    expect(workKeys(written)).toHaveLength(workTotal(prepared.settings, prepared.questions));
    expect(new Set(workKeys(written)).size).toBe(workKeys(written).length);
    expect(calls.filter((url) => url === '/api/moa')).toHaveLength(3);
    expect(calls.filter((url) => url === '/api/eval/answer')).toHaveLength(3);
    expect(calls.filter((url) => url === '/api/judge')).toHaveLength(3);
    const moa = written.find((record) => record.type === 'answer' && record.contestantId === 'simulated');
    expect(moa).toMatchObject({ type: 'answer', turns: [{ status: 'done' }] });
    const report = buildReport(outcome.records, prepared.questions);
    expect(report.simulated).toBe(true);
    expect(report.contestants.find((contestant) => contestant.id === 'simulated')?.pairwise?.n).toBe(3);
  });

  it('grades every turn through /api/eval/grade, two-turn questions after their own first answer', async () => {
    const studio = findBuiltInSet('studio-80');
    if (!studio) throw new Error('Studio 80 is missing.');
    const view = await catalog();
    const prepared = prepareBrowserEval({ settings: settings({ suite: 'studio-80', protocol: 'mt-bench', referenceId: undefined, limit: 1 }), questionSet: studio, catalog: view });
    const written: EvalRecord[] = [];
    const outcome = await runEval({ prepared, backend: createHttpEvalBackend({ headers: () => ({}) }), models: catalogDirectory(view), previous: [], write: (record) => void written.push(record) });
    expect(outcome.status).toBe('done');
    const grades = written.filter((record) => record.type === 'grade');
    expect(grades).toHaveLength(4);
    for (const grade of grades) expect(grade.type === 'grade' && grade.score).toBeGreaterThanOrEqual(1);
    expect(calls.filter((url) => url === '/api/moa')).toHaveLength(2);
  });

  it('halts when the server refuses to go on, keeps what was recorded, and a resume does only the rest', async () => {
    vi.stubEnv('RATE_LIMITS', 'on');
    vi.stubEnv('RATE_LIMIT_SIMULATED_CALLS', '40');
    const first = await runThroughRoutes(settings({ concurrency: 1 }));
    expect(first.outcome.status).toBe('halted');
    expect(first.outcome.haltReason).toMatch(/Resume once it refills/);
    expect(first.written.length).toBeGreaterThan(1);

    vi.stubEnv('RATE_LIMITS', 'off');
    const resumed = await runThroughRoutes(settings({ concurrency: 1 }), first.written);
    expect(resumed.outcome.status).toBe('done');
    const everything = [...first.written, ...resumed.written];
    expect(new Set(workKeys(everything)).size).toBe(workKeys(everything).length);
    expect(workKeys(everything)).toHaveLength(workTotal(resumed.prepared.settings, resumed.prepared.questions));
  });

  it('is refused before anything runs when it would spend the server’s own keys', async () => {
    vi.stubEnv('TOGETHER_API_KEY', 'sk-server-key');
    const view = await catalog();
    const single = view.models.find((model) => model.provider === 'together');
    const preset = view.presets.find((candidate) => candidate.id === 'moa-lite');
    if (!single || !preset) throw new Error('No Together model or preset in the catalog.');
    const onServer = settings({
      contestants: [
        { kind: 'moa', id: 'moa-lite', preset: 'moa-lite' },
        { kind: 'model', id: single.id, model: single.id },
      ],
      referenceId: single.id,
      judgeModel: single.id,
    });
    expect(() => prepareBrowserEval({ settings: onServer, questionSet: quick as NonNullable<typeof quick>, catalog: view })).toThrow(/server's own key/);
    expect(calls).toEqual([]);
  });
});
