import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { runMoA } from '@/lib/moa/run-moa';
import { TurnBudget } from '@/lib/moa/turn-budget';
import { agents, collect, config, question } from '../../support/engine-fixtures';
import { answerParts, handle, streamOf } from '../../support/test-models';

/** A budget on a hand-moved clock, whose "next turn" runs only when the test says the loop turned. */
function manualBudget(budgetMs: number) {
  let now = 0;
  let waiting: (() => void)[] = [];
  const budget = new TurnBudget(
    budgetMs,
    () => now,
    (callback) => waiting.push(callback),
  );
  return {
    budget,
    advance: (ms: number) => {
      now += ms;
    },
    turnLoop: () => {
      const callbacks = waiting;
      waiting = [];
      for (const callback of callbacks) callback();
    },
  };
}

describe('TurnBudget', () => {
  it('lets work go on at once while the turn is within its budget', () => {
    const { budget, advance } = manualBudget(10);
    const pause = budget.reader();
    expect(pause()).toBeUndefined();
    advance(9);
    expect(pause()).toBeUndefined();
  });

  it('makes work past the budget wait until the loop has turned', async () => {
    const { budget, advance, turnLoop } = manualBudget(10);
    const pause = budget.reader();
    pause();
    advance(10);
    let resumed = false;
    const waiting = pause()?.then(() => {
      resumed = true;
    });
    expect(waiting).toBeDefined();
    await Promise.resolve();
    expect(resumed).toBe(false);

    turnLoop();
    await waiting;
    expect(resumed).toBe(true);
  });

  it('gives every waiting reader at least one part in the next turn, then a fresh budget', async () => {
    const { budget, advance, turnLoop } = manualBudget(10);
    const [first, second] = [budget.reader(), budget.reader()];
    first();
    advance(10);
    const waiting = [first(), second()];
    expect(waiting.every((pause) => pause !== undefined)).toBe(true);

    turnLoop();
    await Promise.all(waiting);
    advance(50);
    // The first reader to resume spends the new turn's budget; the second still gets its one part.
    expect(first()).toBeUndefined();
    expect(first()).toBeUndefined();
    advance(10);
    expect(first()).toBeDefined();
    expect(second()).toBeUndefined();
    expect(second()).toBeDefined();
  });
});

describe('an agent reading a long burst of parts', () => {
  it('lets a timer that was due run before it has read them all', async () => {
    // Far more parts than one 10 ms budget can read, all there at once, as from a response that fell behind.
    const burst = new MockLanguageModelV4({
      doStream: async () => ({ stream: streamOf(answerParts(Array.from({ length: 20_000 }, () => 'word ').join(''))) }),
    });
    const aggregator = new MockLanguageModelV4({ doStream: async () => ({ stream: streamOf(answerParts('short')) }) });
    const { events, onEvent } = collect();
    let agentEventsBeforeTimer: number | undefined;
    setTimeout(() => {
      agentEventsBeforeTimer = events.filter((event) => event.type === 'agent-end').length;
    }, 0);

    const outcome = await runMoA({
      config: config({ layers: [agents('t:burst')], aggregator: { model: 't:aggregator' } }),
      messages: question,
      getModel: (modelId) => (modelId === 't:burst' ? handle(modelId, burst) : handle(modelId, aggregator)),
      onEvent,
    });

    expect(outcome.status).toBe('done');
    expect(agentEventsBeforeTimer).toBe(0);
  }, 30_000);
});
