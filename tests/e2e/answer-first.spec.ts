import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
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

  // The line's own button leads to where it is fixed: here the models, in Settings.
  const action = page.locator('main').getByTestId('run-failure-action');
  await expect(action).toHaveText('Settings');
  await action.click();
  await expect(page.locator('#settings-panel')).toBeVisible();
});

/** The sticky bar holding the prompt box. */
const promptBar = (page: Page) => page.getByLabel('Your question').locator('xpath=ancestor::div[contains(@class,"sticky")][1]');

/** How far the end of the latest answer is below the top of the sticky prompt bar (negative: above it, in view). */
async function answerEndBelowBar(page: Page): Promise<number> {
  const answer = await page.locator('main [data-testid="answer"]').last().boundingBox();
  const bar = await promptBar(page).boundingBox();
  if (!answer || !bar) throw new Error('the answer and the prompt bar have boxes');
  return answer.y + answer.height - bar.y;
}

test('the view follows the streaming answer until the user scrolls up; then "Jump to latest" brings it back', async ({ page }) => {
  await page.setViewportSize({ width: 1200, height: 800 });
  const chat = new ChatPage(page);
  await chat.remember();
  await chat.open();
  // A first run, so the page is taller than the window when the second one streams.
  await chat.ask('Write a table of three planets and their moons.');
  await expect(page.getByTestId('run-summary')).toBeVisible({ timeout: 30_000 });
  await chat.ask('Explain, with a list, how tides work.');
  const answer = page.locator('main [data-testid="answer"]').last();
  await expect(answer).toHaveAttribute('aria-busy', 'true');
  await expect(answer).not.toContainText('aggregator writes once', { timeout: 30_000 });
  // Text arrives between frames and the view follows in the next one: read it as a frame leaves it.
  await expect.poll(() => answerEndBelowBar(page), { message: 'followed: the answer’s end sits above the prompt bar' }).toBeLessThanOrEqual(2);

  await expect(page.getByTestId('jump-to-latest')).toHaveCount(0);
  await page.mouse.move(600, 300);
  await page.mouse.wheel(0, -2000);
  const jump = page.getByTestId('jump-to-latest');
  await expect(jump).toBeVisible();
  await jump.click();
  await expect(jump).toHaveCount(0);
  await expect.poll(() => answerEndBelowBar(page)).toBeLessThanOrEqual(2);
  await expect(page.getByTestId('run-summary').last()).toBeVisible({ timeout: 30_000 });
  expect(await answerEndBelowBar(page), 'still followed to the end').toBeLessThanOrEqual(2);
  // Once over, the answer's buttons are in view too, not under the prompt bar.
  const regenerate = await page.getByTestId('regenerate').boundingBox();
  const bar = await promptBar(page).boundingBox();
  expect((regenerate?.y ?? 0) + (regenerate?.height ?? 0)).toBeLessThanOrEqual((bar?.y ?? 0) + 1);
});

test('a run that finished folds its diagram into a one-line summary that opens it again, and passes axe either way', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.remember();
  await chat.open();
  await chat.ask('Why is the sky blue?');
  const toggle = page.getByTestId('toggle-diagram');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false', { timeout: 30_000 });
  await expect(toggle).toContainText(/^13\/13 agents answered · [\d.]+ s · [\d,]+ tokens · \$[\d.]+ · simulated/);
  await expect(page.locator('main [data-testid="run-panel"]')).toBeHidden();
  await expect(page.locator('main [data-testid="answer"]')).toBeVisible();
  expect((await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations.map((v) => v.id)).toEqual([]);

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator('main [data-testid="run-panel"]')).toBeVisible();
  expect((await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations.map((v) => v.id)).toEqual([]);
});

test('the menu holds the API keys, your shared links, Evaluate and Stats, and passes axe open', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.remember();
  await chat.open();
  await page.getByTestId('open-menu').click();
  const menu = page.getByRole('navigation', { name: 'More' });
  for (const name of ['API keys', 'Your shared links']) await expect(menu.getByRole('button', { name })).toBeVisible();
  for (const name of ['Evaluate', 'Stats']) await expect(menu.getByRole('link', { name })).toBeVisible();
  expect((await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations.map((v) => v.id)).toEqual([]);
  await page.getByTestId('open-shared-links').click();
  const dialog = page.getByRole('dialog', { name: 'Your shared links' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('has not shared a conversation yet');
  expect((await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations.map((v) => v.id)).toEqual([]);
});
