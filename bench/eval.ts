/**
 * Evaluation benchmark: how close `runEval` comes to the ideal schedule for its concurrency.
 *
 * Run it with `npm run bench:eval` (about a minute and a half). Studio 80 (80 questions, two turns each), MoA-Lite's shape (six
 * proposers and an aggregator) against one model, judged pairwise, at concurrency 8, every model served over HTTP by
 * the local OpenAI-compatible test server with fixed latencies (no jitter), through `createGetModel` as `together:`
 * models whose base URL points at it.
 *
 * A call takes its first-byte delay plus one token interval per word after the first. From those durations:
 * - work ÷ concurrency: every answer and judgment back to back on 8 slots, the floor for any schedule;
 * - ideal schedule: the same tasks, in the order and with the priorities `runEval` uses (judgments first once both
 *   answers are in), on 8 slots with no overhead at all;
 * - wall: the measured run. The target is wall ≤ 1.1 × the ideal schedule.
 */
import { inProcessEval } from '@/lib/eval/run/in-process-backend';
import { expect, test } from 'vitest';
import { findBuiltInSet } from '@/lib/eval/questions/built-in-sets';
import type { QuestionSet } from '@/lib/eval/questions/question';
import type { EvalRecord } from '@/lib/eval/run/eval-records';
import { evalSettingsSchema } from '@/lib/eval/run/eval-settings';
import { prepareEval } from '@/lib/eval/run/prepare-eval';
import { runEval } from '@/lib/eval/run/run-eval';
import { createGetModel } from '@/lib/models/registry';
import { median } from '@/lib/stats/median';
import { startOpenAIServer } from '@/tests/support/openai-server';

const CONCURRENCY = 8;
const TARGET_RATIO = 1.1;
const NAMESPACE = 'evalbench';

/** A model on the test server: first byte, words per second, words in its answer. */
type Profile = { firstByteMs: number; tokensPerSecond: number; words: number };
const PROPOSERS: Profile[] = [
  { firstByteMs: 300, tokensPerSecond: 60, words: 30 },
  { firstByteMs: 400, tokensPerSecond: 55, words: 28 },
  { firstByteMs: 500, tokensPerSecond: 50, words: 30 },
  { firstByteMs: 600, tokensPerSecond: 45, words: 25 },
  { firstByteMs: 700, tokensPerSecond: 45, words: 28 },
  { firstByteMs: 800, tokensPerSecond: 40, words: 25 },
];
const AGGREGATOR: Profile = { firstByteMs: 400, tokensPerSecond: 50, words: 40 };
const SINGLE: Profile = { firstByteMs: 350, tokensPerSecond: 50, words: 40 };
const JUDGE: Profile = { firstByteMs: 300, tokensPerSecond: 80, words: 12 };

const callMs = (profile: Profile) => profile.firstByteMs + ((profile.words - 1) * 1000) / profile.tokensPerSecond;
const words = (count: number, last = '') => `${Array.from({ length: count - (last ? 1 : 0) }, (_, index) => `word${index}`).join(' ')}${last ? `\n${last}` : ''}`;

/** Makespan of the tasks on `slots` with `runEval`'s priorities and no overhead. */
function idealSchedule(questions: number, turns: number, slots: number): number {
  const moaMs = turns * (Math.max(...PROPOSERS.map(callMs)) + callMs(AGGREGATOR));
  const singleMs = turns * callMs(SINGLE);
  const judgeMs = callMs(JUDGE);
  type Task = { durationMs: number; priority: number; order: number; question: number };
  let order = 0;
  const waiting: Task[] = [];
  for (let question = 0; question < questions; question += 1) {
    waiting.push({ durationMs: moaMs, priority: 1, order: ++order, question }, { durationMs: singleMs, priority: 1, order: ++order, question });
  }
  const answersLeft = new Array<number>(questions).fill(2);
  const running: (Task & { endMs: number })[] = [];
  let now = 0;
  while (waiting.length > 0 || running.length > 0) {
    waiting.sort((a, b) => a.priority - b.priority || a.order - b.order);
    while (running.length < slots && waiting.length > 0) {
      const task = waiting.shift() as Task;
      running.push({ ...task, endMs: now + task.durationMs });
    }
    running.sort((a, b) => a.endMs - b.endMs);
    const finished = running.shift() as Task & { endMs: number };
    now = finished.endMs;
    if (finished.priority === 1) answersLeft[finished.question] = (answersLeft[finished.question] ?? 0) - 1;
    if (finished.priority === 1 && answersLeft[finished.question] === 0) {
      for (let turn = 0; turn < turns; turn += 1) waiting.push({ durationMs: judgeMs, priority: 0, order: ++order, question: finished.question });
    }
  }
  return now;
}

