import { expect, test } from '@playwright/test';
import { ChatPage } from './chat-page';

/**
 * While the aggregator streams, the answer is on screen at every width, above the diagram where they stack, and a
 * progress line says where the run stands.
 */
for (const viewport of [
  { width: 1200, height: 800 },
  { width: 390, height: 844 },
]) {
  test(`the answer is in view while it streams, with the progress line, at ${viewport.width}×${viewport.height}`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const chat = new ChatPage(page);
    await chat.remember();
    await chat.open();
    await chat.ask('Why do cats purr?');
    await expect(page.getByTestId('run-progress')).toHaveText(/^Layer [1-3] of 3 · \d+ of 13 agents done · .+ · \$/);
    const answer = page.locator('main [data-testid="answer"]');
    await expect(answer).toHaveAttribute('aria-busy', 'true');
    await expect(answer).not.toContainText('aggregator writes once', { timeout: 30_000 });
    const box = await answer.boundingBox();
    expect(box, 'the answer has a box').not.toBeNull();
    const panel = await page.locator('main [data-testid="run-panel"]').boundingBox();
    if (box && panel && panel.x < box.x + box.width && box.x < panel.x + panel.width) {
      // Stacked: the answer comes first.
      expect(box.y).toBeLessThan(panel.y);
    }
    expect((box?.y ?? viewport.height) + 40).toBeLessThan(viewport.height);
    await expect(page.getByTestId('run-summary')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('run-progress')).toHaveCount(0);
  });
}

test('a failed run says why at the answer’s place, marks what never ran as skipped, and still says so after a reload', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.remember({
    settings: {
      mode: 'custom',
      config: {
        layers: [{ agents: [{ model: 'simulator:fails-early' }, { model: 'simulator:fails-early' }] }],
        aggregator: { model: 'simulator:qwen-110b' },
        maxRetries: 0,
      },
    },
  });
  await chat.open();
  await chat.ask('Will this work?');
  const failure = page.locator('main').getByTestId('run-failure');
  await expect(failure).toContainText('(503)', { timeout: 30_000 });
  await expect(failure).toContainText('→');
  await expect(page.getByTestId('agent-L2.1')).toHaveAttribute('data-status', 'skipped');
  const said = await failure.textContent();

  await page.reload();
  await chat.ready();
  await expect(page.locator('main').getByTestId('run-failure')).toHaveText(said ?? '');
  // Whether the reloaded run's diagram starts open or folded, open it.
  const show = page.getByRole('button', { name: 'Show diagram' });
  if (await show.isVisible()) await show.click();
  await expect(page.getByTestId('agent-L2.1')).toHaveAttribute('data-status', 'skipped');
});
