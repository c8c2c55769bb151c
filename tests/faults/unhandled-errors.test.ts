import { describe, expect, it } from 'vitest';
import { watchUnhandledErrors } from '../support/unhandled-errors';

/** One turn of the event loop: by then Node has reported a rejection left unhandled in the turn before. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

describe('the watch every fault test runs under', () => {
  it('sees a rejection nobody handled', async () => {
    const watch = watchUnhandledErrors();
    const lost = new Error('A rejection the fault suite must notice.');
    void Promise.reject(lost);
    await nextTurn();

    expect(watch.stop().rejections).toEqual([lost]);
  });

  it('sees an error written to the console', () => {
    const watch = watchUnhandledErrors();
    console.error('Logged on purpose by the test of the fault suite’s watch.');

    expect(watch.stop().consoleErrors).toEqual([['Logged on purpose by the test of the fault suite’s watch.']]);
  });
});