test('Studio 80, MoA-Lite against one model, pairwise, concurrency 8', async () => {
  const server = await startOpenAIServer();
  try {
    const behavior = (profile: Profile, text: string) => ({ text, firstByteMs: profile.firstByteMs, tokensPerSecond: profile.tokensPerSecond });
    server.setBehaviors({
      ...Object.fromEntries(PROPOSERS.map((profile, index) => [`${NAMESPACE}/p${index + 1}`, behavior(profile, words(profile.words))])),
      [`${NAMESPACE}/aggregator`]: behavior(AGGREGATOR, words(AGGREGATOR.words)),
      [`${NAMESPACE}/single`]: behavior(SINGLE, words(SINGLE.words)),
      [`${NAMESPACE}/judge`]: behavior(JUDGE, words(JUDGE.words, 'Verdict: tie')),
    });
    // The server's key runs only the models its catalog lists; these are priced at $1 per million tokens each way.
    const names = [...PROPOSERS.map((_, index) => `p${index + 1}`), 'aggregator', 'single', 'judge'];
    const env = {
      TOGETHER_API_KEY: 'bench',
      TOGETHER_BASE_URL: server.baseURL,
      EVAL_ON_SERVER_KEYS: 'on',
      SERVER_MODELS: names.map((name) => `together:${NAMESPACE}/${name}=1/1`).join(','),
    };
    const getModel = createGetModel({ env, byoKeys: {}, localModels: [] });
    const model = (name: string) => ({ model: `together:${NAMESPACE}/${name}`, temperature: 0.7, maxOutputTokens: 512 });
    const settings = evalSettingsSchema.parse({
      suite: 'studio-80',
      protocol: 'pairwise',
      contestants: [
        { kind: 'moa', id: 'moa-lite-shape', config: { layers: [{ agents: PROPOSERS.map((_, index) => model(`p${index + 1}`)) }], aggregator: model('aggregator') } },
        { kind: 'model', id: 'single', model: `together:${NAMESPACE}/single` },
      ],
      referenceId: 'single',
      judgeModel: `together:${NAMESPACE}/judge`,
      concurrency: CONCURRENCY,
    });
    const questionSet = findBuiltInSet('studio-80') as QuestionSet;
    const prepared = prepareEval({ settings, questionSet, getModel });
    const written: EvalRecord[] = [];
    const started = performance.now();
    const outcome = await runEval({ prepared, ...inProcessEval(getModel), previous: [], write: (record) => void written.push(record) });
    const records = written.length;
    const wallMs = performance.now() - started;

    const questions = prepared.questions.length;
    const turns = 2;
    const workMs = questions * (turns * (Math.max(...PROPOSERS.map(callMs)) + callMs(AGGREGATOR)) + turns * callMs(SINGLE) + turns * callMs(JUDGE));
    const floorMs = workMs / CONCURRENCY;
    const idealMs = idealSchedule(questions, turns, CONCURRENCY);
    const ratio = wallMs / idealMs;
    const line = (label: string, value: string) => console.log(`${label.padEnd(34)}${value}`);
    line('questions × turns', `${questions} × ${turns}, concurrency ${CONCURRENCY}`);
    line('records written', `${records} (status ${outcome.status}, ${outcome.judgeErrors.length} judge errors)`);
    line('work ÷ concurrency', `${(floorMs / 1000).toFixed(2)} s`);
    line('ideal schedule', `${(idealMs / 1000).toFixed(2)} s`);
    line('wall', `${(wallMs / 1000).toFixed(2)} s`);
    line('wall ÷ ideal schedule', `${ratio.toFixed(3)} (target ≤ ${TARGET_RATIO})`);
    // Where a gap comes from: calls that took longer than configured (CPU, timers), or the schedule itself.
    const turnMs = (contestantId: string) =>
      median(written.flatMap((record) => (record.type === 'answer' && record.contestantId === contestantId ? record.turns.map((turn) => turn.totalMs) : [])));
    const moaTurnMs = Math.max(...PROPOSERS.map(callMs)) + callMs(AGGREGATOR);
    line('MoA turn, median ÷ configured', `${((turnMs('moa-lite-shape') ?? 0) / moaTurnMs).toFixed(3)} (${moaTurnMs.toFixed(0)} ms configured)`);
    line('single turn, median ÷ configured', `${((turnMs('single') ?? 0) / callMs(SINGLE)).toFixed(3)} (${callMs(SINGLE).toFixed(0)} ms configured)`);
    expect(outcome.status).toBe('done');
    expect(records).toBe(1 + questions * 2 + questions * turns);
  } finally {
    await server.close();
  }
});
